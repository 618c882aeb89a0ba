import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ledger, resetSandbox, signIn, waitForServiceWorker, waitForSynced } from './helpers';

const SUB = 'sub-fabrikam-action-pack';
const KO = { email: '전자 메일', password: '암호', signIn: '로그인', dashboard: '대시보드' };

/**
 * The app counts reminders from the device's own date and the sandbox from its clock, so both
 * must agree. The service worker's clock cannot be faked, so the dates are laid out around the
 * real today: the sandbox is seeded 13 days ago (Fabrikam then ends in 7 days from today) and
 * its clock set to today, i.e. 7 days before Fabrikam's end date.
 */
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const TODAY = () => isoDay(Date.now());
const plusDays = (date: string, n: number) => isoDay(Date.parse(`${date}T00:00:00Z`) + n * DAY);

async function sevenDaysBeforeFabrikamEnds(request: APIRequestContext): Promise<string> {
	const today = TODAY();
	const res = await request.post('/api/__sandbox/reset', { data: { today: plusDays(today, -13) } });
	expect(res.ok()).toBeTruthy();
	const clock = await request.put('/api/__sandbox/clock', { data: { today } });
	expect(clock.ok()).toBeTruthy();
	const sub = (await ledger(request)).subscriptions.find((s: { id: string }) => s.id === SUB);
	expect(sub).toMatchObject({ autoRenew: false, endDate: plusDays(today, 7) });
	return sub.endDate as string;
}

async function notifications(page: Page) {
	return page.evaluate(async () =>
		(await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown }))
	);
}

test.use({ timezoneId: 'UTC' });

test.afterEach(async ({ request }) => {
	await resetSandbox(request);
});

test.describe('in Korean', () => {
	test.use({ locale: 'ko-KR' });

	test('7 days before the end: in-app reminder, a device notification once, and the .ics on the end date', async ({ page, context, request }) => {
		await context.grantPermissions(['notifications']);
		const endDate = await sevenDaysBeforeFabrikamEnds(request);
		await signIn(page, 'admin@fabrikam.example', KO);
		await waitForSynced(page);
		await waitForServiceWorker(page);

		// The dashboard's summary: auto-renew off, and the 7-day reminder.
		const summary = page.locator('article.sub');
		await expect(summary.getByText('자동 갱신 꺼짐')).toBeVisible();
		await expect(summary.getByText(/구독이 7일 후\(.+\)에 종료됩니다/)).toBeVisible();
		// Permission granted by the browser is not enough: nothing until the partner asks.
		expect(await notifications(page)).toEqual([]);

		await summary.getByRole('link', { name: 'Microsoft Action Pack 구독' }).click();
		await expect(page).toHaveURL(new RegExp(`/partnership/offers/${SUB}$`));
		await page.getByRole('button', { name: '이 장치에서 알림 받기' }).click();
		await expect(page.getByText('이 장치에서 알림이 켜져 있습니다', { exact: false })).toBeVisible();
		await page.getByRole('button', { name: '지금 동기화' }).first().click();

		await expect.poll(() => notifications(page), { timeout: 15_000 }).toHaveLength(1);
		const [shown] = await notifications(page);
		expect(shown.title).toBe('Action Pack 구독을 갱신하세요');
		expect(shown.body).toMatch(/^7일 후\(.+\)에 종료됩니다\. 자동 갱신이 꺼져 있으므로/);
		expect(shown.tag).toBe(`${SUB}/${endDate}/7`);
		expect(shown.data).toEqual({ url: `/partnership/offers/${SUB}` });

		// Never the same reminder twice: closed, then more syncs and a restart show nothing new.
		await page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).forEach((n) => n.close()));
		await page.getByRole('button', { name: '지금 동기화' }).first().click();
		await waitForSynced(page);
		await page.reload();
		await expect(page.getByRole('button', { name: '캘린더에 추가' })).toBeVisible();
		await page.waitForTimeout(1_500);
		expect(await notifications(page)).toEqual([]);

		// Add to calendar: an all-day event on the end date, alarm 7 days before.
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: '캘린더에 추가' }).click();
		const file = await download;
		expect(file.suggestedFilename()).toMatch(/\.ics$/);
		const ics = (await readFile(await file.path(), 'utf8')).replace(/\r\n[ \t]/g, '');
		expect(ics).toContain(`DTSTART;VALUE=DATE:${endDate.replace(/-/g, '')}`);
		expect(ics).toContain('TRIGGER:-P7D');
		expect(ics).toContain('SUMMARY:Microsoft Action Pack 구독 종료');

		// Dismissed stays dismissed across a reload.
		const reminder = page.getByText(/구독이 7일 후\(.+\)에 종료됩니다/);
		await expect(reminder).toBeVisible();
		await page.getByRole('button', { name: '알림 닫기' }).click();
		await expect(reminder).toHaveCount(0);
		await page.reload();
		await expect(page.getByRole('button', { name: '캘린더에 추가' })).toBeVisible();
		await expect(reminder).toHaveCount(0);
		await page.goto('/');
		await expect(page.locator('article.sub').getByText('자동 갱신 꺼짐')).toBeVisible();
		await expect(page.getByText(/구독이 7일 후/)).toHaveCount(0);
	});
});

test('past the end date: the subscription and its benefits show expired, with Renew offered', async ({ page, request }) => {
	const endDate = await sevenDaysBeforeFabrikamEnds(request);
	await signIn(page, 'admin@fabrikam.example');
	await waitForSynced(page);

	// Both clocks move past the end date: the sandbox's and this device's.
	const after = plusDays(endDate, 1);
	const clock = await request.put('/api/__sandbox/clock', { data: { today: after } });
	expect(clock.ok()).toBeTruthy();
	await page.clock.setFixedTime(new Date(`${after}T12:00:00Z`));

	await page.goto(`/partnership/offers/${SUB}`);
	await page.getByRole('button', { name: 'Sync now' }).first().click();
	await expect(page.getByText('Expired', { exact: true })).toBeVisible();
	await expect(page.getByText(/This subscription ended on .+\. Its benefits have stopped\. Renew it by .+ to get them back\./)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Renew subscription' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Remind me on this device' })).toHaveCount(0);
	await expect.poll(async () => ((await ledger(request)).subscriptions as { id: string; status: string }[]).find((s) => s.id === SUB)?.status).toBe('expired');

	await page.getByRole('link', { name: 'Activate benefits' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Activate benefits' })).toBeVisible();
	await expect(page.locator('li.card')).toHaveCount(7);
	await expect(page.locator('li.card').getByText('Expired', { exact: true })).toHaveCount(7);
	await expect(page.getByText(/This subscription ended on .+\. Its benefits have stopped\./)).toBeVisible();
	await expect(page.getByRole('button', { name: /^Activate/ })).toHaveCount(0);
});
