/**
 * The sandbox's test controls, and "another device": the same partner's account used from
 * elsewhere, straight against the API with its own token (its writes reach the server without
 * passing through our outbox, and the pull must still show them).
 */
import type { FaultsBody, Ledger } from '$lib/server/sandbox';

export type { Ledger };

export function controls(baseUrl: string) {
	async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${baseUrl}/__sandbox${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`sandbox control ${method} ${path}: ${res.status} ${text}`);
		return (text ? JSON.parse(text) : null) as T;
	}
	return {
		reset: () => call('POST', '/reset'),
		faults: (f: FaultsBody) => call('PUT', '/faults', f),
		ledger: () => call<Ledger>('GET', '/ledger'),
		clock: () => call<{ today: string; busy: number }>('GET', '/clock'),
		setClock: (today: string) => call('PUT', '/clock', { today }),
		close: (serverId: string, note: string) => call('POST', `/servicerequests/${encodeURIComponent(serverId)}/close`, { note })
	};
}

export type Controls = ReturnType<typeof controls>;

export interface Answer {
	status: number;
	body: unknown;
}

/**
 * One HTTP call under the server's faults, retried like a careful client would (same request id
 * every time, so the retries are harmless). Resolves with the last answer, or null if none came.
 */
export async function callWithRetry(
	baseUrl: string,
	method: string,
	path: string,
	opts: { token?: string; body?: unknown; requestId?: string; tries?: number }
): Promise<Answer | null> {
	let last: Answer | null = null;
	for (let i = 0; i < (opts.tries ?? 8); i++) {
		try {
			const headers: Record<string, string> = { accept: 'application/json' };
			if (opts.body !== undefined) headers['content-type'] = 'application/json';
			if (opts.token) headers.authorization = `Bearer ${opts.token}`;
			if (opts.requestId) headers['MS-RequestId'] = opts.requestId;
			const res = await fetch(baseUrl + path, {
				method,
				headers,
				body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
				signal: AbortSignal.timeout(2_000)
			});
			const text = await res.text();
			let body: unknown = text;
			try {
				body = text ? JSON.parse(text) : null;
			} catch {
				/* a garbled answer: keep the text */
			}
			last = { status: res.status, body };
			if (res.status < 500 && !(res.status === 409 && (body as { code?: string } | null)?.code === 'request_in_progress')) return last;
		} catch {
			last = null; // the answer was lost; the same request id makes the retry safe
		}
		await new Promise((r) => setTimeout(r, 5 * (i + 1)));
	}
	return last;
}
