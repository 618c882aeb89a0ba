/**
 * The service-request list at 10,000 against 100 (DESIGN §7): the requests are seeded through
 * the sandbox control for Contoso, pulled into the app by signing in, then each run navigates to
 * /support/requests (a full page load, as a user opening it) and times navigation start → the
 * first frame with a row in it. Median of `runs`.
 */
import { chromium } from '@playwright/test';
import { ARGS, CHROMIUM, controls, median, round, signIn, timeToFrameWith, waitForSynced } from './lib';

const ROW = 'ul.requests li a.title';

export async function measureList(origin: string, runs: number) {
	const sandbox = controls(origin);
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
	try {
		const one = async (n: number) => {
			await sandbox.reset();
			await sandbox.seed('partner-contoso', n);
			const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
			try {
				const page = await ctx.newPage();
				const t0 = Date.now();
				await signIn(page, origin, 'admin@contoso.example');
				await waitForSynced(page, 300_000);
				const pullMs = Date.now() - t0;
				const times: number[] = [];
				let rendered = 0;
				for (let i = 0; i < runs; i++) {
					await page.goto(`${origin}/support/requests`, { waitUntil: 'commit' });
					times.push(await timeToFrameWith(page, [ROW], 120_000));
					// Let the start-up sync finish, so runs do not overlap.
					await page.waitForLoadState('networkidle');
					rendered = await page.locator('ul.requests li').count();
				}
				const count = await page.locator('p.count').textContent();
				return { n, medianMs: round(median(times)), runs: times.map((t) => round(t)), rowsInDom: rendered, countText: count?.trim(), signInAndPullMs: pullMs };
			} finally {
				await ctx.close();
			}
		};
		const small = await one(100);
		const large = await one(10_000);
		return { budgetRatio: 1.2, ratio: round(large.medianMs / small.medianMs, 2), small, large };
	} finally {
		await browser.close();
		await sandbox.reset().catch(() => undefined);
	}
}
