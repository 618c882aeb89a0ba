import { expect, test } from '@playwright/test';
import {
	ledger,
	outboxCount,
	queueServiceRequests,
	resetSandbox,
	seedServiceRequests,
	setFaults,
	signIn,
	waitForServiceWorker,
	waitForSynced
} from './helpers';

type LedgerRequest = { id: string; title: string; description: string; status: string; supportTopicId: string };

test.beforeEach(async ({ request }) => {
	await resetSandbox(request);
});

test('a request filed offline survives a closed tab and reaches Partner Center once', async ({ context, request }) => {
	const page = await context.newPage();
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await waitForServiceWorker(page);

	await context.setOffline(true);
	await page.goto('/support');
	await page.getByRole('link', { name: 'New request' }).click();
	await page.getByLabel('Problem type').selectOption({ label: 'Help with partner invoice, payment, or reconciliation file' });
	await page.getByLabel('Title').fill('Invoice 4711 shows the wrong tax');
	await page.getByLabel('Description').fill('The invoice for order 4711 charged 10% tax; we are exempt.');
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Invoice 4711 shows the wrong tax' })).toBeVisible();
	await expect(page.getByText('Waiting to sync').first()).toBeVisible();
	await expect(page.getByText('Saved on this device.')).toBeVisible();
	await page.close();

	const again = await context.newPage();
	await again.goto('/support/requests');
	await expect(again.getByRole('link', { name: 'Invoice 4711 shows the wrong tax' })).toBeVisible();
	await expect(again.getByText('Waiting to sync').first()).toBeVisible();
	expect((await ledger(request)).serviceRequests).toHaveLength(0);

	await context.setOffline(false);
	await again.evaluate(() => window.dispatchEvent(new Event('online')));
	const item = again.getByRole('listitem').filter({ hasText: 'Invoice 4711 shows the wrong tax' });
	await expect(item.getByText(/^SR-\d+$/)).toBeVisible({ timeout: 20_000 });
	await expect(item.getByText('Open', { exact: true })).toBeVisible();
	await expect(item.getByText('Waiting to sync')).toHaveCount(0);

	const filed = ((await ledger(request)).serviceRequests as LedgerRequest[]).filter((r) => r.title === 'Invoice 4711 shows the wrong tax');
	expect(filed).toHaveLength(1);
	expect(filed[0].supportTopicId).toBe('billing');
	expect(filed[0].description).toContain('order 4711');
	await expect(item.getByText(filed[0].id)).toBeVisible();
});

test('200 queued requests flushed by two tabs under faults arrive exactly once each', async ({ context, request }) => {
	test.setTimeout(300_000);
	const first = await context.newPage();
	await signIn(first, 'admin@contoso.example');
	await waitForSynced(first);
	await waitForServiceWorker(first);
	await context.setOffline(true);
	const titles = Array.from({ length: 200 }, (_, i) => `Queued request ${String(i).padStart(3, '0')}`);
	await queueServiceRequests(first, titles.map((title) => ({ title })));
	const second = await context.newPage();
	await second.goto('/support/requests');
	await expect(second.getByText('200 waiting to sync')).toBeVisible();

	await setFaults(request, { failRate: 0.3, dropAfterCommitRate: 0.2, latencyMs: [0, 500] });
	await context.setOffline(false);
	// Both tabs hear 'online' and start flushing at the same moment.
	await Promise.all([first, second].map((p) => p.evaluate(() => window.dispatchEvent(new Event('online')))));
	await expect.poll(() => outboxCount(second), { timeout: 240_000, intervals: [1000] }).toBe(0);
	await setFaults(request, { failRate: 0, dropAfterCommitRate: 0, latencyMs: [0, 0] });

	const filed = (await ledger(request)).serviceRequests as LedgerRequest[];
	const counts = new Map<string, number>();
	for (const r of filed) counts.set(r.title, (counts.get(r.title) ?? 0) + 1);
	expect(titles.filter((t) => counts.get(t) !== 1)).toEqual([]);
	expect(filed).toHaveLength(200);

	await second.getByRole('button', { name: 'Sync now' }).click();
	await expect(second.getByText('200 requests')).toBeVisible();
	await expect(second.getByText('Waiting to sync')).toHaveCount(0);
});

