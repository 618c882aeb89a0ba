/**
 * Lighthouse 12.8 on signed-in pages with their data (DESIGN §7, TOOLCHAIN.md): sign in once
 * with Playwright in a persistent profile, close it, start Chromium on that profile with a
 * debugging port, and run Lighthouse against it with --disable-storage-reset (a reset would
 * erase the session and IndexedDB). Lighthouse's defaults: mobile, simulated throttling.
 * The service worker is installed by then, as for a returning user: pages come from its cache.
 */
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARGS, CHROMIUM, freePort, median, prepareEmptyApp, round, signIn, waitForServiceWorker, waitForSynced } from './lib';

export const LH_PAGES: Record<string, string> = {
	dashboard: '/',
	offers: '/partnership/offers',
	requests: '/support/requests',
	membership: '/membership',
	subscription: '/partnership/offers/sub-fabrikam-action-pack',
	// One wizard step: Fabrikam's year ends within the renewal window, so this opens the renewal.
	'renewal wizard': '/partnership/offers/sub-fabrikam-action-pack/renew'
};

interface ObservedShift {
	at: number;
	value: number;
	moved: { node: string; dy: number; dh: number }[];
}

/** Records layout shifts as the page sees them (the Layout Instability API), with their sources. */
const OBSERVE_SHIFTS = `(() => {
	const shifts = (window.__shifts = []);
	const describe = (n) => {
		if (!n || n.nodeType !== 1) return n ? '#text in ' + describe(n.parentElement) : '(gone)';
		const cls = [...n.classList].filter((c) => !c.startsWith('svelte-')).join('.');
		const text = (n.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
		return n.tagName.toLowerCase() + (cls ? '.' + cls : '') + (text ? ' "' + text + '"' : '');
	};
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) {
			if (e.hadRecentInput) continue;
			shifts.push({
				at: Math.round(e.startTime),
				value: +e.value.toFixed(4),
				moved: (e.sources || []).map((s) => ({ node: describe(s.node), dy: Math.round(s.currentRect.y - s.previousRect.y), dh: Math.round(s.currentRect.height - s.previousRect.height) }))
			});
		}
	}).observe({ type: 'layout-shift', buffered: true });
})();`;

interface Shift {
	node: string;
	selector: string;
	snippet: string;
	score: number;
	causes: string[];
}

interface Run {
	performance: number;
	lcpMs: number;
	tbtMs: number;
	cls: number;
	shifts: Shift[];
}

type Details = { items?: Record<string, unknown>[] };
type NodeValue = { nodeLabel?: string; selector?: string; snippet?: string };

function shiftsOf(audits: Record<string, { details?: unknown }>): Shift[] {
	const items = ((audits['layout-shifts']?.details as Details | undefined)?.items ?? []) as {
		node?: NodeValue;
		score: number;
		subItems?: { items: { cause: unknown; extra?: { value?: string } & NodeValue }[] };
	}[];
	return items.map((i) => ({
		node: i.node?.nodeLabel ?? '(unknown)',
		selector: i.node?.selector ?? '',
		snippet: i.node?.snippet ?? '',
		score: round(i.score, 4),
		causes: (i.subItems?.items ?? []).map((s) => `${String(s.cause)}${s.extra ? ` (${s.extra.value ?? s.extra.snippet ?? ''})` : ''}`)
	}));
}

export async function measureLighthouse(origin: string, runs: number) {
	const profile = mkdtempSync(join(tmpdir(), 'pm-bench-lh-'));
	try {
		// 1. Sign in once, with data, in the profile Lighthouse will use.
		const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 360, height: 740 } });
		const page = ctx.pages()[0] ?? (await ctx.newPage());
		await signIn(page, origin, 'admin@fabrikam.example');
		await waitForSynced(page);
		await waitForServiceWorker(page);
		// Every page once, so that each route's chunks are in the worker's cache and nothing is
		// first-time; and, while there, the browser's own record of what moved (Lighthouse names
		// one element per shift; these name every moved node, with how far it moved).
		const observed: Record<string, ObservedShift[]> = {};
		await page.addInitScript(OBSERVE_SHIFTS);
		for (const [name, path] of Object.entries(LH_PAGES)) {
			await page.goto(origin + path, { waitUntil: 'networkidle' });
			await page.waitForTimeout(1000);
			observed[name] = await page.evaluate(() => (window as unknown as { __shifts: ObservedShift[] }).__shifts ?? []);
		}
		await ctx.close();

		const pages = await lighthouseOn(profile, origin, LH_PAGES, runs);
		return { runs, budget: { performance: 98, cls: 0.02 }, pages, shifts: shiftSummary(pages), observedShifts: observed };
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
}

