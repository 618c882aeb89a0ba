import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { sandboxPlugin } from './src/lib/server/sandbox/plugin.ts';

const testing = !!process.env.VITEST;

/** What every visit runs: Kit's client, the root layout, the error page and the dashboard. */
const SHELL_ROOTS = [/\/src\/routes\/\+layout\.(svelte|ts)$/, /\/src\/routes\/\+page\.svelte$/, /\.svelte-kit\/generated\/client-optimized\/app\.js$/, /@sveltejs\/kit\/src\/runtime\/client\/entry\.js$/, /@sveltejs\/kit\/src\/runtime\/components\/svelte-5\/error\.svelte$/];

/**
 * One chunk for everything a dashboard visit imports statically (Svelte, Kit's client, Dexie,
 * the layout, the dashboard and what they import), found from the module graph at the end of
 * the build. Left to itself the bundler cuts it into some twenty files, each split along what
 * the other routes share: every one a round trip for the page (through the worker, offline)
 * and 3.4 KB more gzip in all than the same code in one file. What loads lazily (the sync
 * engine, Korean strings, the wizards) and what only other routes import stays in chunks of
 * its own, so no other route's code reaches a dashboard visit.
 */
function shellChunk(): Plugin {
	const shell = new Set<string>();
	return {
		name: 'pm-shell-chunk',
		apply: 'build',
		config(_, env) {
			if (env.isSsrBuild) return;
			return { build: { rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'shell', test: (id: string) => shell.has(id) }] } } } } };
		},
		buildEnd() {
			shell.clear();
			const stack = [...this.getModuleIds()].filter((id) => SHELL_ROOTS.some((r) => r.test(id)));
			while (stack.length) {
				const id = stack.pop()!;
				if (shell.has(id)) continue;
				shell.add(id);
				stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
			}
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		shellChunk(),
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