test('a reload in the middle of a flush loses and duplicates nothing', async ({ page, request }) => {
	test.setTimeout(120_000);
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await page.context().setOffline(true);
	const titles = Array.from({ length: 40 }, (_, i) => `Reload test ${i}`);
	await queueServiceRequests(page, titles.map((title) => ({ title })));
	// Each write takes 20–40 ms on the server, so the reload lands in the middle of a batch.
	await setFaults(request, { processingMs: [20, 40] });
	await page.context().setOffline(false);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect.poll(async () => (await ledger(request)).serviceRequests.length, { intervals: [50] }).toBeGreaterThan(3);
	expect((await ledger(request)).serviceRequests.length).toBeLessThan(40);
	await page.reload();
	await expect.poll(() => outboxCount(page), { timeout: 90_000, intervals: [500] }).toBe(0);
	await setFaults(request, { processingMs: [0, 0] });

	const filed = (await ledger(request)).serviceRequests as LedgerRequest[];
	expect(filed.map((r) => r.title).sort()).toEqual([...titles].sort());
	await page.goto('/support/requests');
	await expect(page.getByText('40 requests')).toBeVisible();
});

test('2,000 requests: the list counts them all, holds a screenful and scrolls to the oldest', async ({ page, request }) => {
	test.setTimeout(120_000);
	await seedServiceRequests(request, 'partner-contoso', 2000, 500);
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await page.goto('/support/requests');
	await expect(page.getByText(/^1,?500 requests$/)).toBeVisible();
	const titles = page.locator('ul.requests li a.title');
	await expect(titles.first()).toHaveText('Seeded request 2000');
	// Only what is on screen (and a few rows past it) is in the page.
	expect(await page.locator('ul.requests li').count()).toBeLessThan(40);

	await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
	await expect(page.getByRole('link', { name: 'Seeded request 501', exact: true })).toBeVisible();
	expect(await page.locator('ul.requests li').count()).toBeLessThan(40);

	await page.evaluate(() => window.scrollTo(0, 0));
	await page.getByRole('button', { name: 'Closed', exact: true }).click();
	await expect(page.getByText(/^500 requests$/)).toBeVisible();
	await expect(titles.first()).toHaveText('Seeded request 500');
});