/**
 * The floor beside the app (printed, not budgeted): the empty SvelteKit SPA of the cold-start
 * baseline and its `/dexie` page (one Dexie read before the h1), in a profile of their own with
 * the worker installed, run the same way. What this machine gives a page that does nothing, and
 * the least a page of this stack that paints with IndexedDB data can do.
 */
export async function measureLighthouseFloor(emptyOrigin: string, runs: number) {
	const profile = mkdtempSync(join(tmpdir(), 'pm-bench-lh-floor-'));
	try {
		const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 360, height: 740 } });
		const page = ctx.pages()[0] ?? (await ctx.newPage());
		await prepareEmptyApp(page, emptyOrigin);
		await ctx.close();
		return { runs, pages: await lighthouseOn(profile, emptyOrigin, { 'empty SPA': '/', 'empty + Dexie read': '/dexie' }, runs) };
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
}

/** Chromium on a prepared profile, for Lighthouse to drive: `runs` runs of each page, medians. */
async function lighthouseOn(profile: string, origin: string, paths: Record<string, string>, runs: number) {
	const port = await freePort();
	const chrome = spawn(CHROMIUM, [...ARGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
	try {
		const deadline = Date.now() + 30_000;
		for (;;) {
			try {
				if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) break;
			} catch {
				// not up yet
			}
			if (Date.now() > deadline) throw new Error('Chromium did not open its debugging port');
			await new Promise((r) => setTimeout(r, 200));
		}

		const pages: Record<string, { url: string; median: Omit<Run, 'shifts'>; runs: Run[] }> = {};
		for (const [name, path] of Object.entries(paths)) {
			const all: Run[] = [];
			for (let i = 0; i < runs; i++) {
				const result = await lighthouse(origin + path, {
					port,
					output: 'json',
					logLevel: 'error',
					onlyCategories: ['performance'],
					disableStorageReset: true
				});
				if (!result) throw new Error(`Lighthouse gave no result for ${path}`);
				const { lhr } = result;
				if (lhr.runtimeError) throw new Error(`Lighthouse on ${path}: ${lhr.runtimeError.message}`);
				const a = lhr.audits;
				all.push({
					performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
					lcpMs: Math.round(a['largest-contentful-paint'].numericValue ?? NaN),
					tbtMs: Math.round(a['total-blocking-time'].numericValue ?? NaN),
					cls: round(a['cumulative-layout-shift'].numericValue ?? NaN, 3),
					shifts: shiftsOf(a as Record<string, { details?: unknown }>)
				});
			}
			const m = {
				performance: median(all.map((r) => r.performance)),
				lcpMs: median(all.map((r) => r.lcpMs)),
				tbtMs: median(all.map((r) => r.tbtMs)),
				cls: round(median(all.map((r) => r.cls)), 3)
			};
			pages[name] = { url: path, median: m, runs: all };
			console.log(`   ${name.padEnd(18)} perf ${String(m.performance).padStart(3)}  LCP ${String(m.lcpMs).padStart(5)} ms  TBT ${String(m.tbtMs).padStart(4)} ms  CLS ${m.cls.toFixed(3)}`);
		}
		return pages;
	} finally {
		await new Promise<void>((res) => {
			if (chrome.exitCode !== null) return res();
			chrome.once('exit', () => res());
			chrome.kill('SIGTERM');
		});
	}
}

/** Per page, each element that shifted, in how many runs, and its largest score. */
function shiftSummary(pages: Record<string, { runs: Run[] }>) {
	const out: Record<string, { node: string; selector: string; snippet: string; runs: number; maxScore: number; causes: string[] }[]> = {};
	for (const [name, p] of Object.entries(pages)) {
		const by = new Map<string, { node: string; selector: string; snippet: string; runs: number; maxScore: number; causes: Set<string> }>();
		for (const r of p.runs) {
			const seen = new Set<string>();
			for (const s of r.shifts) {
				const key = s.selector || s.snippet;
				const e = by.get(key) ?? { node: s.node, selector: s.selector, snippet: s.snippet, runs: 0, maxScore: 0, causes: new Set<string>() };
				if (!seen.has(key)) e.runs++;
				seen.add(key);
				e.maxScore = Math.max(e.maxScore, s.score);
				s.causes.forEach((c) => e.causes.add(c));
				by.set(key, e);
			}
		}
		out[name] = [...by.values()].sort((a, b) => b.maxScore - a.maxScore).map((e) => ({ ...e, causes: [...e.causes] }));
	}
	return out;
}
