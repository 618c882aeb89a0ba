/**
 * Where focus goes, for keyboard and screen-reader users: a page reached by a link, and each new
 * step of a wizard, put focus on their heading (a screen reader announces it, and the next Tab
 * starts there); a control that navigates without leaving the page keeps its focus; an address
 * that is no page says so in the user's language.
 */
import { expect, test } from '@playwright/test';
import { resetSandbox, seedServiceRequests, signIn, waitForSynced } from './helpers';

test.beforeEach(async ({ request }) => {
	await resetSandbox(request);
});

test('a page reached by a link and every wizard step take focus at their heading', async ({ page }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	// The first load moves nothing; a navigation does.
	await page.getByRole('link', { name: 'Partnership > Offers' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Partnership > Offers' })).toBeFocused();

	// The wizard's page: its heading, then each step's as it replaces the last.
	await page.getByRole('link', { name: 'Subscribe now' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Subscribe to Microsoft Action Pack' })).toBeFocused();
	await expect(page.getByRole('heading', { level: 2, name: 'Offer' })).toBeVisible();
	await page.getByRole('button', { name: 'Next' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Terms of internal-use rights' })).toBeFocused();
	// Tab goes on from the heading, into the step (not back to the top of the page).
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: /terms/i }).first()).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('I accept the terms')).toBeFocused();
	await page.keyboard.press('Space');
	await page.getByRole('button', { name: 'Next' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Payment' })).toBeFocused();
	// The card form loads with its step: its heading is focused once it is there.
	await page.getByRole('button', { name: 'Get started! Add a way to pay.' }).first().click();
	await expect(page.getByRole('heading', { level: 2, name: 'Enter payment info' })).toBeFocused();
	await page.getByLabel('Card number').fill('4242 4242 4242 4242');
	await page.getByLabel('Expiration date').fill('12/30');
	await page.getByLabel('Security code').fill('987');
	await page.getByLabel('Cardholder name').fill('Alex Admin');
	await page.getByRole('button', { name: 'Next' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Payment' })).toBeFocused();
	await page.getByRole('button', { name: 'Next' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Review order details' })).toBeFocused();
	// Back returns to the step before, focused the same way.
	await page.getByRole('button', { name: 'Back' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Payment' })).toBeFocused();
});

test('a filter that changes the address keeps its focus; a heading that waits for its data gets it when it comes', async ({ page, request }) => {
	await seedServiceRequests(request, 'partner-contoso', 3, 1);
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await page.goto('/support/requests');
	await page.getByRole('button', { name: 'Closed' }).click();
	await expect(page).toHaveURL(/status=closed/);
	await expect(page.getByRole('button', { name: 'Closed' })).toBeFocused();
	// A request's details read the request after the page is shown: its title is the heading.
	await page.getByRole('link', { name: 'Seeded request 1', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Seeded request 1' })).toBeFocused();
});

for (const [locale, words] of [
	['en-US', { title: 'Not found', text: /This page does not exist/, dashboard: 'Dashboard', signIn: undefined }],
	['ko-KR', { title: '찾을 수 없음', text: /이 페이지가 없습니다/, dashboard: '대시보드', signIn: { email: '전자 메일', password: '암호', signIn: '로그인', dashboard: '대시보드' } }]
] as const) {
	test.describe(locale, () => {
		test.use({ locale });
		test('an address that is no page says so, with no status code, and leads back', async ({ page }) => {
			await signIn(page, 'admin@fabrikam.example', ...((words.signIn ? [words.signIn] : []) as []));
			await page.goto('/partnership/no-such-page');
			await expect(page.getByRole('heading', { level: 1, name: words.title })).toBeVisible();
			await expect(page.getByText(words.text)).toBeVisible();
			// Neither the status nor SvelteKit's own message ('Not Found', capitalised).
			await expect(page.locator('main')).not.toContainText('404');
			await expect(page.locator('main')).not.toContainText('Not Found');
			await page.locator('main').getByRole('link', { name: words.dashboard }).click();
			await expect(page.getByRole('heading', { level: 1, name: words.dashboard })).toBeFocused();
		});
	});
}
