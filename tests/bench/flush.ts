/**
 * Flushing N queued writes: our outbox engine against a workbox-background-sync Queue replaying
 * the same requests (DESIGN §7: at least 20× on the worst of 5 runs, each applied exactly once).
 * Its own page (tests/bench/flush) and sandbox, reset before every run.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { sandboxPlugin } from '../../src/lib/server/sandbox/plugin';
import { ARGS, CHROMIUM, controls, median, root, round } from './lib';

type Bench = {
	bench: {
		ours(n: number): Promise<{ ms: number; netMs: number; left: number }>;
		floor(n: number): Promise<{ ms: number }>;
		workbox(n: number): Promise<{ ms: number; left: number }>;
	};
};

export async function measureFlush(n: number, runs: number) {
	const outDir = mkdtempSync(join(tmpdir(), 'pm-bench-'));
	await build({
		configFile: false,
		logLevel: 'error',
		root: join(root, 'tests/bench/flush'),
		resolve: { alias: { $lib: join(root, 'src/lib') } },
		build: {
			outDir,
			emptyOutDir: true,
			rollupOptions: {
				input: { index: join(root, 'tests/bench/flush/index.html'), sw: join(root, 'tests/bench/flush/sw.ts') },
				output: { entryFileNames: '[name].js' }
			}
		}
	});
	const server = await preview({
		configFile: false,
		logLevel: 'error',
		root: join(root, 'tests/bench/flush'),
		// The bench drives the test controls, which exist only when asked for.
		plugins: [sandboxPlugin({ controls: true })],
		build: { outDir },
		preview: { host: '127.0.0.1', port: 0 }
	});
	const address = server.httpServer.address();
	const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	const sandbox = controls(origin);
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
	try {
		const page = await (await browser.newContext()).newPage();
		await page.goto(`${origin}/`);
		await page.waitForFunction(() => 'bench' in window);
		// One small untimed round of each first: the first run otherwise times the JIT compiling
		// both sides and IndexedDB opening its files, which no later flush pays.
		await sandbox.reset();
		await page.evaluate(() => (window as unknown as Bench).bench.ours(50));
		await page.evaluate(() => (window as unknown as Bench).bench.floor(50));
		await page.evaluate(() => (window as unknown as Bench).bench.workbox(50));
		const all = [];
		for (let run = 1; run <= runs; run++) {
			await sandbox.reset();
			const ours = await page.evaluate((n) => (window as unknown as Bench).bench.ours(n), n);
			const fl = await page.evaluate((n) => (window as unknown as Bench).bench.floor(n), n);
			const wb = await page.evaluate((n) => (window as unknown as Bench).bench.workbox(n), n);
			const ledger = await sandbox.ledger();
			const count = (prefix: string) => {
				const seen = new Map<string, number>();
				for (const r of ledger.serviceRequests as { title: string }[]) if (r.title.startsWith(prefix + ' ')) seen.set(r.title, (seen.get(r.title) ?? 0) + 1);
				let duplicates = 0;
				for (const c of seen.values()) duplicates += c - 1;
				return { delivered: seen.size, duplicates, losses: n - seen.size };
			};
			const r = {
				run,
				ours: { ms: round(ours.ms), serverWaitMs: round(ours.netMs), ...count('OURS'), leftInOutbox: ours.left },
				floor: { ms: round(fl.ms), ...count('FLOOR') },
				workboxQueue: { ms: round(wb.ms), ...count('WB'), leftInQueue: wb.left },
				speedup: round(wb.ms / ours.ms, 1),
				floorSpeedup: round(wb.ms / fl.ms, 1)
			};
			all.push(r);
			console.log(
				`   run ${run}: ours ${String(r.ours.ms).padStart(6)} ms (dup ${r.ours.duplicates}, lost ${r.ours.losses})   workbox ${String(r.workboxQueue.ms).padStart(6)} ms (dup ${r.workboxQueue.duplicates}, lost ${r.workboxQueue.losses})   ${r.speedup}×   floor ${String(r.floor.ms).padStart(5)} ms, ${r.floorSpeedup}×`
			);
		}
		return {
			n,
			runs: all,
			worstSpeedup: Math.min(...all.map((r) => r.speedup)),
			medianSpeedup: median(all.map((r) => r.speedup)),
			floor: {
				what: 'one read of the queue, one $batch, one transaction writing the answers and emptying the queue (raw IndexedDB, no engine)',
				worstSpeedup: Math.min(...all.map((r) => r.floorSpeedup)),
				medianSpeedup: median(all.map((r) => r.floorSpeedup)),
				medianMs: median(all.map((r) => r.floor.ms))
			},
			duplicates: all.reduce((s, r) => s + r.ours.duplicates, 0),
			losses: all.reduce((s, r) => s + r.ours.losses, 0),
			budget: 'ours ≥ 20× faster than the Queue on the worst run, 0 duplicates, 0 losses'
		};
	} finally {
		await browser.close();
		await new Promise<void>((r) => server.httpServer.close(() => r()));
		rmSync(outDir, { recursive: true, force: true });
	}
}
