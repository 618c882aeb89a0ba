/**
 * Helpers for the sandbox's own tests (and benchmarks): a tiny fetch client that keeps the
 * status, headers and parsed body of every answer. Not used by the app.
 */
import { randomUUID } from 'node:crypto';

export interface Reply<T = any> {
	status: number;
	headers: Headers;
	body: T;
	text: string;
}

export interface CallOptions {
	token?: string;
	body?: unknown;
	/** Raw text body (sent as is). */
	raw?: string;
	/** MS-RequestId; `true` makes a fresh one; omitted means none. */
	requestId?: string | true;
	headers?: Record<string, string>;
}

export function apiClient(baseUrl: string) {
	async function call<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<Reply<T>> {
		const headers: Record<string, string> = { ...(opts.headers ?? {}) };
		if (opts.token) headers.authorization = `Bearer ${opts.token}`;
		if (opts.requestId) headers['ms-requestid'] = opts.requestId === true ? randomUUID() : opts.requestId;
		let body: string | undefined;
		if (opts.raw !== undefined) body = opts.raw;
		else if (opts.body !== undefined) body = JSON.stringify(opts.body);
		// The controls answer only JSON requests, bodies or not (a CSRF guard); so say JSON.
		const typed = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
		if (!typed && (body !== undefined || path.startsWith('/__sandbox'))) headers['content-type'] = 'application/json';
		const res = await fetch(baseUrl + path, { method, headers, body });
		const text = await res.text();
		let parsed: unknown = null;
		if (text) {
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = text;
			}
		}
		return { status: res.status, headers: res.headers, body: parsed as T, text };
	}

	async function signIn(email: string, password = 'sandbox'): Promise<string> {
		const r = await call<{ token: string }>('POST', '/v1/auth/signin', { body: { email, password } });
		if (r.status !== 200) throw new Error(`sign-in of ${email} failed: ${r.status} ${r.text}`);
		return r.body.token;
	}

	return { call, signIn };
}

export type ApiClient = ReturnType<typeof apiClient>;

export const VISA = '4242424242424242';
export const DECLINING = '4000000000000002';

export function card(cardNumber = VISA, over: Record<string, unknown> = {}) {
	return { cardNumber, expMonth: 12, expYear: 2030, securityCode: '123', holderName: 'Alex Admin', ...over };
}

export function contact() {
	return { name: 'Alex Admin', email: 'admin@contoso.example', phone: '+1 425 555 0100' };
}

/**
 * The sandbox's test controls (`/__sandbox/…`: reset, ledger, faults, clock). Anything but 2xx
 * throws with the answer, so a test never goes on against a sandbox in the wrong state.
 */
export function sandboxControl(baseUrl: string, fetchFn: typeof fetch = globalThis.fetch) {
	return async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetchFn(`${baseUrl}/__sandbox${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${await res.text()}`);
		return res.headers.get('content-type')?.includes('json') ? res.json() : (null as T);
	};
}

export type SandboxControl = ReturnType<typeof sandboxControl>;
