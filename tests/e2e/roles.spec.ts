import { expect, test } from '@playwright/test';
import { PASSWORD, resetSandbox, signIn, waitForServiceWorker, sessionToken, waitForSynced } from './helpers';

test.beforeEach(async ({ request }) => resetSandbox(request));

test('a user who may only read is told so before any typing, in English and Korean', async ({ page }) => {
	await signIn(page, 'user@contoso.example');
	await waitForSynced(page);
	await page.goto('/support/new');
	await expect(page.getByText('Only a Global admin, MPN partner admin or Account admin can file or add to requests.')).toBeVisible();
	await expect(page.getByLabel('Title *')).toHaveCount(0);
	await page.goto('/support');
	await expect(page.getByRole('link', { name: 'New request' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Menu' }).click();
	await page.getByRole('button', { name: '한국어' }).click();
	await page.goto('/support/new');
	await expect(page.getByText('전역 관리자, MPN 파트너 관리자 또는 계정 관리자만 요청을 제출하거나 추가할 수 있습니다.', { exact: false })).toBeVisible();
});

test('signing in as someone else while the last user’s writes wait says so first, and keeps them', async ({ page, context, request }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await waitForServiceWorker(page);
	const token = await sessionToken(page);
	await context.setOffline(true);
	await page.goto('/support/new');
	await page.getByLabel('Problem type').selectOption('billing');
	await page.getByLabel('Title').fill('Waiting for Contoso');
	await page.getByLabel('Description').fill('Filed before another user signs in.');
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(page.getByText('Waiting to sync').first()).toBeVisible();
	expect((await request.post('/api/v1/auth/signout', { headers: { authorization: `Bearer ${token}` } })).ok()).toBeTruthy();
	await context.setOffline(false);
	await page.goto('/support/requests');
	await page.getByRole('button', { name: 'Sync now' }).click();
	await page.getByRole('link', { name: 'Sign in again' }).click();

	await page.getByLabel('Email').fill('admin@fabrikam.example');
	await expect(page.getByRole('note')).toContainText('admin@contoso.example has 1 change waiting to sync on this device');
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	// First press only confirms the warning was seen: nobody is signed in yet.
	await expect(page.getByRole('button', { name: 'Sign in anyway' })).toBeVisible();
	await page.getByRole('button', { name: 'Sign in as admin@contoso.example' }).click();
	await expect(page.getByLabel('Email')).toHaveValue('admin@contoso.example');
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page).toHaveURL(/\/support\/requests$/);
	const item = page.getByRole('listitem').filter({ hasText: 'Waiting for Contoso' });
	await expect(item.getByText(/^SR-\d+$/)).toBeVisible({ timeout: 15_000 });
});
