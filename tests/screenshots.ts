/**
 * Screenshots of every page at 360 px wide, in English and Korean, light and dark, into
 * tests/screenshots/ (not committed). Run against a running `npm start`:
 *   npx tsx tests/screenshots.ts [baseURL]
 */
import { chromium, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:4173';
const out = 'tests/screenshots';
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });

async function shoot(page: Page, name: string) {
	await page.waitForTimeout(300);
	await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
}

for (const locale of ['en-US', 'ko-KR']) {
	for (const colorScheme of ['light', 'dark'] as const) {
		// Needs the server started with SANDBOX_CONTROLS=1; the controls answer only JSON requests.
		await fetch(`${base}/api/__sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' } });
		const tag = `${locale.slice(0, 2)}-${colorScheme}`;
		const context = await browser.newContext({ locale, colorScheme, viewport: { width: 360, height: 740 } });
		const page = await context.newPage();
		await page.goto(`${base}/signin`);
		await shoot(page, `${tag}-01-signin`);
		await page.locator('#email').fill('admin@fabrikam.example');
		await page.locator('#password').fill('sandbox');
		await page.locator('form button[type=submit]').click();
		await page.waitForURL(`${base}/`);
		await page.waitForTimeout(800);
		await shoot(page, `${tag}-02-dashboard`);
		await page.locator('.menu-btn').click();
		await shoot(page, `${tag}-03-menu`);
		for (const [path, name] of [
			['/membership', '04-membership'],
			['/partnership/offers', '05-offers'],
			['/partnership/offers/sub-fabrikam-action-pack', '06-details'],
			['/partnership/offers/sub-fabrikam-action-pack/benefits', '06b-benefits'],
			['/support', '07-support'],
			['/support/new', '08-new-request'],
			['/support/new?cancel=sub-fabrikam-action-pack', '09-cancel-request']
		]) {
			await page.goto(base + path);
			await shoot(page, `${tag}-${name}`);
		}
		await page.locator('#sr-topic').selectOption('billing');
		await page.locator('#sr-description').fill('Please cancel our Action Pack subscription.');
		await page.locator('form button[type=submit]').click();
		await page.waitForTimeout(1500);
		await shoot(page, `${tag}-10-request-details`);
		await page.goto(`${base}/support/requests`);
		await shoot(page, `${tag}-11-requests`);
		// Renewal wizard, step by step (a step that changed shape ends the walk, not the run).
		await walkWizard(page, tag).catch((e) => console.warn(`${tag}: wizard walk stopped: ${e instanceof Error ? e.message.split('\n')[0] : e}`));
		await page.goto(`${base}/settings/payment-methods`);
		await shoot(page, `${tag}-19-payment-methods`);
		await context.close();
	}
}
await browser.close();
console.log(`screenshots in ${out}/`);

async function walkWizard(page: Page, tag: string) {
		await page.goto(`${base}/partnership/offers/sub-fabrikam-action-pack/renew`);
		await shoot(page, `${tag}-12-renew-review`);
		await page.locator('main .btn.primary').last().click();
		await shoot(page, `${tag}-13-terms`);
		await page.locator('input[type=checkbox]').check();
		await page.locator('main .btn.primary').last().click();
		await shoot(page, `${tag}-14-payment`);
		await page.locator('main .btn').filter({ hasText: /Add a way|Add a card|결제 방법|카드 추가/ }).first().click();
		await page.locator('main form button[type=submit]').click();
		await shoot(page, `${tag}-15-card-errors`);
		await page.locator('input[autocomplete=cc-number]').fill('4242 4242 4242 4242');
		await page.locator('input[autocomplete=cc-exp]').fill('12/30');
		await page.locator('input[autocomplete=cc-csc]').fill('123');
		await page.locator('input[autocomplete=cc-name]').fill('Ji-woo Kim');
		await page.locator('main form button[type=submit]').click();
		await page.waitForTimeout(800);
		await page.locator('main .btn.primary').last().click();
		await shoot(page, `${tag}-16-review`);
		await page.locator('main .btn.primary').last().click();
		await page.waitForTimeout(1500);
		await shoot(page, `${tag}-17-confirmed`);
		await page.locator('main a.btn').filter({ hasText: /invoice|청구서/i }).first().click({ timeout: 5000 });
		await shoot(page, `${tag}-18-invoice`);
}
