/**
 * `npm run bench`: the budgets of DESIGN.md §7 that this build can measure, printed and
 * written to tests/bench/report.json. Figures, not pass/fail assertions: a slow CI machine
 * must not turn a test red, but a regression must be visible here.
 */
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';
import { sandboxPlugin } from '../../src/lib/server/sandbox/plugin';
import { hasBuild, routeBundles } from './bundle';

const root = resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const FLUSH_N = Number(process.env.BENCH_FLUSH_N ?? 1000);

const report: Record<string, unknown> = { date: new Date().toISOString() };

// ---- 1. First-load JavaScript per route ------------------------------------------------
if (!hasBuild() || !process.argv.includes('--no-build')) {
	execSync('npx vite build', { cwd: root, stdio: 'ignore' });
}
const routes = routeBundles();
const budgetKb = 75;
report.firstLoadJs = { budgetKb, routes };
console.log('\nFirst-load JavaScript (gzip) per route — budget for the dashboard: 75 KB');
for (const [route, r] of Object.entries(routes)) {
	console.log(`  ${route.padEnd(34)} ${String(r.kb).padStart(6)} KB  (${r.files} files)${route === '/' ? (r.kb <= budgetKb ? '  within budget' : '  OVER BUDGET') : ''}`);
}

// ---- 2. Flushing 1,000 queued writes: our engine vs a workbox-background-sync Queue ----
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
	// The bench drives the test controls, which exist only when asked for (SANDBOX_CONTROLS=1).
	plugins: [sandboxPlugin({ controls: true })],
	build: { outDir },
	preview: { host: '127.0.0.1', port: 0 }
});
const address = server.httpServer.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
	// The controls answer only application/json requests.
	const json = { 'content-type': 'application/json' };
	const api = (path: string) => fetch(`${origin}/api/__sandbox${path}`, { headers: json }).then((r) => r.json());
	await fetch(`${origin}/api/__sandbox/reset`, { method: 'POST', headers: json });
	const page = await (await browser.newContext()).newPage();
	await page.goto(`${origin}/`);
	await page.waitForFunction(() => 'bench' in window);

	console.log(`\nFlushing ${FLUSH_N} queued writes to the sandbox on 127.0.0.1 (same browser run)`);
	const ours = await page.evaluate((n) => (window as unknown as { bench: { ours(n: number): Promise<{ ms: number; netMs: number; left: number }> } }).bench.ours(n), FLUSH_N);
	const wb = await page.evaluate((n) => (window as unknown as { bench: { workbox(n: number): Promise<{ ms: number; left: number }> } }).bench.workbox(n), FLUSH_N);
	const ledger = await api('/ledger');
	const count = (prefix: string) => {
		const seen = new Map<string, number>();
		for (const r of ledger.serviceRequests as { title: string }[]) if (r.title.startsWith(prefix + ' ')) seen.set(r.title, (seen.get(r.title) ?? 0) + 1);
		let duplicates = 0;
		for (const c of seen.values()) duplicates += c - 1;
		return { delivered: seen.size, duplicates, losses: FLUSH_N - seen.size };
	};
	const ratio = wb.ms / ours.ms;
	report.flush = {
		n: FLUSH_N,
		ours: { ms: Math.round(ours.ms), serverWaitMs: Math.round(ours.netMs), ...count('OURS'), leftInOutbox: ours.left },
		workboxQueue: { ms: Math.round(wb.ms), ...count('WB'), leftInQueue: wb.left },
		speedup: +ratio.toFixed(1),
		goal: 'ours ≥ 10× faster, 0 duplicates, 0 losses'
	};
	const f = report.flush as { ours: ReturnType<typeof count> & { ms: number }; workboxQueue: ReturnType<typeof count> & { ms: number } };
	console.log(`  ours (outbox engine)            ${String(f.ours.ms).padStart(7)} ms   duplicates ${f.ours.duplicates}, losses ${f.ours.losses}`);
	console.log(`  workbox-background-sync Queue   ${String(f.workboxQueue.ms).padStart(7)} ms   duplicates ${f.workboxQueue.duplicates}, losses ${f.workboxQueue.losses}`);
	console.log(`  ratio                           ${ratio.toFixed(1)}× ${ratio >= 10 ? '(goal ≥ 10×: met)' : '(goal ≥ 10×: NOT met)'}`);
} finally {
	await browser.close();
	await new Promise<void>((r) => server.httpServer.close(() => r()));
}

const out = join(root, 'tests/bench/report.json');
writeFileSync(out, JSON.stringify(report, null, 2));
console.log(`\nReport written to ${out}`);
process.exit(0);
