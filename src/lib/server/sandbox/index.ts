/**
 * The sandbox Partner Center API (Node only; never bundled for the browser).
 *
 * `createSandbox().handle` is a connect-style handler mounted at /api by the Vite plugin;
 * `startSandboxServer` serves the same handler on its own port for unit tests and benchmarks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxCore, type Ledger, type SandboxOptions } from './core.ts';
import { createHandler, type HandlerOptions, type Next } from './handler.ts';
import { problem, send, toWire } from './http.ts';
import type { SandboxData } from './state.ts';

export type { Ledger, SandboxOptions } from './core.ts';
export type { Faults, FaultsBody } from './faults.ts';
export type { SandboxData } from './state.ts';
export { SEED_IDS, SEED_PASSWORD, FABRIKAM_DAYS_LEFT } from './seed.ts';
export { DECLINED_CARD } from './routes.ts';
export { RETENTION_DAYS } from './idempotency.ts';
export { BENEFIT_ACTIVATION_MS } from './core.ts';

export interface Sandbox {
	/** Connect-style: answers /v1/* and /__sandbox/* (with or without an /api prefix); calls next() otherwise. */
	handle(req: IncomingMessage, res: ServerResponse, next?: Next): void;
	/** The live records (replaced on reset, so read it through this getter each time). */
	readonly state: SandboxData;
	/** Everything recorded, as GET /__sandbox/ledger answers it. */
	ledger(): Ledger;
	/** The sandbox's today (YYYY-MM-DD). */
	today(): string;
	/** Back to the seeded state, default clock, no faults, no request ids. */
	reset(): void;
	/** The internals, for tests that need to reach past HTTP. */
	readonly core: SandboxCore;
}

/** `controls` defaults to off: only test tooling and SANDBOX_CONTROLS=1 turn them on. */
export function createSandbox(options: SandboxOptions & HandlerOptions = {}): Sandbox {
	const core = new SandboxCore(options);
	const handle = createHandler(core, { controls: options.controls ?? false });
	return {
		handle,
		get state() {
			return core.data;
		},
		ledger: () => core.ledger(),
		today: () => core.today(),
		reset: () => core.reset(),
		core
	};
}

export interface SandboxServer {
	/** Base URL including the /api mount, e.g. http://127.0.0.1:41234/api */
	url: string;
	sandbox: Sandbox;
	close(): Promise<void>;
}

/** Test tooling: the controls are on unless `controls: false` asks for a server as `npm start` runs it. */
export async function startSandboxServer(
	options: { port?: number; host?: '127.0.0.1' | string; today?: string; controls?: boolean; now?: () => number; benefitActivationMs?: number } = {}
): Promise<SandboxServer> {
	const sandbox = createSandbox({
		today: options.today,
		now: options.now,
		benefitActivationMs: options.benefitActivationMs,
		controls: options.controls ?? true
	});
	const host = options.host ?? '127.0.0.1';
	const server = createServer((req, res) => {
		const url = req.url ?? '/';
		if (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')) {
			sandbox.handle(req, res, () => notFound(res));
		} else notFound(res);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://${host}:${port}/api`,
		sandbox,
		close: () =>
			new Promise<void>((resolve, reject) => {
				// Keep-alive sockets would hold close() open until they time out.
				server.closeAllConnections();
				server.close((err) => (err ? reject(err) : resolve()));
			})
	};
}

function notFound(res: ServerResponse): void {
	send(res, toWire(problem(404, 'not_found', 'Nothing here.')));
}
