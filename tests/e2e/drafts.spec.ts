import { expect, test, type Page } from '@playwright/test';
import { ledger, resetSandbox, signIn, waitForSynced } from './helpers';

const TOPIC = 'Help with partner invoice, payment, or reconciliation file';
const TITLE = 'Invoice 5150 lists the wrong address';
const DESCRIPTION = 'Typed on the subway: the invoice for order 5150 shows our old office address.';

test.beforeEach(async ({ request }) => {
	await resetSandbox(request);
});

/** The drafts table as the app stored it. */
async function storedDrafts(page: Page): Promise<{ id: string; kind: string; form?: { title: string; description: string } }[]> {
	return page.evaluate(
		() =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('partner-membership');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('drafts').objectStore('drafts').getAll();
					req.onsuccess = () => resolve(req.result);
					req.onerror = () => reject(req.error);
				};
			})
	);
}

async function openNewRequest(page: Page) {
	await page.goto('/support');
	await page.getByRole('link', { name: 'New request' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'New request' })).toBeVisible();
}

test('the New request draft survives leaving the page and a reload; Resume restores it, Discard clears it', async ({ page }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await openNewRequest(page);
	// Nothing typed, nothing kept.
	await expect(page.getByLabel('Title')).toHaveValue('');
	await page.getByLabel('Problem type').selectOption({ label: TOPIC });
	await page.getByLabel('Title').fill(TITLE);
	await page.getByLabel('Description').fill(DESCRIPTION);

	// Leave at once (before the typing pause would save it): leaving saves.
	await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Report a problem in Partner Center' }).click();
	await expect(page.getByRole('link', { name: 'New request' })).toBeVisible();
	await page.getByRole('link', { name: 'New request' }).click();
	await expect(page.getByRole('heading', { name: 'Resume your draft?' })).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveCount(0);

	await page.reload();
	await expect(page.getByRole('heading', { name: 'Resume your draft?' })).toBeVisible();
	await page.getByRole('button', { name: 'Resume', exact: true }).click();
	await expect(page.getByLabel('Title')).toHaveValue(TITLE);
	await expect(page.getByLabel('Description')).toHaveValue(DESCRIPTION);
	await expect(page.getByLabel('Problem type')).toHaveValue('billing');

	// A later edit is kept too (saved a moment after typing stops).
	await page.getByLabel('Title').fill(`${TITLE} (2)`);
	await expect.poll(async () => (await storedDrafts(page)).map((d) => d.form?.title)).toEqual([`${TITLE} (2)`]);

	await page.getByRole('button', { name: 'Discard draft' }).click();
	await expect(page.getByLabel('Title')).toHaveValue('');
	await expect(page.getByLabel('Description')).toHaveValue('');
	await expect.poll(() => storedDrafts(page)).toEqual([]);
	await page.reload();
	await expect(page.getByLabel('Title')).toHaveValue('');
	await expect(page.getByRole('heading', { name: 'Resume your draft?' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Resume', exact: true })).toHaveCount(0);
});

test('a draft survives a closed tab; Discard from the offer starts again; Submit clears the draft', async ({ context, request }) => {
	const page = await context.newPage();
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await openNewRequest(page);
	await page.getByLabel('Description').fill(DESCRIPTION);
	await expect.poll(async () => (await storedDrafts(page)).length).toBe(1);
	await page.close();

	const again = await context.newPage();
	await openNewRequest(again);
	await again.getByRole('button', { name: 'Discard draft' }).click();
	await expect(again.getByLabel('Description')).toHaveValue('');
	await again.reload();
	await expect(again.getByRole('heading', { name: 'Resume your draft?' })).toHaveCount(0);
	await expect(again.getByLabel('Description')).toHaveValue('');

	await again.getByLabel('Problem type').selectOption({ label: TOPIC });
	await again.getByLabel('Title').fill(TITLE);
	await again.getByLabel('Description').fill(DESCRIPTION);
	await expect.poll(async () => (await storedDrafts(again)).length).toBe(1);
	await again.getByRole('button', { name: 'Submit' }).click();
	await expect(again.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	expect(await storedDrafts(again)).toEqual([]);
	await openNewRequest(again);
	await expect(again.getByRole('heading', { name: 'Resume your draft?' })).toHaveCount(0);
	await expect(again.getByLabel('Title')).toHaveValue('');
	await expect.poll(async () => ((await ledger(request)).serviceRequests as { title: string }[]).filter((r) => r.title === TITLE).length, { timeout: 20_000 }).toBe(1);
});

test('the pre-filled cancellation keeps its own draft', async ({ page }) => {
	await signIn(page, 'admin@fabrikam.example');
	await waitForSynced(page);
	await page.goto('/partnership/offers');
	await page.getByRole('link', { name: 'Microsoft Action Pack subscription' }).click();
	await page.getByRole('link', { name: 'Cancel subscription' }).click();
	await expect(page.getByText('This request asks Partner Center Support to cancel your Action Pack subscription.')).toBeVisible();
	const prefilled = await page.getByLabel('Description').inputValue();
	expect(prefilled.length).toBeGreaterThan(10);
	// Untouched, the pre-filled form is nothing to keep.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Resume your draft?' })).toHaveCount(0);
	await page.getByLabel('Description').fill(`${prefilled} We never activated a benefit.`);
	await page.goBack();
	await page.getByRole('link', { name: 'Cancel subscription' }).click();
	await page.getByRole('button', { name: 'Resume', exact: true }).click();
	await expect(page.getByLabel('Description')).toHaveValue(`${prefilled} We never activated a benefit.`);
	// The plain New request is another form: no offer there.
	await openNewRequest(page);
	await expect(page.getByRole('heading', { name: 'Resume your draft?' })).toHaveCount(0);
});
