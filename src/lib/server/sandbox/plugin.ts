/**
 * Serves the sandbox at /api from `vite dev` and `vite preview`, so `npm start` runs the app
 * and its backend together. Node only: this file is imported by vite.config.ts, never by the app.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { createSandbox, type Sandbox } from './index.ts';

/**
 * Headers a <meta> tag cannot carry. Kit's CSP (svelte.config.js) travels in the page's meta
 * tag, where browsers ignore `frame-ancestors`; so every HTML answer also gets it as a header.
 */
export const HTML_SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'content-security-policy': "frame-ancestors 'none'",
	'x-frame-options': 'DENY'
};

/**
 * Connect middleware: `nosniff` on everything, and the HTML headers on every answer whose
 * type turns out to be HTML (decided when the head is written, since static servers pass
 * their headers to writeHead; the request's Accept would miss the worker's precache fetch).
 */
export function securityHeaders(_req: IncomingMessage, res: ServerResponse, next: () => void): void {
	res.setHeader('x-content-type-options', 'nosniff');
	const writeHead = res.writeHead;
	res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
		let type = this.getHeader('content-type');
		for (const arg of args.slice(1)) {
			if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
				for (const [k, val] of Object.entries(arg as OutgoingHttpHeaders)) if (k.toLowerCase() === 'content-type') type = val;
			}
		}
		if (String(type ?? '').toLowerCase().includes('text/html')) {
			for (const [name, value] of Object.entries(HTML_SECURITY_HEADERS)) addHeader(this, args, name, value);
		}
		return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
	} as ServerResponse['writeHead'];
	next();
}

/**
 * Adds a header value without replacing one already set, whether it was set with setHeader or
 * is about to be passed to writeHead: Kit's own CSP header (pages it renders) must stay, and
 * a second CSP header is enforced alongside it.
 */
function addHeader(res: ServerResponse, args: unknown[], name: string, value: string): void {
	for (const arg of args.slice(1)) {
		if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
			const headers = arg as OutgoingHttpHeaders;
			const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
			if (key !== undefined) {
				const prior = headers[key];
				headers[key] = [...(Array.isArray(prior) ? prior : [String(prior)]), value];
				return;
			}
		}
	}
	const prior = res.getHeader(name);
	if (prior === undefined) res.setHeader(name, value);
	else res.setHeader(name, [...(Array.isArray(prior) ? prior : [String(prior)]), value]);
}

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
		// post-middleware hook, which is not what mounting a handler means. Middlewares added
		// here run before Vite's own, so the headers reach the pages Vite serves.
		configureServer(server) {
			server.middlewares.use(securityHeaders);
			server.middlewares.use('/api', get().handle);
		},
		configurePreviewServer(server) {
			server.middlewares.use(securityHeaders);
			server.middlewares.use('/api', get().handle);
		}
	};
}
