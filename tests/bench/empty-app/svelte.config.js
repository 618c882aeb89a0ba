import adapter from '@sveltejs/adapter-static';

/**
 * The bench's baseline (issue 11): an empty SvelteKit SPA built and served exactly like the app
 * (adapter-static with the SPA fallback, a Workbox service worker from @vite-pwa/sveltekit that
 * precaches the shell and answers navigations with it), so that "offline cold start" of the app
 * can be compared with the least any SvelteKit SPA can do on the same machine in the same run.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
	kit: {
		// Output inside .svelte-kit: a build/ here would be type-checked by the app's svelte-check
		// (its tsconfig includes tests/**/*.js; TypeScript skips dot-directories).
		adapter: adapter({ pages: '.svelte-kit/build', assets: '.svelte-kit/build', fallback: 'index.html' }),
		serviceWorker: { register: false },
		files: { serviceWorker: 'src/service-worker.ts' },
		paths: { relative: false }
	}
};

export default config;
