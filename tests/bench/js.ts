/**
 * JavaScript per visit (DESIGN §7): every .js file the page fetches for a signed-in visit, until
 * the network is idle (lazy chunks included), gzip'd here with Node's default level so the
 * figure does not depend on how the server compresses. The HTTP cache is cleared before each
 * visit. A signed-in user has the service worker (signing in installed it), so the visit runs
 * under it as a user's does: files the worker answers from its precache count like any other
 * file the page fetches. What the worker's install downloads (every chunk of the build, once per
 * version) is not a visit and is not counted. The same visit with the worker blocked (a browser
 * without one; the page then runs the sync engine itself) is reported beside it.
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

async function visit(context: BrowserContext, url: string, ready: string, worker: boolean): Promise<Visit> {
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
	const controlled = await page.evaluate(() => !!navigator.serviceWorker?.controller);
	if (controlled !== worker) throw new Error(`${url}: expected ${worker ? 'a' : 'no'} controlling service worker`);
	const list = await Promise.all([...bodies].map(async ([file, p]) => ({ file, gzipBytes: await p })));
	await page.close();
	list.sort((a, b) => b.gzipBytes - a.gzipBytes);
	const gzipBytes = list.reduce((s, f) => s + f.gzipBytes, 0);
	return { url: new URL(url).pathname, files: list.length, gzipBytes, kb: round(gzipBytes / 1024, 1), list };
}

/** A context signed in as `email`, its service worker (unless blocked) installed and active. */
async function signedIn(browser: Browser, origin: string, email: string, worker: boolean): Promise<BrowserContext> {
	const context = await browser.newContext({ serviceWorkers: worker ? 'allow' : 'block', viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await signIn(page, origin, email);
	await waitForSynced(page);
	if (worker) await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.close();
	return context;
}

export async function measureJs(origin: string) {
	const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
	try {
		const result: Record<string, Visit> = {};
		// Contoso can open the purchase wizard (a network member with no Action Pack).
		const contoso = await signedIn(browser, origin, 'admin@contoso.example', true);
		result.dashboardContoso = await visit(contoso, `${origin}/`, 'main h1, h1', true);
		result.wizard = await visit(contoso, `${origin}/partnership/offers/subscribe`, 'h1', true);
		await contoso.close();

		// Fabrikam's dashboard shows a subscription: the heavier dashboard of the two.
		const fabrikam = await signedIn(browser, origin, 'admin@fabrikam.example', true);
		result.dashboardFabrikam = await visit(fabrikam, `${origin}/`, 'article.sub', true);
		await fabrikam.close();

		const noWorker = await signedIn(browser, origin, 'admin@fabrikam.example', false);
		result.dashboardNoWorker = await visit(noWorker, `${origin}/`, 'article.sub', false);
		await noWorker.close();

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
			dashboardNoWorkerKb: result.dashboardNoWorker.kb,
			dashboardNoWorkerFiles: result.dashboardNoWorker.files,
			wizardExtraKb: round(extraBytes / 1024, 1),
			wizardExtraFiles: extra.map((f) => f.file),
			visits: result
		};
	} finally {
		await browser.close();
	}
}
