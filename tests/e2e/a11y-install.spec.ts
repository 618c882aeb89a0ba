import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetSandbox, signIn, waitForServiceWorker, waitForSynced } from './helpers';

const PAGES = [
	'/',
	'/membership',
	'/partnership/offers',
	'/partnership/offers/sub-fabrikam-action-pack',
	'/partnership/offers/sub-fabrikam-action-pack/renew',
	'/partnership/offers/subscribe',
	'/settings/payment-methods',
	'/support',
	'/support/new',
	'/support/requests'
];

for (const locale of ['en-US', 'ko-KR'] as const) {
	test.describe(`axe in ${locale}`, () => {
		test.use({ locale });

		test('no serious or critical violation on any page at 360 × 740', async ({ page, request }) => {
			await resetSandbox(request);
			// Fabrikam has the richest pages: a subscription, competencies.
			const ko = locale === 'ko-KR';
			await page.goto('/signin');
			const signInViolations = await serious(page);
			expect(signInViolations, '/signin').toEqual([]);
			await signIn(
				page,
				'admin@fabrikam.example',
				ko ? { email: '전자 메일', password: '암호', signIn: '로그인', dashboard: '대시보드' } : undefined
			);
			await waitForSynced(page);
			for (const path of PAGES) {
				await page.goto(path);
				await expect(page.locator('main h1')).toBeVisible();
				expect(await serious(page), path).toEqual([]);
			}
			// The menu, open.
			await page.getByRole('button', { name: ko ? '메뉴' : 'Menu' }).click();
			expect(await serious(page), 'menu').toEqual([]);
		});
	});
}

async function serious(page: import('@playwright/test').Page) {
	const result = await new AxeBuilder({ page }).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the app is installable (no installability error)', async ({ baseURL }) => {
	const dir = mkdtempSync(join(tmpdir(), 'pm-install-'));
	// A persistent profile: a normal context counts as incognito, which is never installable.
	const context = await chromium.launchPersistentContext(dir, {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		headless: true
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`${baseURL}/signin`);
		await waitForServiceWorker(page);
		const cdp = await context.newCDPSession(page);
		await expect
			.poll(async () => {
				const r = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
				return r.installabilityErrors.map((e) => e.errorId);
			})
			.toEqual([]);
		const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[] };
		expect(manifest.errors).toEqual([]);
	} finally {
		await context.close();
		rmSync(dir, { recursive: true, force: true });
	}
});
