import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { sandboxPlugin } from './src/lib/server/sandbox/plugin.ts';

const testing = !!process.env.VITEST;

/** What every visit runs: Kit's client, the root layout, the error page and the dashboard. */
const SHELL_ROOTS = [/\/src\/routes\/\+layout\.(svelte|ts)$/, /\/src\/routes\/\+page\.(svelte|ts)$/, /\.svelte-kit\/generated\/client-optimized\/app\.js$/, /@sveltejs\/kit\/src\/runtime\/client\/entry\.js$/, /\/src\/routes\/\+error\.svelte$/];
/** The two checkout wizards (purchase and renewal). */
const CHECKOUT_ROOTS = [/\/src\/routes\/partnership\/offers\/(subscribe|\[id\]\/renew)\/\+page\.(svelte|ts)$/];
const ROUTE_FILE = /\/src\/routes\/(.*\/)?\+(page|layout)\.(svelte|ts)$/;

/**
 * Two chunks drawn from the module graph at the end of the build:
 * - `shell`: everything a dashboard visit imports statically (Svelte, Kit's client, Dexie, the
 *   layout, the dashboard and what they import). Left to itself the bundler cuts that into some
 *   twenty files, each split along what the other routes share: every one a round trip for the
 *   page (through the worker, offline) and 3.4 KB more gzip in all than the same code in one.
 * - `checkout`: what only the wizards import (their pages, steps, session and machine), in one
 *   file instead of one per page plus one they share.
 * What loads lazily (the sync engine, Korean strings, the card form) and what other routes
 * import stays in chunks of its own: a visit fetches the shell (the dashboard's code included,
 * about 2 KB) and its own route's code, nothing of another route's.
 */
function chunkGroups(): Plugin {
	const shell = new Set<string>();
	const checkout = new Set<string>();
	return {
		name: 'pm-chunk-groups',
		apply: 'build',
		config(_, env) {
			if (env.isSsrBuild) return;
			const groups = [
				{ name: 'shell', priority: 2, test: (id: string) => shell.has(id) },
				{ name: 'checkout', priority: 1, test: (id: string) => checkout.has(id) }
			];
			return { build: { rolldownOptions: { output: { codeSplitting: { groups } } } } };
		},
		buildEnd() {
			const ids = [...this.getModuleIds()];
			const closure = (roots: RegExp[] | ((id: string) => boolean)) => {
				const test = typeof roots === 'function' ? roots : (id: string) => roots.some((r) => r.test(id));
				const seen = new Set<string>();
				const stack = ids.filter(test);
				while (stack.length) {
					const id = stack.pop()!;
					if (seen.has(id)) continue;
					seen.add(id);
					stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
				}
				return seen;
			};
			shell.clear();
			for (const id of closure(SHELL_ROOTS)) shell.add(id);
			const others = closure((id) => ROUTE_FILE.test(id) && !CHECKOUT_ROOTS.some((r) => r.test(id)));
			checkout.clear();
			for (const id of closure(CHECKOUT_ROOTS)) if (!shell.has(id) && !others.has(id)) checkout.add(id);
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		chunkGroups(),
		// The sandbox Partner Center API, served under /api by `vite dev` and `vite preview`.
		sandboxPlugin(),
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			registerType: 'prompt',
			injectRegister: false,
			scope: '/',
			base: '/',
			manifest: {
				name: 'Partner Membership',
				short_name: 'Membership',
				description: 'Manage your Microsoft Partner Network membership and Action Pack subscription.',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				theme_color: '#0f5fa8',
				background_color: '#ffffff',
				lang: 'en',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			injectManifest: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff,woff2,webmanifest}']
			},
			// `vite preview` serves .svelte-kit/output, not build/, so the shell is precached as '/'.
			kit: { adapterFallback: 'index.html', spa: { fallbackMapping: '/' } },
			devOptions: { enabled: false }
		}),
		...(testing ? [svelteTesting()] : [])
	],
	// svelteTesting() replaces the resolve conditions; without these, @xstate/svelte resolves to
	// its CommonJS build with a second copy of Svelte.
	resolve: testing
		? { conditions: ['module', 'browser', 'development|production'] }
		: // Dexie's package entry wraps its UMD build (to share one instance between copies of
			// it); the ES2018 module build minifies 2 KB smaller, and the app has one copy.
			{ alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
	// Lazy chunks (sync engine, wizards, Korean strings) load after the first paint; Vite's
	// preload helper would only add its own bytes to that first paint.
	build: { modulePreload: false },
	server: { host: '127.0.0.1' },
	preview: { host: '127.0.0.1' },
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'jsdom',
		setupFiles: ['src/vitest-setup.ts'],
		testTimeout: 20000
	}
});
