/**
 * Serves the sandbox at /api from `vite dev` and `vite preview`, so `npm start` runs the app
 * and its backend together. Node only: this file is imported by vite.config.ts, never by the app.
 */
import type { Plugin } from 'vite';
import { createSandbox, type Sandbox } from './index.ts';

export function sandboxPlugin(options: { today?: string; controls?: boolean } = {}): Plugin {
	// One sandbox per plugin instance: dev and preview in one process share it.
	let sandbox: Sandbox | undefined;
	// The test controls exist only when asked for, by the test runner, the bench or a person
	// (SANDBOX_CONTROLS=1 npm start): they need no sign-in and read every partner's data.
	const controls = options.controls ?? process.env.SANDBOX_CONTROLS === '1';
	const get = (): Sandbox => (sandbox ??= createSandbox({ today: options.today, controls }));
	return {
		name: 'partner-sandbox',
		// The hooks return nothing on purpose: a returned function is taken by Vite as a
		// post-middleware hook, which is not what mounting a handler means.
		configureServer(server) {
			server.middlewares.use('/api', get().handle);
		},
		configurePreviewServer(server) {
			server.middlewares.use('/api', get().handle);
		}
	};
}
