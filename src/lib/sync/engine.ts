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
 *   id): only the head of each group is sent in a round. Heads of different groups travel
 *   together in $batch requests of up to BATCH_SIZE, a few batches at once, and each batch's
 *   answers are applied in one transaction.
 * - Network errors, 5xx, 408, 409 (first attempt still processing) and 429 are retried with
 *   exponential backoff and full jitter; any other 4xx is final: the entry is marked failed with
 *   the server's message and waits for the user to edit and retry, or discard it.
 */
import * as v from 'valibot';
import { ApiError, type ApiClient } from '$lib/api/client';
import { BATCH_MAX } from '$lib/api/schemas';
import type { OutboxEntry, PartnerDB } from '$lib/db/db';
import { APPLY_TABLES, applyOutcomes, parseAnswer, type EntryError, type Outcome } from './apply';
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
	/** Batches in flight at once. */
	concurrency?: number;
	batchSize?: number;
	/** Backoff base and cap in ms. */
	backoff?: { baseMs: number; capMs: number };
	/** How long one flush waits in-line for an entry whose retry is due soon. */
	maxInlineWaitMs?: number;
	now?: () => number;
	random?: () => number;
	lockName?: string;
}

const LOCK = 'partner-membership-sync';
/** Lost answers in a row, with nothing getting through, that mean "no connection". */
const NETWORK_STREAK_LIMIT = 3;
const RETRY_BATCH_SIZE = 25;

export function backoffDelay(attempts: number, baseMs: number, capMs: number, random: () => number): number {
	// Full jitter (AWS architecture blog): spreads retries of many clients and tabs apart.
	const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
	return Math.round(random() * ceiling);
}

function isRetryableStatus(status: number): boolean {
	return status >= 500 || status === 408 || status === 429 || status === 409;
}

