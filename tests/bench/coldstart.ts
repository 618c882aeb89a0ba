/**
 * Offline cold start (DESIGN §7): a profile in which the service worker has precached the
 * build and IndexedDB holds the data; then, per run, a new browser on that profile, offline
 * from the start, opens the app, and we time navigation start → the first frame that shows the
 * dashboard with its data (its h1 and the subscription card, which comes from IndexedDB).
 * The baseline is an empty SvelteKit SPA (tests/bench/empty-app) built and served the same way,
 * timed to its h1. Beside it, the floor: that SPA's `/dexie` page, which paints its h1 after one
 * Dexie read (the least a page of this stack that paints with IndexedDB data can do). Runs
 * alternate between the three so that the machine's load hits them alike.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARGS, CHROMIUM, median, prepareEmptyApp, round, signIn, timeToFrameWith, waitForServiceWorker, waitForSynced } from './lib';

const launch = (dir: string, offline: boolean) =>
	chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 360, height: 740 }, offline });

const firstPage = async (ctx: Awaited<ReturnType<typeof launch>>): Promise<Page> => ctx.pages()[0] ?? ctx.newPage();

export async function measureColdStart(app: string, empty: string, runs: number) {
	const appDir = mkdtempSync(join(tmpdir(), 'pm-bench-cold-app-'));
	const emptyDir = mkdtempSync(join(tmpdir(), 'pm-bench-cold-empty-'));
	try {
		// Prepare: worker installed (precache done) and, for the app, data pulled into IndexedDB.
		{
			const ctx = await launch(appDir, false);
			const page = await firstPage(ctx);
			await signIn(page, app, 'admin@fabrikam.example');
			await waitForSynced(page);
			await waitForServiceWorker(page);
			await ctx.close();
		}
		{
			const ctx = await launch(emptyDir, false);
			const page = await firstPage(ctx);
			await prepareEmptyApp(page, empty);
			await ctx.close();
		}

		const once = async (dir: string, url: string, selectors: string[]) => {
			const ctx = await launch(dir, true);
			try {
				const page = await firstPage(ctx);
				await page.goto(url, { waitUntil: 'commit' });
				const ms = await timeToFrameWith(page, selectors, 30_000);
				if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) throw new Error(`${url} was not served by the service worker`);
				return ms;
			} finally {
				await ctx.close();
			}
		};
		const appMs: number[] = [];
		const emptyMs: number[] = [];
		const floorMs: number[] = [];
		for (let i = 0; i < runs; i++) {
			appMs.push(await once(appDir, app + '/', ['h1', 'article.sub']));
			emptyMs.push(await once(emptyDir, empty + '/', ['h1']));
			floorMs.push(await once(emptyDir, empty + '/dexie', ['h1']));
		}
		const a = median(appMs);
		const e = median(emptyMs);
		const f = median(floorMs);
		return {
			runs,
			budgetRatio: 1.3,
			appMs: round(a),
			emptyMs: round(e),
			ratio: round(a / e, 2),
			appRuns: appMs.map((x) => round(x)),
			emptyRuns: emptyMs.map((x) => round(x)),
			floor: { ms: round(f), ratio: round(f / e, 2), runs: floorMs.map((x) => round(x)), page: 'the empty SPA plus one Dexie read before its h1 (tests/bench/empty-app, /dexie)' },
			measured: 'navigation start → first frame with the dashboard h1 and the subscription card (app) / the h1 (empty SvelteKit SPA), offline, new browser on a profile with the worker installed'
		};
	} finally {
		rmSync(appDir, { recursive: true, force: true });
		rmSync(emptyDir, { recursive: true, force: true });
	}
}
