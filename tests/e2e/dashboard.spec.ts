import { expect, test } from '@playwright/test';
import { resetSandbox, signIn, waitForSynced } from './helpers';

test.beforeEach(async ({ request }) => {
	await resetSandbox(request);
});

test('the dashboard names one next step: renew with the days left, and none when there is nothing to do', async ({ page }) => {
	await signIn(page, 'admin@fabrikam.example');
	await waitForSynced(page);
	const card = page.getByRole('region', { name: 'Next step' });
	await expect(card).toContainText('20 days are left on your Action Pack');
	await card.getByRole('link', { name: 'Renew subscription' }).click();
	await expect(page).toHaveURL(/\/partnership\/offers\/sub-fabrikam-action-pack\/renew$/);

	await page.getByRole('button', { name: 'Menu' }).click();
	await page.getByRole('button', { name: 'Sign out' }).click();
	await signIn(page, 'user@contoso.example');
	await waitForSynced(page);
	await expect(page.getByText('You have no Action Pack subscription.')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Next step' })).toHaveCount(0);
});

test.describe('in Korean', () => {
	test.use({ locale: 'ko-KR' });
	test('다음 단계: 갱신', async ({ page }) => {
		await signIn(page, 'admin@fabrikam.example', { email: '전자 메일', password: '암호', signIn: '로그인', dashboard: '대시보드' });
		await waitForSynced(page);
		const card = page.getByRole('region', { name: '다음 단계' });
		await expect(card).toContainText('20일 남았습니다');
		await expect(card.getByRole('link', { name: '구독 갱신' })).toBeVisible();
	});
});
