import { expect, test } from '@playwright/test';
import { ledger, resetSandbox, signIn, waitForServiceWorker, waitForSynced } from './helpers';

const SUB = 'sub-fabrikam-action-pack';
const VS = 'Visual Studio Professional 라이선스 3개';

test.beforeEach(async ({ request }) => {
	await resetSandbox(request);
});

test.describe('in Korean', () => {
	test.use({ locale: 'ko-KR' });

	test('activate Visual Studio Professional offline: pending, then active once with product keys, still shown offline', async ({ page, context, request }) => {
		await signIn(page, 'admin@fabrikam.example', { email: '전자 메일', password: '암호', signIn: '로그인', dashboard: '대시보드' });
		await waitForSynced(page);
		await waitForServiceWorker(page);

		await page.goto(`/partnership/offers/${SUB}`);
		await page.getByRole('link', { name: '혜택 활성화' }).click();
		await expect(page.getByRole('heading', { level: 1, name: '혜택 활성화' })).toBeVisible();
		const cards = page.locator('li.card');
		await expect(cards).toHaveCount(7);
		await expect(page.getByText('활성화되지 않음', { exact: true })).toHaveCount(7);

		const vs = cards.filter({ has: page.getByRole('heading', { name: VS }) });
		await context.setOffline(true);
		await vs.getByRole('button', { name: `활성화: ${VS}` }).click();
		const dialog = page.getByRole('dialog');
		await expect(dialog).toContainText('환불되지 않습니다');
		await dialog.getByRole('button', { name: '활성화', exact: true }).click();
		await expect(vs.getByText('보류 중', { exact: true })).toBeVisible();
		await expect(vs.getByText('동기화 대기 중', { exact: true })).toBeVisible();
		expect((await ledger(request)).benefitActivations).toHaveLength(0);
		// Not offered twice.
		await expect(vs.getByRole('button', { name: `활성화: ${VS}` })).toHaveCount(0);

		await context.setOffline(false);
		await page.getByRole('button', { name: '지금 동기화' }).first().click();
		await expect(vs.getByText('동기화 대기 중', { exact: true })).toHaveCount(0, { timeout: 15_000 });
		const l = await ledger(request);
		const mine = l.benefitActivations.filter((a: { benefitId: string }) => a.benefitId === 'visual-studio-professional');
		expect(mine).toHaveLength(1);
		expect(l.benefitActivations).toHaveLength(1);

		// The sandbox finishes the activation a few seconds later; the next sync shows it.
		await expect(async () => {
			await page.getByRole('button', { name: '지금 동기화' }).first().click();
			await expect(vs.getByText('활성', { exact: true })).toBeVisible({ timeout: 1500 });
		}).toPass({ timeout: 20_000 });
		await expect(vs.locator('code').first()).toBeVisible();
		const keys = await vs.locator('code').allTextContents();
		expect(keys.length).toBeGreaterThan(0);

		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: '혜택 활성화' })).toBeVisible();
		await expect(vs.getByText('활성', { exact: true })).toBeVisible();
		await expect(vs.locator('code')).toHaveText(keys);
		expect((await ledger(request)).benefitActivations).toHaveLength(1);
	});
});
