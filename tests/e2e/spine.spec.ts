import { expect, test } from '@playwright/test';
import { ledger, PASSWORD, resetSandbox, setFaults, signIn, waitForServiceWorker, sessionToken, waitForSynced } from './helpers';

test.beforeEach(async ({ request }) => {
	await resetSandbox(request);
});

test('sign in, see membership and offers, then use them offline after a reload', async ({ page, context }) => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/signin/);
	await signIn(page, 'admin@contoso.example');
	await expect(page.getByText('Contoso')).toBeVisible();
	await expect(page.getByText('Network membership').first()).toBeVisible();
	await waitForSynced(page);

	await page.getByRole('link', { name: 'Partnership > Offers' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Partnership > Offers' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Available offers' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Microsoft Action Pack' })).toBeVisible();
	await expect(page.getByText('$475.00')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Subscribe now' })).toBeVisible();
	await expect(page.getByText('You have not purchased any offers yet.')).toBeVisible();

	await page.goto('/membership');
	await expect(page.getByRole('heading', { level: 1, name: 'Membership' })).toBeVisible();
	await expect(page.getByText('Only network members can upgrade their membership.')).toBeVisible();

	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Membership' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Network membership' })).toBeVisible();

	for (const [path, heading, data] of [
		['/', 'Dashboard', 'Contoso'],
		['/partnership/offers', 'Partnership > Offers', '$475.00'],
		['/membership', 'Membership', 'Microsoft competencies']
	] as const) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
		await expect(page.getByText(data).first()).toBeVisible();
	}
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
	await context.setOffline(false);
});

test.describe('in Korean', () => {
	test.use({ locale: 'ko-KR' });

	test('an Action Pack partner sees the seed’s Korean labels, also offline', async ({ page, context }) => {
		await signIn(page, 'admin@fabrikam.example', { email: '전자 메일', password: '암호', signIn: '로그인', dashboard: '대시보드' });
		await expect(page.getByText('Fabrikam Korea')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Action Pack 구독', exact: true })).toBeVisible();
		await expect(page.getByText('자동 갱신 꺼짐')).toBeVisible();
		await waitForSynced(page);

		await page.goto('/partnership/offers');
		await expect(page.getByRole('heading', { level: 1, name: '파트너십 > 제품' })).toBeVisible();
		await expect(page.getByRole('heading', { name: '사용 가능한 제품' })).toBeVisible();
		await expect(page.getByRole('heading', { name: '구입한 제품' })).toBeVisible();
		// Already subscribed: the button is there, disabled, with the reason.
		await expect(page.getByRole('button', { name: '지금 구독' })).toBeDisabled();
		await expect(page.getByText('이미 활성 Action Pack 구독이 있습니다.')).toBeVisible();
		await expect(page.getByText('₩560,000').first()).toBeVisible();

		await waitForServiceWorker(page);
		await context.setOffline(true);
		await page.goto('/membership');
		await expect(page.getByRole('heading', { level: 1, name: '멤버십' })).toBeVisible();
		await expect(page.getByText('Cloud Platform')).toBeVisible();
		await expect(page.getByText('Data Analytics')).toBeVisible();
		await page.goto('/partnership/offers');
		await expect(page.getByRole('heading', { name: '구입한 제품' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Microsoft Action Pack 구독' })).toBeVisible();
		await context.setOffline(false);
	});
});

test('a partner that is not a network member is told it cannot upgrade', async ({ page }) => {
	await signIn(page, 'admin@northwind.example');
	await page.goto('/partnership/offers');
	await expect(page.getByText('Only network members can subscribe.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Subscribe now' })).toBeDisabled();
	await page.goto('/membership');
	await expect(page.getByText(/not a network member yet/)).toBeVisible();
});

test('bad sign-in gets a clear message and keeps the email', async ({ page }) => {
	await page.goto('/signin');
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page.getByText('Enter your email address.')).toBeVisible();
	await expect(page.getByText('Enter your password.')).toBeVisible();
	await page.getByLabel('Email').fill('admin@contoso.example');
	await page.getByLabel('Password').fill('wrong');
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText('That email and password do not match a Partner Center account.');
	await expect(page.getByLabel('Email')).toHaveValue('admin@contoso.example');
});

test('an answer that breaks the schema is shown as an error, not a crash', async ({ page, request }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await setFaults(request, { malformedRate: 1 });
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByRole('alert')).toContainText('could not read');
	// What was shown before is still there.
	await expect(page.getByText('Contoso')).toBeVisible();
	await setFaults(request, { malformedRate: 0 });
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the language follows the browser, can be switched, and is remembered', async ({ page }) => {
	await page.goto('/signin');
	await expect(page.getByRole('heading', { name: 'Sign in to Partner Center' })).toBeVisible();
	await page.getByRole('button', { name: '한국어' }).click();
	await expect(page.getByRole('heading', { name: '파트너 센터에 로그인' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
	await page.reload();
	await expect(page.getByRole('heading', { name: '파트너 센터에 로그인' })).toBeVisible();
});

test('the session survives a reload, and sign-out returns to sign-in', async ({ page }) => {
	await signIn(page, 'mpn@contoso.example');
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
	await page.getByRole('button', { name: 'Menu' }).click();
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
	await expect(page.getByRole('button', { name: 'Menu' })).toBeFocused();
	await page.getByRole('button', { name: 'Menu' }).click();
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/signin/);
	await page.goto('/partnership/offers');
	await expect(page).toHaveURL(/\/signin\?next=/);
});

test('an ended session asks to sign in again and keeps the writes that wait', async ({ page, context, request }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await waitForServiceWorker(page);
	const token = await sessionToken(page);
	await context.setOffline(true);
	await page.goto('/support/new');
	await page.getByLabel('Problem type').selectOption('billing');
	await page.getByLabel('Title').fill('Written before the session ended');
	await page.getByLabel('Description').fill('This must survive signing in again.');
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(page.getByText('Waiting to sync').first()).toBeVisible();
	// The server forgets the session (as after a restart) while the phone is offline.
	expect((await request.post('/api/v1/auth/signout', { headers: { authorization: `Bearer ${token}` } })).ok()).toBeTruthy();
	await context.setOffline(false);
	await page.goto('/support/requests');
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByRole('alert')).toContainText('Your session has ended.');
	await page.getByRole('link', { name: 'Sign in again' }).click();
	await page.getByLabel('Email').fill('admin@contoso.example');
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	// Back where the user was, with the same outbox.
	await expect(page).toHaveURL(/\/support\/requests$/);
	const item = page.getByRole('listitem').filter({ hasText: 'Written before the session ended' });
	await expect(item.getByText(/^SR-\d+$/)).toBeVisible({ timeout: 15_000 });
	const titles = ((await ledger(request)).serviceRequests as { title: string }[]).map((r) => r.title);
	expect(titles).toEqual(['Written before the session ended']);
});