export function createSyncEngine(opts: EngineOptions) {
	const { db, client } = opts;
	const concurrency = opts.concurrency ?? 2;
	const batchSize = Math.min(opts.batchSize ?? BATCH_MAX, BATCH_MAX);
	const { baseMs, capMs } = opts.backoff ?? { baseMs: 500, capMs: 15_000 };
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
			// A failed entry blocks the rest of its group: they depend on it.
			if (!heads.has(e.group)) heads.set(e.group, e);
			if (e.state !== 'failed') unfinished++;
		}
		const due: OutboxEntry[] = [];
		for (const e of heads.values()) {
			if (e.state === 'failed') continue;
			if (e.nextAttemptAt <= now()) due.push(e);
			else nextDue = Math.min(nextDue, e.nextAttemptAt);
		}
		return { heads: due, unfinished, nextDue };
	}

	function retry(entry: OutboxEntry, error: EntryError): Outcome {
		return { entry, kind: 'retry', error, nextAttemptAt: now() + backoffDelay(entry.attempts, baseMs, capMs, random) };
	}

	/** Sends one batch; never throws for the server's answers, only reports outcomes. */
	async function sendBatch(batch: OutboxEntry[]): Promise<{ outcomes: Outcome[]; stop?: 'network' | 'auth'; networkError?: boolean }> {
		const live: OutboxEntry[] = [];
		const paths = new Map<string, string>();
		// Only Dexie calls are awaited in here: awaiting anything else lets IndexedDB commit
		// the transaction early. Nothing is written before sending: the attempt count is
		// recorded with the outcome, which saves a write transaction per batch.
		await db.transaction('r', db.outbox, db.serviceRequests, async () => {
			// Re-read: another context may have finished or discarded them since we listed them.
			const fresh = await db.outbox.bulkGet(batch.map((e) => e.id));
			// A note on a request filed offline names it by local id; its server id is filled in
			// now, when the group's earlier entry (the create) is done.
			const noteTargets = fresh.filter((e) => e?.path.includes('{serverId}')).map((e) => e!.target);
			const rows = noteTargets.length ? await db.serviceRequests.bulkGet(noteTargets) : [];
			const serverIdOf = new Map(rows.filter((r) => r?.serverId).map((r) => [r!.localId, r!.serverId!]));
			for (const e of fresh) {
				if (!e || e.state === 'done' || e.state === 'failed') continue;
				const serverId = serverIdOf.get(e.target);
				const path = e.path.includes('{serverId}') ? (serverId ? e.path.replace('{serverId}', encodeURIComponent(serverId)) : null) : e.path;
				if (!path) continue; // cannot happen while groups run in order; retried next round
				paths.set(e.id, path);
				live.push({ ...e, state: 'sending', attempts: e.attempts + 1 });
			}
		});
		if (live.length === 0) return { outcomes: [] };

		let answers: { entry: OutboxEntry; status: number; body: unknown }[];
		try {
			if (live.length === 1) {
				// One write alone goes as itself, with the MS-RequestId header.
				const [e] = live;
				const body = await client.send(e.method, paths.get(e.id)!, e.body, { requestId: e.id });
				answers = [{ entry: e, status: 200, body }];
			} else {
				const res = await client.batch(
					live.map((e) => ({ id: e.id, method: e.method, url: paths.get(e.id)!, headers: { 'MS-RequestId': e.id }, body: e.body })),
					{ requestId: crypto.randomUUID() }
				);
				const byId = new Map(res.responses.map((r) => [r.id, r]));
				answers = live.map((e) => {
					const r = byId.get(e.id);
					return r ? { entry: e, status: r.status, body: r.body } : { entry: e, status: 503, body: undefined };
				});
			}
		} catch (err) {
			const e = err instanceof ApiError ? err : new ApiError('network', String(err));
			if (e.status === 401) return { outcomes: live.map((entry) => retry(entry, { status: 401, message: e.message })), stop: 'auth' };
			if (e.kind === 'http' && !e.retryable && live.length === 1) {
				return { outcomes: [{ entry: live[0], kind: 'failed', error: { status: e.status, code: e.code, message: e.message } }] };
			}
			const error = { status: e.status, code: e.code, message: e.message };
			return { outcomes: live.map((entry) => retry(entry, error)), networkError: e.kind === 'network' };
		}

		const outcomes: Outcome[] = answers.map(({ entry, status, body }) => {
			if (status >= 200 && status < 300) {
				try {
					return { entry, kind: 'ok', answer: parseAnswer(entry, body) };
				} catch (err) {
					const message = err instanceof v.ValiError ? v.summarize(err.issues) : String(err);
					return retry(entry, { status, message: `Unexpected answer: ${message}` });
				}
			}
			const problem = (body ?? {}) as { detail?: string; title?: string; code?: string };
			const error = { status, code: problem.code, message: problem.detail ?? problem.title ?? `HTTP ${status}` };
			return isRetryableStatus(status) ? retry(entry, error) : { entry, kind: 'failed', error };
		});
		return { outcomes };
	}

	/** One transaction for a whole batch's answers. */
	async function record(outcomes: Outcome[]): Promise<void> {
		if (outcomes.length === 0) return;
		await db.transaction('rw', APPLY_TABLES(db), () => applyOutcomes(db, outcomes));
	}

	async function push(): Promise<{ pushed: number; failed: number; remaining: number; stop?: 'network' | 'auth' }> {
		let pushed = 0;
		let failed = 0;
		let networkStreak = 0;
		let total = (await dueHeads()).unfinished;
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
			// Entries that already failed once go in small batches: a lost or refused batch costs
			// every entry in it a backoff, and a flaky link should not keep 250 writes hostage.
			const size = heads.some((e) => e.attempts > 0) ? Math.min(batchSize, RETRY_BATCH_SIZE) : batchSize;
			const batches: OutboxEntry[][] = [];
			for (let i = 0; i < heads.length; i += size) batches.push(heads.slice(i, i + size));
			let stop: 'network' | 'auth' | undefined;
			const worker = async () => {
				for (let b = batches.shift(); b && !stop; b = batches.shift()) {
					const result = await sendBatch(b);
					await record(result.outcomes);
					for (const o of result.outcomes) {
						if (o.kind === 'ok') pushed++;
						else if (o.kind === 'failed') failed++;
					}
					if (result.stop) stop = result.stop;
					// One lost answer is a flaky link; several in a row with nothing getting through
					// means no connection, and hammering it only drains the battery.
					if (result.networkError) {
						networkStreak++;
						if (networkStreak >= NETWORK_STREAK_LIMIT || globalThis.navigator?.onLine === false) stop = 'network';
					} else if (result.outcomes.some((o) => o.kind !== 'retry')) networkStreak = 0;
					emit({ type: 'progress', done: pushed + failed, total });
				}
			};
			await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
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
