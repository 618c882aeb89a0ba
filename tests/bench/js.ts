/**
 * JavaScript per visit (DESIGN §7): every .js file Chromium fetches for a signed-in visit, until
 * the network is idle (lazy chunks included), gzip'd here with Node's default level so the
 * figure does not depend on how the server compresses. The service worker is blocked in this
 * context: its precache would fetch every chunk of the build, which is not what a visit costs,
 * and the HTTP cache is cleared before each visit so nothing comes from an earlier one.
 */
import { chromium, type Browser, type BrowserContext, type Response } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { ARGS, CHROMIUM, round, signIn, waitForSynced } from './lib';

export interface Visit {
	url: string;
	files: number;
	gzipBytes: number;
	kb: number;
	list: { file: string; gzipBytes: number }[];
}

async function visit(context: BrowserContext, url: string, ready: string): Promise<Visit> {
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.clearBrowserCache');
	const bodies = new Map<string, Promise<number>>();
	const onResponse = (r: Response) => {
		const path = new URL(r.url()).pathname;
		const type = r.headers()['content-type'] ?? '';
		if (!path.endsWith('.js') && !/javascript/.test(type)) return;
		if (!bodies.has(path)) bodies.set(path, r.body().then((b) => gzipSync(b).length, () => 0));
	};
	page.on('response', onResponse);
	await page.goto(url, { waitUntil: 'networkidle' });
	await page.locator(ready).first().waitFor({ timeout: 30_000 });
	// networkidle is 500 ms without requests; lazy chunks requested after the data paint count too.
	await page.waitForLoadState('networkidle');
	page.off('response', onResponse);
	const list = await Promise.all([...bodies].map(async ([file, p]) => ({ file, gzipBytes: await p })));
	await page.close();
	list.sort((a, b) => b.gzipBytes - a.gzipBytes);
	const gzipBytes = list.reduce((s, f) => s + f.gzipBytes, 0);
	return { url: new URL(url).pathname, files: list.length, gzipBytes, kb: round(gzipBytes / 1024, 1), list };
}

export async function measureJs(origin: string) {
	const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
	try {
		const result: Record<string, Visit> = {};
		// Contoso can open the purchase wizard (a network member with no Action Pack).
		const contoso = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 740 } });
		const signin = await contoso.newPage();
		await signIn(signin, origin, 'admin@contoso.example');
		await waitForSynced(signin);
		await signin.close();
		result.dashboardContoso = await visit(contoso, `${origin}/`, 'main h1, h1');
		result.wizard = await visit(contoso, `${origin}/partnership/offers/subscribe`, 'h1');
		await contoso.close();

		// Fabrikam's dashboard shows a subscription: the heavier dashboard of the two.
		const fabrikam = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 740 } });
		const signin2 = await fabrikam.newPage();
		await signIn(signin2, origin, 'admin@fabrikam.example');
		await waitForSynced(signin2);
		await signin2.close();
		result.dashboardFabrikam = await visit(fabrikam, `${origin}/`, 'article.sub');
		await fabrikam.close();

		// What the wizard adds for someone who has visited the dashboard: files it fetches that the dashboard did not.
		const seen = new Set(result.dashboardContoso.list.map((f) => f.file));
		const extra = result.wizard.list.filter((f) => !seen.has(f.file));
		const extraBytes = extra.reduce((s, f) => s + f.gzipBytes, 0);
		const dashboard = result.dashboardFabrikam.gzipBytes >= result.dashboardContoso.gzipBytes ? result.dashboardFabrikam : result.dashboardContoso;
		return {
			budgetKb: 75,
			wizardBudgetKb: 25,
			dashboardKb: dashboard.kb,
			dashboardFiles: dashboard.files,
			wizardExtraKb: round(extraBytes / 1024, 1),
			wizardExtraFiles: extra.map((f) => f.file),
			visits: result
		};
	} finally {
		await browser.close();
	}
}
