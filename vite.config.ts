import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { sandboxPlugin } from './src/lib/server/sandbox/plugin.ts';

const testing = !!process.env.VITEST;

export default defineConfig({
	plugins: [
		sveltekit(),
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
	resolve: testing ? { conditions: ['module', 'browser', 'development|production'] } : undefined,
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