test('a refused request says why in the user’s words; edit and retry delivers it', async ({ page, request }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	// A draft made against a problem type that Partner Center has since retired.
	await queueServiceRequests(page, [{ title: 'Refund for duplicate charge', supportTopicId: 'retired-topic' }]);
	await page.goto('/support/requests');
	await page.getByRole('button', { name: 'Sync now' }).click();
	const item = page.getByRole('listitem').filter({ hasText: 'Refund for duplicate charge' });
	await expect(item.getByText('Not sent', { exact: true })).toBeVisible();
	// The refusal named the field: the list says which, by the form's label.
	await expect(item.getByText('Partner Center did not accept this. Check Problem type: edit and retry, or discard it.')).toBeVisible();
	// The server's own detail (English, and it may quote what was sent) is never shown.
	await expect(item).not.toContainText('Some fields are not valid');

	await item.getByRole('link', { name: 'Refund for duplicate charge' }).click();
	await expect(page.getByRole('alert')).toContainText('Partner Center did not accept this');
	await page.getByRole('link', { name: 'Edit and retry' }).click();
	await expect(page.getByLabel('Title')).toHaveValue('Refund for duplicate charge');
	// The refused field is marked where it is, and only that one.
	await expect(page.getByLabel('Problem type')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Problem type')).toHaveAccessibleDescription('Partner Center did not accept this. Check it, then submit again.');
	await expect(page.getByLabel('Title')).not.toHaveAttribute('aria-invalid', 'true');
	await page.getByLabel('Problem type').selectOption({ label: 'Help with partner invoice, payment, or reconciliation file' });
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(page.getByText(/^SR-\d+$/)).toBeVisible({ timeout: 15_000 });

	const filed = ((await ledger(request)).serviceRequests as LedgerRequest[]).filter((r) => r.title === 'Refund for duplicate charge');
	expect(filed).toHaveLength(1);
	expect(filed[0].supportTopicId).toBe('billing');
});

test('required fields are checked with messages at the field, and nothing typed is lost', async ({ page }) => {
	await signIn(page, 'admin@contoso.example');
	await page.goto('/support/new');
	await page.getByLabel('Title').fill('Short');
	await page.getByLabel('Description').fill('Too short');
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(page.getByText('Choose a problem type.')).toBeVisible();
	await expect(page.getByText('Describe the problem in at least 10 characters.')).toBeVisible();
	await expect(page.getByLabel('Problem type')).toBeFocused();
	await expect(page.getByLabel('Title')).toHaveValue('Short');
	await expect(page.getByLabel('Description')).toHaveValue('Too short');
});

test('cancel subscription opens New request pre-filled; support closes it and it moves to Closed', async ({ page, request }) => {
	await signIn(page, 'admin@fabrikam.example');
	await waitForSynced(page);
	await page.goto('/partnership/offers');
	await page.getByRole('link', { name: 'Microsoft Action Pack subscription' }).click();
	await page.getByRole('link', { name: 'Cancel subscription' }).click();
	await expect(page.getByLabel('Title')).toHaveValue('Cancel Microsoft Action Pack subscription');
	await expect(page.getByLabel('Problem type')).toHaveValue('billing');
	const subId = ((await ledger(request)).subscriptions as { id: string; partnerId: string }[]).find((s) => s.partnerId.includes('fabrikam'))!.id;
	await expect(page.getByLabel('Description')).toHaveValue(new RegExp(subId));
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(page.getByText(/^SR-\d+$/)).toBeVisible({ timeout: 15_000 });

	await page.getByLabel('Add a note').fill('Please confirm the refund amount.');
	await page.getByRole('button', { name: 'Add note' }).click();
	await expect(page.getByText('Please confirm the refund amount.')).toBeVisible();
	await expect.poll(async () => ((await ledger(request)).serviceRequests[0]?.notes ?? []).length).toBe(1);

	const srId = (await ledger(request)).serviceRequests[0].id as string;
	const closed = await request.post(`/api/__sandbox/servicerequests/${srId}/close`, { data: { note: 'Cancelled; refund issued.' } });
	expect(closed.ok()).toBeTruthy();
	await page.goto('/support/requests');
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByText('You have no open requests.')).toBeVisible();
	await page.getByRole('button', { name: 'Closed' }).click();
	await page.getByRole('link', { name: 'Cancel Microsoft Action Pack subscription' }).click();
	await expect(page.getByText('Cancelled; refund issued.')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
});

test.describe('in Korean', () => {
	test.use({ locale: 'ko-KR' });
	test('Report a problem → New request → Submit, with the seed’s Korean labels', async ({ page, request }) => {
		await signIn(page, 'admin@fabrikam.example', { email: '전자 메일', password: '암호', signIn: '로그인', dashboard: '대시보드' });
		await page.getByRole('link', { name: '파트너 센터에서 문제 보고' }).click();
		await page.getByRole('link', { name: '새 요청' }).click();
		await page.getByLabel('문제 유형').selectOption({ label: 'Help with partner invoice, payment, or reconciliation file' });
		await page.getByLabel('제목').fill('청구서 문의');
		await page.getByLabel('설명').fill('청구서 금액이 주문과 다릅니다. 확인 부탁드립니다.');
		await page.getByLabel('심각도').selectOption('minimal');
		await page.getByRole('button', { name: '제출' }).click();
		await expect(page.getByText(/^SR-\d+$/)).toBeVisible({ timeout: 15_000 });
		await page.goto('/support/requests');
		await expect(page.getByRole('heading', { level: 1, name: '서비스 요청 > 파트너 센터 요청' })).toBeVisible();
		await expect(page.getByRole('button', { name: '열기' })).toHaveAttribute('aria-pressed', 'true');
		await expect(page.getByRole('button', { name: '닫힘' })).toBeVisible();
		expect(((await ledger(request)).serviceRequests as LedgerRequest[]).map((r) => r.title)).toEqual(['청구서 문의']);
	});
});

test.describe('in a Safari tab', () => {
	test.use({
		userAgent:
			'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1'
	});
	test('writes waiting to sync come with the advice to add the app to the Home Screen', async ({ page, context }) => {
		await signIn(page, 'admin@contoso.example');
		await waitForSynced(page);
		await expect(page.getByText(/add Partner Membership to your Home Screen/)).toHaveCount(0);
		await waitForServiceWorker(page);
		await context.setOffline(true);
		await queueServiceRequests(page, [{ title: 'Waiting in Safari' }, { title: 'Also waiting' }]);
		// The advice must also hold after a reload (what Safari users do most).
		await page.reload();
		await expect(page.getByText(/^2 changes are waiting to sync\. .*add Partner Membership to your Home Screen/)).toBeVisible();
		await context.setOffline(false);
	});
});
