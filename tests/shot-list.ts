import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:4173';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
for (const locale of ['en-US', 'ko-KR']) for (const colorScheme of ['light', 'dark'] as const) {
	const h = { 'content-type': 'application/json' };
	await fetch(`${base}/api/__sandbox/reset`, { method: 'POST', headers: h });
	await fetch(`${base}/api/__sandbox/seed`, { method: 'POST', headers: h, body: JSON.stringify({ partnerId: 'partner-contoso', serviceRequests: 10000, closed: 300 }) });
	const ctx = await browser.newContext({ locale, colorScheme, viewport: { width: 360, height: 740 } });
	const page = await ctx.newPage();
	await page.goto(`${base}/signin`);
	await page.locator('#email').fill('admin@contoso.example');
	await page.locator('#password').fill('sandbox');
	await page.locator('form button[type=submit]').click();
	await page.waitForURL(`${base}/`);
	await page.waitForTimeout(4000);
	await page.goto(`${base}/support/requests`);
	await page.locator('ul.requests li a.title').first().waitFor();
	await page.waitForTimeout(400);
	const tag = `${locale.slice(0, 2)}-${colorScheme}`;
	await page.screenshot({ path: `/tmp/shots/${tag}-list-top.png` });
	await page.evaluate(() => window.scrollTo(0, 500000));
	await page.waitForTimeout(50);
	await page.screenshot({ path: `/tmp/shots/${tag}-list-mid-early.png` });
	await page.waitForTimeout(400);
	await page.screenshot({ path: `/tmp/shots/${tag}-list-mid.png` });
	await ctx.close();
}
await browser.close();
