/**
 * `npm run bench`: every budget of DESIGN §7 that a build can show (issue 11), measured in one
 * run, printed side by side and written to tests/bench/report.json. Figures, not pass/fail
 * assertions: a slow CI machine must not turn a test red, but a regression must be visible here.
 *
 * Sections (each survives another's failure; the error is printed and recorded):
 *   1. JavaScript per visit: every .js file fetched by a signed-in dashboard visit until the
 *      network is idle, and what the purchase wizard adds (plus the old static per-route figure).
 *   2. Offline cold start of the dashboard with its data, against an empty SvelteKit SPA
 *      (tests/bench/empty-app) built and served the same way; beside it, the floor: that SPA's
 *      page that paints after one Dexie read.
 *   3. The list of 10,000 service requests against 100.
 *   4. Lighthouse (mobile, simulated throttling), signed in with data, 6 pages, median of 5; and
 *      the same on the empty SPA and its one-Dexie-read page, for what this machine allows.
 *   5. The flush of 1,000 queued writes against a workbox-background-sync Queue, 5 runs.
 *
 * Settings: BENCH_LH_RUNS (5), BENCH_COLD_RUNS (5), BENCH_LIST_RUNS (3), BENCH_FLUSH_RUNS (5),
 * BENCH_FLUSH_N (1000), BENCH_ONLY=js,cold,list,lh,flush (a subset); `--no-build` reuses the
 * builds already there.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasBuild, routeBundles } from './bundle';
import { measureColdStart } from './coldstart';
import { measureFlush } from './flush';
import { measureJs } from './js';
import { controls, root, section, viteBuild, vitePreview, type Served } from './lib';
import { measureLighthouse, measureLighthouseFloor } from './lighthouse';
import { measureList } from './list';

const num = (name: string, fallback: number) => Math.max(1, Number(process.env[name] ?? fallback) || fallback);
const LH_RUNS = num('BENCH_LH_RUNS', 5);
const COLD_RUNS = num('BENCH_COLD_RUNS', 5);
const LIST_RUNS = num('BENCH_LIST_RUNS', 3);
const FLUSH_RUNS = num('BENCH_FLUSH_RUNS', 5);
const FLUSH_N = num('BENCH_FLUSH_N', 1000);
const only = new Set((process.env.BENCH_ONLY ?? 'js,cold,list,lh,flush').split(',').map((s) => s.trim()));
const emptyApp = join(root, 'tests/bench/empty-app');
const started = Date.now();

const report: Record<string, unknown> = {
	date: new Date().toISOString(),
	settings: { LH_RUNS, COLD_RUNS, LIST_RUNS, FLUSH_RUNS, FLUSH_N, only: [...only] }
};

const needsApp = ['js', 'cold', 'list', 'lh'].some((s) => only.has(s));
let app: Served | undefined;
let empty: Served | undefined;
// The empty SPA is the cold start's baseline and, with its one-read page, both sections' floor.
const needsEmpty = only.has('cold') || only.has('lh');

try {
	if (needsApp) {
		await section('Build (the app, and the empty SvelteKit app for the cold-start baseline)', report, 'build', async () => {
			const reuse = process.argv.includes('--no-build');
			if (!reuse || !hasBuild()) await viteBuild(root);
			if (needsEmpty && (!reuse || !existsSync(join(emptyApp, '.svelte-kit/output/client')))) await viteBuild(emptyApp);
			return { reused: reuse };
		});
		await section('Servers (vite preview, as `npm start`; sandbox controls on)', report, 'servers', async () => {
			app = await vitePreview(root, '/api/v1/me', { SANDBOX_CONTROLS: '1' });
			if (needsEmpty) empty = await vitePreview(emptyApp, '/');
			return { app: app.origin, empty: empty?.origin };
		});
	}

	if (only.has('js') && app) {
		const origin = app.origin;
		await section('1. JavaScript per signed-in visit (gzip, every .js fetched until network idle)', report, 'javascript', async () => {
			await controls(origin).reset();
			const r = await measureJs(origin);
			const routes = routeBundles();
			const pick = (k: string) => routes[k] && { kb: routes[k].kb, files: routes[k].files };
			console.log(`   dashboard (worse of Contoso, Fabrikam)  ${r.dashboardKb} KB in ${r.dashboardFiles} files`);
			console.log(`   + wizard /partnership/offers/subscribe  ${r.wizardExtraKb} KB (${r.wizardExtraFiles.length} files the dashboard did not fetch)`);
			console.log(`   dashboard with no service worker        ${r.dashboardNoWorkerKb} KB in ${r.dashboardNoWorkerFiles} files (the page runs the sync engine)`);
			return { ...r, staticFirstLoad: { note: 'first-load chunks from the Vite manifest, lazy chunks excluded (the old figure)', dashboard: pick('/'), wizard: pick('/partnership/offers/subscribe') } };
		});
	}

	if (only.has('cold') && app && empty) {
		const [a, e] = [app.origin, empty.origin];
		await section(`2. Offline cold start (median of ${COLD_RUNS})`, report, 'coldStart', async () => {
			await controls(a).reset();
			const r = await measureColdStart(a, e, COLD_RUNS);
			console.log(`   dashboard with data ${r.appMs} ms, empty SvelteKit page ${r.emptyMs} ms: ${r.ratio}×`);
			console.log(`   floor (empty page + one Dexie read) ${r.floor.ms} ms: ${r.floor.ratio}×`);
			return r;
		});
	}

	if (only.has('list') && app) {
		const origin = app.origin;
		await section(`3. Service-request list, 10,000 vs 100 (median of ${LIST_RUNS})`, report, 'list', async () => {
			const r = await measureList(origin, LIST_RUNS);
			console.log(`   100: ${r.small.medianMs} ms, 10,000: ${r.large.medianMs} ms (${r.large.rowsInDom} rows in the DOM): ${r.ratio}×`);
			return r;
		});
	}

	if (only.has('lh') && app) {
		const origin = app.origin;
		await section(`4. Lighthouse 12 mobile, signed in as admin@fabrikam.example with data (median of ${LH_RUNS})`, report, 'lighthouse', async () => {
			const sandbox = controls(origin);
			await sandbox.reset();
			// "With data": Fabrikam has its subscription; give it requests too, some closed.
			await sandbox.seed('partner-fabrikam', 40, 10);
			const r = await measureLighthouse(origin, LH_RUNS);
			console.log('   floor, the same way:');
			return { ...r, floor: empty ? await measureLighthouseFloor(empty.origin, LH_RUNS) : undefined };
		});
	}
} finally {
	await app?.close();
	await empty?.close();
}

if (only.has('flush')) {
	await section(`5. Flushing ${FLUSH_N} queued writes vs a workbox-background-sync Queue (${FLUSH_RUNS} runs)`, report, 'flush', () => measureFlush(FLUSH_N, FLUSH_RUNS));
}

report.durationS = Math.round((Date.now() - started) / 1000);
printSummary(report);
const out = join(root, 'tests/bench/report.json');
writeFileSync(out, JSON.stringify(report, null, 2));
console.log(`\nReport written to ${out} (${report.durationS} s)`);
process.exit(0);

/** Every figure next to its budget. */
function printSummary(r: Record<string, unknown>) {
	type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
	const rows: [string, string, string, string][] = [];
	const verdict = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? 'met' : 'NOT MET');
	const failed = (x: unknown) => !x || (x as Any).error !== undefined;
	const js = r.javascript as Any;
	if (only.has('js')) {
		if (failed(js)) rows.push(['JS, dashboard visit', 'failed', '≤ 75 KB', '—']);
		else {
			rows.push(['JS, dashboard visit (gzip)', `${js.dashboardKb} KB, ${js.dashboardFiles} files`, '≤ 75 KB', verdict(js.dashboardKb <= 75)]);
			rows.push(['JS, + wizard route', `${js.wizardExtraKb} KB`, '≤ +25 KB', verdict(js.wizardExtraKb <= 25)]);
			rows.push(['  (dashboard, no service worker)', `${js.dashboardNoWorkerKb} KB, ${js.dashboardNoWorkerFiles} files`, '', '']);
			if (js.staticFirstLoad?.dashboard) rows.push(['  (old static first-load, dashboard)', `${js.staticFirstLoad.dashboard.kb} KB`, '', '']);
		}
	}
	const cold = r.coldStart as Any;
	if (only.has('cold')) {
		rows.push(failed(cold) ? ['Offline cold start', 'failed', '≤ 1.3×', '—'] : ['Offline cold start', `${cold.appMs} ms vs ${cold.emptyMs} ms = ${cold.ratio}×`, '≤ 1.3×', verdict(cold.ratio <= 1.3)]);
		if (!failed(cold)) rows.push(['  (floor: empty + one Dexie read)', `${cold.floor.ms} ms = ${cold.floor.ratio}×`, '', '']);
	}
	const list = r.list as Any;
	if (only.has('list')) {
		rows.push(failed(list) ? ['List 10,000 vs 100', 'failed', '≤ 1.2×', '—'] : ['List 10,000 vs 100', `${list.large.medianMs} ms vs ${list.small.medianMs} ms = ${list.ratio}×`, '≤ 1.2×', verdict(list.ratio <= 1.2)]);
	}
	const lh = r.lighthouse as Any;
	if (only.has('lh')) {
		if (failed(lh)) rows.push(['Lighthouse', 'failed', '', '—']);
		else
			for (const [name, p] of Object.entries(lh.pages as Any)) {
				const m = (p as Any).median;
				rows.push([`Lighthouse ${name}`, `perf ${m.performance}, LCP ${m.lcpMs} ms, TBT ${m.tbtMs} ms, CLS ${m.cls}`, 'perf ≥ 98, CLS ≤ 0.02', verdict(m.performance >= 98 && m.cls <= 0.02)]);
			}
		for (const [name, p] of Object.entries((lh?.floor?.pages ?? {}) as Any)) {
			const m = (p as Any).median;
			const each = ((p as Any).runs as Any[]).map((x) => x.performance).join(', ');
			rows.push([`  (floor: ${name})`, `perf ${m.performance} (runs ${each}), TBT ${m.tbtMs} ms`, '', '']);
		}
	}
	const flush = r.flush as Any;
	if (only.has('flush')) {
		rows.push(
			failed(flush)
				? ['Flush vs Workbox Queue', 'failed', '≥ 20× worst', '—']
				: ['Flush vs Workbox Queue (worst of runs)', `${flush.worstSpeedup}× (median ${flush.medianSpeedup}×), dup ${flush.duplicates}, lost ${flush.losses}`, '≥ 20×, 0 dup, 0 lost', verdict(flush.worstSpeedup >= 20 && flush.duplicates === 0 && flush.losses === 0)]
		);
		if (!failed(flush)) rows.push(['  (floor: one read, one $batch, one transaction)', `${flush.floor.worstSpeedup}× (median ${flush.floor.medianSpeedup}×)`, '', '']);
	}
	const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
	console.log('\n== Side by side');
	for (const row of rows) console.log(`   ${row[0].padEnd(w[0])}  ${row[1].padEnd(w[1])}  ${row[2].padEnd(w[2])}  ${row[3]}`);
}
