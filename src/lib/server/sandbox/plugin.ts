/**
 * Serves the sandbox at /api from `vite dev` and `vite preview`, so `npm start` runs the app
 * and its backend together. Node only: this file is imported by vite.config.ts, never by the app.
 */
import type { Plugin } from 'vite';
import { createSandbox, type Sandbox } from './index.ts';

export function sandboxPlugin(options: { today?: string } = {}): Plugin {
	// One sandbox per plugin instance: dev and preview in one process share it.
	let sandbox: Sandbox | undefined;
	const get = (): Sandbox => (sandbox ??= createSandbox(options));
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
