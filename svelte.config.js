import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ fallback: 'index.html' }),
		// workbox-window registers the worker (src/lib/pwa), so Kit must not.
		serviceWorker: { register: false },
		files: { serviceWorker: 'src/service-worker.ts' },
		// The one shell answers every route (SPA fallback, and the worker's cached '/'), so asset
		// URLs must be absolute: relative ones would resolve against /partnership/… and 404.
		paths: { relative: false }
	}
};

export default config;
