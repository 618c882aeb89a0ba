import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * Where the app's API lives when it is not the same-origin sandbox (VITE_API_BASE): the CSP
 * must let the page and the worker connect there.
 */
const apiOrigin = (() => {
	try {
		return new URL(process.env.VITE_API_BASE ?? '').origin;
	} catch {
		return null; // relative (the default '/api') or unset: same origin
	}
})();

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
		paths: { relative: false },
		// A static SPA has no server to send headers, so Kit puts this policy in a <meta> tag
		// of the shell, with a hash for each inline script it writes: no 'unsafe-inline' for
		// scripts. Styles keep 'unsafe-inline' (style attributes, and Svelte's transitions
		// insert <style> elements); that cannot run code. frame-ancestors is ignored in a meta
		// tag, so the sandbox plugin sends it as a header on every HTML answer.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': apiOrigin ? ['self', apiOrigin] : ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
