/**
 * The client side of the network: what a phone's connection does to a request that the sandbox
 * cannot (its faults are server-side). Offline spells reject like a browser's fetch does
 * (TypeError); an answer can be lost after the request reached the server; a 2xx answer can
 * arrive garbled; a request can hang until the client's timeout aborts it.
 */
import type { Rng } from './prng';

export interface Network {
	offline: boolean;
	/** Writes only: the server committed, the answer never arrives. */
	lostAnswerRate: number;
	/** Writes only: a 2xx answer whose body breaks the contract. */
	garbleRate: number;
	/** Any request: no answer at all until aborted. */
	hangRate: number;
	/** Requests between leaving the client and their answer arriving (see `longGap`). */
	inflight: number;
	/** Months pass: no request can cross the gap (see `longGap`). */
	gap: boolean;
}

export const calmNetwork = (): Network => ({ offline: false, lostAnswerRate: 0, garbleRate: 0, hangRate: 0, inflight: 0, gap: false });

/** One context's link: `dead` once its tab crashed (nothing leaves, nothing comes back). */
export interface Link {
	dead: boolean;
	requests: number;
}

const offlineError = () => new TypeError('Failed to fetch');

export function faultyFetch(net: Network, link: Link, rng: Rng): typeof fetch {
	return async (input, init) => {
		link.requests++;
		if (link.dead || net.offline || net.gap) throw offlineError();
		net.inflight++;
		try {
			return await deliver(net, link, rng, input, init);
		} finally {
			net.inflight--;
		}
	};
}

/**
 * Months passing, as one step: the server's and the device's clocks jump together, which in
 * life happens gradually. No request may straddle the jump (one sent before it and processed
 * after would meet a server that forgot its id, a history no phone can live: every call times
 * out within seconds), so the gap waits for requests in flight, on the client and on the
 * server, and fails those that start meanwhile, as a connection lost for months would.
 */
export async function longGap(net: Network, serverBusy: () => Promise<number>, jump: () => Promise<void>): Promise<void> {
	net.gap = true;
	try {
		while (net.inflight > 0) await new Promise((r) => setTimeout(r, 1));
		// A request its client gave up on (a timeout) may still be running on the server.
		const until = Date.now() + 5_000;
		while ((await serverBusy()) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 1));
		await jump();
	} finally {
		net.gap = false;
	}
}

async function deliver(net: Network, link: Link, rng: Rng, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
	const method = (init?.method ?? 'GET').toUpperCase();
	const isWrite = method !== 'GET' && !String(input).includes('/v1/auth/');
	const signal = init?.signal;
	if (signal && rng.chance(net.hangRate)) {
		await new Promise<never>((_, reject) => {
			const fail = () => reject(new DOMException('The operation was aborted.', 'AbortError'));
			if (signal.aborted) fail();
			else signal.addEventListener('abort', fail, { once: true });
		});
	}
	const res = await fetch(input, init);
	// Read the body here: a connection cut while it streams loses the answer too.
	const text = await res.text();
	if (link.dead || net.offline) throw offlineError();
	if (isWrite && rng.chance(net.lostAnswerRate)) throw offlineError();
	if (isWrite && res.ok && rng.chance(net.garbleRate)) {
		return new Response('{"garbled":true}', { status: res.status, headers: { 'content-type': 'application/json' } });
	}
	return new Response(text === '' ? null : text, { status: res.status, statusText: res.statusText, headers: res.headers });
}
