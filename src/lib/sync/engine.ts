/**
 * The sync engine: push the outbox, then pull the server's state. The same code runs in the
 * page and in the service worker (no DOM, no Svelte).
 *
 * Invariants
 * - Exactly once comes from the server, not from us: every attempt of an entry carries the
 *   entry's id as MS-RequestId, and the server answers a known id with its first answer. So any
 *   trigger may fire at any time, twice, in two tabs and in the worker, and nothing is applied
 *   twice. Web Locks only spare duplicate work.
 * - An entry leaves the outbox only after its answer has been applied to Dexie, in the same
 *   transaction. A crash between the server's commit and that transaction leaves the entry
 *   pending; its replay returns the stored answer.
 * - Entries of one group go in creation order, one at a time (a note needs its request's server
 *   id); different groups go concurrently, at most `concurrency` at once.
 * - Network errors, 5xx, 408, 409 (first attempt still processing) and 429 are retried with
 *   exponential backoff and full jitter; any other 4xx is final: the entry is marked failed with
 *   the server's message and waits for the user to edit and retry, or discard it.
 */
import { ApiError, type ApiClient } from '$lib/api/client';
import type { OutboxEntry, PartnerDB } from '$lib/db/db';
import { applyFailure, applySuccess } from './apply';
import { pull } from './pull';

export type SyncTrigger = 'start' | 'online' | 'visible' | 'interval' | 'manual' | 'background' | 'write';

export type SyncEvent =
	| { type: 'start'; reason: SyncTrigger }
	| { type: 'progress'; done: number; total: number }
	| { type: 'done'; pushed: number; failed: number; remaining: number }
	| { type: 'error'; kind: 'network' | 'schema' | 'server' | 'auth'; status?: number; message: string };

export interface EngineOptions {
	db: PartnerDB;
	client: ApiClient;
	onEvent?: (e: SyncEvent) => void;
	concurrency?: number;
	/** Backoff base and cap in ms. */
	backoff?: { baseMs: number; capMs: number };
	/** How long one flush waits in-line for an entry whose retry is due soon. */
	maxInlineWaitMs?: number;
	now?: () => number;
	random?: () => number;
	lockName?: string;
}

const LOCK = 'partner-membership-sync';
const NETWORK_STREAK_LIMIT = 3;

export function backoffDelay(attempts: number, baseMs: number, capMs: number, random: () => number): number {
	// Full jitter (AWS architecture blog): spreads retries of many clients and tabs apart.
	const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
	return Math.round(random() * ceiling);
}

