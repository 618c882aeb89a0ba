/**
 * What the bench's sections share: Chromium's flags, servers started as child processes (so the
 * app is served exactly as `npm start` serves it), the sandbox's controls, signing in.
 */
import { expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { waitForSynced as waitForSyncedE2e } from '../e2e/helpers';

export const root = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VITE = join(root, 'node_modules/vite/bin/vite.js');

export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const round = (x: number, digits = 0) => +x.toFixed(digits);

export function freePort(): Promise<number> {
	return new Promise((res, rej) => {
		const s = createServer();
		s.once('error', rej);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => res(port));
		});
	});
}

/** Runs `vite build` in `cwd` with Node directly (no npx: one process, nothing left behind). */
export function viteBuild(cwd: string, env: Record<string, string> = {}): Promise<void> {
	return new Promise((res, rej) => {
		const child = spawn(process.execPath, [VITE, 'build', '--logLevel', 'error'], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
		let err = '';
		child.stderr.on('data', (d) => (err += d));
		child.on('exit', (code) => (code === 0 ? res() : rej(new Error(`vite build in ${cwd} failed (${code}): ${err.slice(-2000)}`))));
	});
}

export interface Served {
	origin: string;
	close(): Promise<void>;
}

/**
 * `vite preview` of a build in `cwd`, as `npm start` serves the app; resolves once `probe`
 * answers. The child is ours: close() ends it by its pid.
 */
export async function vitePreview(cwd: string, probe: string, env: Record<string, string> = {}): Promise<Served> {
	const port = await freePort();
	const child: ChildProcess = spawn(process.execPath, [VITE, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
		cwd,
		env: { ...process.env, ...env },
		stdio: 'ignore'
	});
	const origin = `http://127.0.0.1:${port}`;
	const close = () =>
		new Promise<void>((res) => {
			if (child.exitCode !== null || child.signalCode !== null) return res();
			child.once('exit', () => res());
			child.kill('SIGTERM');
		});
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`vite preview in ${cwd} exited with ${child.exitCode}`);
		try {
			const r = await fetch(origin + probe);
			if (r.status < 500) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await close();
			throw new Error(`vite preview in ${cwd} did not answer within 60 s`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	return { origin, close };
}

/** The sandbox's test controls (JSON only, DESIGN §6). */
export function controls(origin: string) {
	const call = async (method: string, path: string, body?: unknown) => {
		const r = await fetch(`${origin}/api/__sandbox${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		if (!r.ok) throw new Error(`${method} /api/__sandbox${path}: ${r.status} ${await r.text()}`);
		return r.json();
	};
	return {
		reset: () => call('POST', '/reset', {}),
		seed: (partnerId: string, serviceRequests: number, closed = 0) => call('POST', '/seed', { partnerId, serviceRequests, closed }),
		ledger: () => call('GET', '/ledger')
	};
}

/** Signs in through the form, as a user does, and waits for the dashboard. */
export async function signIn(page: Page, origin: string, email: string): Promise<void> {
	await page.goto(`${origin}/signin`);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill('sandbox');
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible({ timeout: 30_000 });
}

/**
 * Until the first pull has written its timestamp: the data is in IndexedDB. The end-to-end
 * helper, with the bench's patience (a pull of 10,000 requests takes seconds).
 */
export const waitForSynced = (page: Page, timeout = 120_000): Promise<void> => waitForSyncedE2e(page, timeout);

/** The worker is active: it has precached the build (install finishes after the precache). */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
}

/**
 * The empty SPA's profile made ready, as the app's is by signing in: the worker installed, and
 * the `/dexie` floor page's row written (that page writes it on its first visit).
 */
export async function prepareEmptyApp(page: Page, origin: string): Promise<void> {
	await page.goto(origin + '/');
	await page.locator('h1').waitFor();
	await waitForServiceWorker(page);
	await page.goto(origin + '/dexie');
	await page.getByRole('heading', { name: 'Fabrikam' }).waitFor();
}

/**
 * Milliseconds from the page's navigation start to the first animation frame in which
 * `selector` (every one of them, when several) is in the DOM and has a box: the frame that
 * paints it.
 */
export async function timeToFrameWith(page: Page, selectors: string[], timeout = 60_000): Promise<number> {
	const handle = await page.waitForFunction(
		(sels) => {
			for (const s of sels) {
				const el = document.querySelector(s);
				if (!el || el.getBoundingClientRect().height === 0) return false;
			}
			return performance.now();
		},
		selectors,
		{ polling: 'raf', timeout }
	);
	return (await handle.jsonValue()) as number;
}

/** Runs one section; a failure is printed and recorded, and the next section still runs. */
export async function section<T>(name: string, report: Record<string, unknown>, key: string, fn: () => Promise<T>): Promise<T | undefined> {
	const t0 = Date.now();
	console.log(`\n== ${name}`);
	try {
		const value = await fn();
		report[key] = value;
		console.log(`   (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
		return value;
	} catch (e) {
		const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
		console.log(`   FAILED: ${message}`);
		report[key] = { error: message.split('\n')[0] };
		return undefined;
	}
}
