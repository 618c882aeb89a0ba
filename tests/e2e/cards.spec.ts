import { expect, test, type Page } from '@playwright/test';
import { ledger, resetSandbox, signIn, waitForServiceWorker, waitForSynced } from './helpers';

const CARD = '4242 4242 4242 4242';
const QUEUED = "Not charged yet — will be placed when you're back online.";

type LedgerOrder = { id: string; kind: string; partnerId: string };
type LedgerCharge = { orderId: string; last4: string; currency: string };

test.beforeEach(async ({ request }) => {
	await resetSandbox(request);
});

async function fillCard(page: Page, number = CARD) {
	await page.getByLabel('Card number').fill(number);
	await page.getByLabel('Expiration date').fill('12/30');
	await page.getByLabel('Security code').fill('987');
	await page.getByLabel('Cardholder name').fill('Alex Admin');
}

test('a card added on Settings > Payment methods is offered by the purchase wizard', async ({ page, request }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await page.goto('/settings/payment-methods');
	await expect(page.getByText('No saved payment methods yet.')).toBeVisible();
	await fillCard(page);
	await page.getByRole('button', { name: 'Add card' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Visa ending in 4242 was added.' })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Visa ending in 4242' })).toBeVisible();
	// Saved: the form is empty again, ready for another card.
	await expect(page.getByLabel('Card number')).toHaveValue('');
	const contosoCards = ((await ledger(request)).paymentMethods as { partnerId: string; last4: string }[]).filter((p) => p.partnerId.includes('contoso'));
	expect(contosoCards.map((p) => p.last4)).toEqual(['4242']);

	await page.goto('/partnership/offers');
	await page.getByRole('link', { name: 'Subscribe now' }).click();
	await page.getByRole('button', { name: 'Next' }).click();
	await page.getByLabel('I accept the terms').check();
	await page.getByRole('button', { name: 'Next' }).click();
	await expect(page.getByRole('heading', { name: 'Payment' })).toBeVisible();
	await expect(page.getByRole('radio', { name: /4242/ })).toBeVisible();
	await expect(page.getByText('You have no saved way to pay yet.')).toHaveCount(0);
});

test('adding a card: offline it says so before typing; a refused card keeps what was typed', async ({ page, context, request }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await waitForServiceWorker(page);

	await context.setOffline(true);
	await page.goto('/settings/payment-methods');
	const offline = 'Adding a card needs a connection, and you are offline.';
	await expect(page.getByText(offline)).toBeVisible();
	const add = page.getByRole('button', { name: 'Add card' });
	await expect(add).toBeDisabled();
	await expect(add).toHaveAccessibleDescription(new RegExp(offline));

	await context.setOffline(false);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(page.getByText(offline)).toHaveCount(0);
	await expect(add).toBeEnabled();

	// By Partner Center's calendar the card has expired (the device's says it has not).
	const clock = await request.put('/api/__sandbox/clock', { data: { today: '2031-03-01' } });
	expect(clock.ok()).toBeTruthy();
	await fillCard(page);
	await add.click();
	await expect(page.getByText('Check the highlighted fields.')).toBeVisible();
	await expect(page.getByLabel('Expiration date')).toHaveAccessibleDescription(/Partner Center did not accept this/);
	await expect(page.getByText('The card has expired')).toHaveCount(0);
	await expect(page.getByLabel('Card number')).toHaveValue(CARD);
	await expect(page.getByLabel('Security code')).toHaveValue('987');
	await expect(page.getByLabel('Cardholder name')).toHaveValue('Alex Admin');
	expect(((await ledger(request)).paymentMethods as { partnerId: string }[]).filter((p) => p.partnerId.includes('contoso'))).toHaveLength(0);
});

test('a role that may not add cards is told so, with no form to fill', async ({ page }) => {
	await signIn(page, 'account@contoso.example');
	await page.goto('/settings/payment-methods');
	await expect(page.getByText('Only a Global admin or an MPN partner admin can add a card.')).toBeVisible();
	await expect(page.getByLabel('Card number')).toHaveCount(0);
});

test('as mpn@fabrikam, offline from sign-in on: the renewal with the seeded card is queued, then placed once', async ({ page, context, request }) => {
	// Signing in needs the network; everything after it happens offline.
	await signIn(page, 'mpn@fabrikam.example');
	await waitForSynced(page);
	await waitForServiceWorker(page);
	await context.setOffline(true);

	await page.goto('/partnership/offers');
	await page.getByRole('link', { name: 'Microsoft Action Pack subscription' }).click();
	await page.getByRole('link', { name: 'Renew subscription' }).click();
	await expect(page.getByRole('heading', { name: 'Review order details' })).toBeVisible();
	await page.getByRole('button', { name: 'Next' }).click();
	await page.getByLabel('I accept the terms').check();
	await page.getByRole('button', { name: 'Next' }).click();
	const seeded = page.getByRole('radio', { name: /Mastercard •••• 4444/ });
	await seeded.check();
	await page.getByRole('button', { name: 'Next' }).click();
	await expect(page.getByText(/ending in 4444/)).toBeVisible();
	await page.getByRole('button', { name: 'Purchase' }).click();
	await expect(page.getByText(QUEUED)).toBeVisible({ timeout: 20_000 });
	const before = await ledger(request);
	expect(before.charges).toHaveLength(0);
	expect((before.orders as LedgerOrder[]).filter((o) => o.kind === 'renew')).toHaveLength(0);

	await context.setOffline(false);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(page.getByRole('heading', { name: 'Your order is confirmed.' })).toBeVisible({ timeout: 20_000 });
	// Another trigger after landing changes nothing.
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await page.getByRole('button', { name: 'Close' }).click();
	const after = await ledger(request);
	const renewals = (after.orders as LedgerOrder[]).filter((o) => o.kind === 'renew');
	expect(renewals).toHaveLength(1);
	expect(renewals[0].partnerId).toContain('fabrikam');
	const charges = after.charges as LedgerCharge[];
	expect(charges).toHaveLength(1);
	expect(charges[0]).toMatchObject({ orderId: renewals[0].id, last4: '4444', currency: 'KRW' });
});
