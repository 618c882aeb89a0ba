import { expect, test } from '@playwright/test';
import { ledger, resetSandbox, setFaults, signIn, waitForServiceWorker, waitForSynced } from './helpers';

test.beforeEach(async ({ request }) => {
	await resetSandbox(request);
});

/** Every /api URL this page fetched itself (the worker's fetches are not the page's). */
function pageApiCalls(page: import('@playwright/test').Page): Promise<string[]> {
	return page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((e) => new URL(e.name).pathname)
			.filter((p) => p.startsWith('/api/'))
	);
}

test('a page the worker controls hands it the sync: the request reaches Partner Center once, and the page calls no API itself', async ({ context, request }) => {
	const first = await context.newPage();
	await signIn(first, 'admin@contoso.example');
	await waitForSynced(first);
	await waitForServiceWorker(first);
	await first.close();

	const page = await context.newPage();
	await page.goto('/support/new');
	expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	// A slow answer: the bar shows the worker's flush while it runs.
	await setFaults(request, { latencyMs: [600, 600] });
	await page.getByLabel('Problem type').selectOption({ label: 'Help with partner invoice, payment, or reconciliation file' });
	await page.getByLabel('Title').fill('Worker-carried request');
	await page.getByLabel('Description').fill('Filed in a page the service worker controls.');
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Worker-carried request' })).toBeVisible();
	await expect(page.getByText(/^Syncing/)).toBeVisible();
	await expect(page.getByText(/^SR-\d+$/)).toBeVisible({ timeout: 20_000 });
	await setFaults(request, {});

	// "Sync now" goes through the worker too, and the bar comes back to its last-synced line.
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByText(/^Updated /)).toBeVisible();

	const filed = ((await ledger(request)).serviceRequests as { title: string }[]).filter((r) => r.title === 'Worker-carried request');
	expect(filed).toHaveLength(1);
	expect(await pageApiCalls(page)).toEqual([]);
});
