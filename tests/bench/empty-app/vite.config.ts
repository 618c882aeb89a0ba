import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';

// The app's own build settings (../../../vite.config.ts), minus the sandbox and the manifest's icons.
export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			registerType: 'prompt',
			injectRegister: false,
			scope: '/',
			base: '/',
			manifest: false,
			injectManifest: { globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff,woff2,webmanifest}'] },
			kit: { adapterFallback: 'index.html', spa: { fallbackMapping: '/' } },
			devOptions: { enabled: false }
		})
	],
	build: { modulePreload: false },
	preview: { host: '127.0.0.1' }
});