export function createSyncEngine(opts: EngineOptions) {
	const { db, client } = opts;
	const concurrency = opts.concurrency ?? 6;
	const { baseMs, capMs } = opts.backoff ?? { baseMs: 500, capMs: 60_000 };
	const maxInlineWaitMs = opts.maxInlineWaitMs ?? 4_000;
	const now = opts.now ?? (() => Date.now());
	const random = opts.random ?? Math.random;
	const emit = (e: SyncEvent) => opts.onEvent?.(e);

	let running: Promise<void> | null = null;
	let again = false;

	async function withLock(fn: () => Promise<void>): Promise<void> {
		const locks = (globalThis.navigator as Navigator | undefined)?.locks;
		if (locks?.request) {
			await locks.request(opts.lockName ?? LOCK, fn);
		} else {
			await fn();
		}
	}

	/** Entries that may be sent now: the first unfinished entry of each group, if due. */
	async function dueHeads(): Promise<{ heads: OutboxEntry[]; unfinished: number; nextDue: number }> {
		const all = await db.outbox.orderBy('seq').toArray();
		const heads = new Map<string, OutboxEntry>();
		let unfinished = 0;
		let nextDue = Infinity;
		for (const e of all) {
			if (e.state === 'done') continue;
			if (e.state === 'failed') {
				// A failed entry blocks the rest of its group: they depend on it.
				if (!heads.has(e.group)) heads.set(e.group, e);
				continue;
			}
			unfinished++;
			if (!heads.has(e.group)) heads.set(e.group, e);
		}
		const due: OutboxEntry[] = [];
		for (const e of heads.values()) {
			if (e.state === 'failed') continue;
			if (e.nextAttemptAt <= now()) due.push(e);
			else nextDue = Math.min(nextDue, e.nextAttemptAt);
		}
		return { heads: due, unfinished, nextDue };
	}

	async function sendOne(entry: OutboxEntry): Promise<'ok' | 'retry' | 'failed' | 'network' | 'auth'> {
		// Re-read: another context may have finished or discarded it since we listed it.
		const fresh = await db.outbox.get(entry.id);
		if (!fresh || fresh.state === 'done' || fresh.state === 'failed') return 'ok';
		await db.outbox.update(entry.id, { state: 'sending', attempts: fresh.attempts + 1 });
		try {
			const body = await resolveBody(db, fresh);
			const result = await client.send(fresh.method, fresh.path.replace('{serverId}', body.serverId ?? ''), body.body, {
				requestId: fresh.id
			});
			await applySuccess(db, fresh, result);
			return 'ok';
		} catch (e) {
			const err = e instanceof ApiError ? e : new ApiError('network', String(e));
			if (err.status === 401) {
				await db.outbox.update(entry.id, { state: 'pending' });
				return 'auth';
			}
			if (err.retryable) {
				const attempts = fresh.attempts + 1;
				await db.outbox.update(entry.id, {
					state: 'pending',
					nextAttemptAt: now() + backoffDelay(attempts, baseMs, capMs, random),
					lastError: { status: err.status, code: err.code, message: err.message }
				});
				return err.kind === 'network' ? 'network' : 'retry';
			}
			await applyFailure(db, fresh, { status: err.status, code: err.code, message: err.message });
			return 'failed';
		}
	}

	async function push(): Promise<{ pushed: number; failed: number; remaining: number; stop?: 'network' | 'auth' }> {
		let pushed = 0;
		let failed = 0;
		let networkStreak = 0;
		const initial = await dueHeads();
		let total = initial.unfinished;
		if (total > 0) emit({ type: 'progress', done: 0, total });
		for (;;) {
			const { heads, unfinished, nextDue } = await dueHeads();
			total = Math.max(total, pushed + failed + unfinished);
			if (heads.length === 0) {
				if (unfinished === 0) return { pushed, failed, remaining: 0 };
				const wait = nextDue - now();
				if (wait > maxInlineWaitMs) return { pushed, failed, remaining: unfinished };
				await sleep(Math.max(0, wait));
				continue;
			}
			let stop: 'network' | 'auth' | undefined;
			const queue = [...heads];
			const worker = async () => {
				for (let e = queue.shift(); e && !stop; e = queue.shift()) {
					const r = await sendOne(e);
					if (r === 'ok') pushed++;
					else if (r === 'failed') failed++;
					else if (r === 'auth') stop = r;
					// One lost answer is a flaky link; several in a row with nothing getting through
					// means no connection, and hammering it only drains the battery.
					if (r === 'network') {
						networkStreak++;
						if (networkStreak >= NETWORK_STREAK_LIMIT || globalThis.navigator?.onLine === false) stop = 'network';
					} else networkStreak = 0;
					if (r === 'ok' || r === 'failed') emit({ type: 'progress', done: pushed + failed, total });
				}
			};
			await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
			if (stop) return { pushed, failed, remaining: (await dueHeads()).unfinished, stop };
		}
	}

	async function runOnce(reason: SyncTrigger): Promise<void> {
		emit({ type: 'start', reason });
		const session = await db.session.get('current');
		if (!session) return;
		const result = await push();
		if (result.stop === 'auth') {
			emit({ type: 'error', kind: 'auth', status: 401, message: 'Session ended' });
			return;
		}
		if (result.stop === 'network') {
			emit({ type: 'error', kind: 'network', message: 'Network error' });
			return;
		}
		try {
			await pull(db, client);
		} catch (e) {
			const err = e instanceof ApiError ? e : new ApiError('network', String(e));
			emit({
				type: 'error',
				kind: err.status === 401 ? 'auth' : err.kind === 'http' ? 'server' : err.kind,
				status: err.status,
				message: err.message
			});
			return;
		}
		emit({ type: 'done', ...result });
	}

	/**
	 * Safe to call any time, from any trigger: calls that arrive while a flush runs in this
	 * context coalesce into one more flush after it, so a write made during a flush is not missed.
	 */
	function sync(reason: SyncTrigger): Promise<void> {
		if (running) {
			again = true;
			return running;
		}
		running = (async () => {
			try {
				do {
					again = false;
					await withLock(() => runOnce(reason));
				} while (again);
			} finally {
				running = null;
			}
		})();
		return running;
	}

	/** When the next retry is due, if any entry waits for one (for the periodic timer). */
	async function nextRetryAt(): Promise<number | null> {
		const { heads, nextDue } = await dueHeads();
		if (heads.length) return now();
		return Number.isFinite(nextDue) ? nextDue : null;
	}

	return { sync, push, nextRetryAt };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

function sleep(ms: number) {
	return new Promise((r) => setTimeout(r, ms));
}

/**
 * Bodies that depend on an earlier write (a note on a request filed offline) name the request
 * by local id; the server id is filled in at send time, when the group's earlier entry is done.
 */
async function resolveBody(db: PartnerDB, entry: OutboxEntry): Promise<{ body: unknown; serverId?: string }> {
	if (entry.kind === 'serviceRequest.note') {
		const row = await db.serviceRequests.get(entry.target);
		// Cannot happen while groups run in order; retried rather than lost if it ever does.
		if (!row?.serverId) throw new ApiError('http', 'Request not filed yet', 503);
		return { body: entry.body, serverId: row.serverId };
	}
	return { body: entry.body };
}
