import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ fallback: 'index.html' }),
		// workbox-window registers the worker (src/lib/pwa), so Kit must not.
		serviceWorker: { register: false },
		files: { serviceWorker: 'src/service-worker.ts' }
	}
};

export default config;
