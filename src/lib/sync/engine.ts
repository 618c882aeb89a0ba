/**
 * The sync engine: push the outbox, then pull the server's state. The same code runs in the
 * page and in the service worker (no DOM, no Svelte).
 *
 * Invariants
 * - Exactly once comes from the server, not from us: every attempt of an entry carries the
 *   entry's id as MS-RequestId, and the server answers a known id with its first answer. So any
 *   trigger may fire at any time, twice, in two tabs and in the worker. The lock (Web Locks,
 *   shared with sign-in and sign-out) only spares duplicate work.
 * - An entry is sent only with the token of its own user, read together with it (send.ts).
 * - An attempt is recorded before it is sent (a mark, attempts.ts); an entry leaves the outbox
 *   only after its answer has been applied to Dexie, in the same transaction (apply.ts). A crash
 *   in between leaves the entry pending, and its replay returns the stored answer.
 * - Entries of one group go in creation order, one at a time (a note needs its request's server
 *   id): only group heads are sent. Heads of different groups travel together in $batch
 *   requests, a few batches at once, and each batch's answers are applied in one transaction.
 * - Retry or fail is decided by one rule (api/client.ts isRetryable); every claimed entry gets an
 *   outcome, so a flush always makes progress or stops.
 * - Every request has a timeout, and `stop()` aborts what is in flight: nothing can hold the
 *   lock for ever.
 * - One flush, one pull: a flush pulls once, after its push, and only if it was not stopped by
 *   a lost connection or an ended session.
 */
import { ApiError, type ApiClient } from '$lib/api/client';
import { BATCH_MAX } from '$lib/api/schemas';
import type { PartnerDB } from '$lib/db/db';
import { outboxInOrder } from '$lib/db/outbox-base';
import { applyBatch, type Outcome } from './apply';
import { webLock, type Lock } from './lock';
import { pull } from './pull';
import { dueAt, isDue } from './retry';
import { claim, groupHeads, sendClaimed, unfinishedOf, type BatchResult, type SendOptions } from './send';

export type SyncTrigger = 'start' | 'online' | 'visible' | 'interval' | 'manual' | 'background' | 'write';

export type SyncErrorKind = 'network' | 'schema' | 'server' | 'auth';

export type SyncEvent =
	| { type: 'start'; reason: SyncTrigger }
	| { type: 'progress'; done: number; total: number }
	| { type: 'done'; pushed: number; failed: number; remaining: number }
	| { type: 'error'; kind: SyncErrorKind; status?: number; message: string; remaining: number };

export interface EngineOptions {
	db: PartnerDB;
	client: ApiClient;
	onEvent?: (e: SyncEvent) => void;
	concurrency?: number; // batches in flight at once
	batchSize?: number;
	backoff?: { baseMs: number; capMs: number }; // ms
	/** How long one flush waits in-line for an entry whose retry is due soon. */
	maxInlineWaitMs?: number;
	/** Wall clock (ms): stored on entries, so it must be the one every context shares. */
	wallClock?: () => number;
	random?: () => number;
	lock?: Lock;
}

/** Lost answers in a row, with nothing getting through, that mean "no connection". */
const NETWORK_STREAK_LIMIT = 3;
/** Waits for due retries within one flush. */
const MAX_ROUNDS = 50;

export function createSyncEngine(opts: EngineOptions) {
	const { db } = opts;
	const concurrency = opts.concurrency ?? 2;
	// Up to a thousand writes per $batch and transaction: IndexedDB work is what a flush costs.
	const batchSize = opts.batchSize ?? BATCH_MAX;
	const maxInlineWaitMs = opts.maxInlineWaitMs ?? 4_000;
	const wallClock = opts.wallClock ?? (() => Date.now());
	const lock = opts.lock ?? webLock;
	const emit = (e: SyncEvent) => opts.onEvent?.(e);
	let abort = new AbortController();
	const sendOptions = (): SendOptions => ({
		db,
		client: opts.client,
		backoff: opts.backoff ?? { baseMs: 500, capMs: 15_000 },
		wallClock,
		random: opts.random ?? Math.random,
		signal: abort.signal,
		own: new Set()
	});

	let running: Promise<void> | null = null;
	let again: SyncTrigger | null = null;

	/** The signed-in user's unfinished entries, and when the next one falls due. */
	async function waiting(): Promise<{ unfinished: number; nextDue: number }> {
		const read = () => Promise.all([db.session.get('current'), outboxInOrder(db)]);
		const [session, all] = await db.transaction('r', db.session, db.outbox, read);
		if (!session) return { unfinished: 0, nextDue: Infinity };
		const heads = groupHeads(all, session.user.id);
		const now = wallClock();
		const nextDue = heads.some((e) => isDue(e, now)) ? now : Math.min(Infinity, ...heads.map(dueAt));
		return { unfinished: unfinishedOf(all, heads, session.user.id), nextDue };
	}

	async function push(force: boolean): Promise<{ pushed: number; failed: number; remaining: number; stop?: 'network' | 'auth' }> {
		const o = sendOptions();
		const tried = new Map<string, number>();
		let [pushed, failed, networkStreak] = [0, 0, 0];
		let stop: 'network' | 'auth' | undefined;
		let total = 0; // the first claim reads the outbox anyway, and says how many writes are ahead
		// A second worker starts only when a claim leaves due entries behind: when one batch takes
		// everything, a parallel claim would only read the whole outbox again.
		let workers: Promise<void>[] = [];
		const spawn = () => {
			if (workers.length >= concurrency) return;
			// Awaited in order below; handled now, so a later worker failing first is not "unhandled".
			const w = worker();
			w.catch(() => undefined);
			workers.push(w);
		};
		const worker = async () => {
			while (!stop) {
				const c = await claim(o, batchSize, force, tried);
				if (!c || (c.claimed.length === 0 && c.outcomes.length === 0)) return;
				if (c.more) spawn();
				if (total === 0 && c.unfinished) emit({ type: 'progress', done: 0, total: (total = c.unfinished) });
				const result: BatchResult = c.claimed.length ? await sendClaimed(o, c.token, c.claimed) : { outcomes: [] };
				const outcomes = [...c.outcomes, ...result.outcomes];
				await applyBatch(db, outcomes, wallClock(), c.mark);
				if (c.mark) o.own.delete(c.mark);
				for (const x of outcomes) {
					if (x.kind === 'ok') pushed++;
					else if (x.kind === 'failed') failed++;
				}
				if (result.stop) stop = result.stop;
				// One lost answer is a flaky link; several in a row with nothing getting through
				// means no connection, and hammering it only drains the battery.
				if (result.networkError) {
					if (++networkStreak >= NETWORK_STREAK_LIMIT || globalThis.navigator?.onLine === false) stop = 'network';
				} else if (outcomes.some((x) => x.kind !== 'retry')) networkStreak = 0;
				emit({ type: 'progress', done: pushed + failed, total: (total = Math.max(total, pushed + failed)) });
			}
		};

		// Bounded: a flush ends even if a clock stands still; the periodic retry takes over.
		for (let round = 0; ; round++) {
			workers = [];
			spawn();
			for (let i = 0; i < workers.length; i++) await workers[i];
			const { unfinished, nextDue } = await waiting();
			total = Math.max(total, pushed + failed + unfinished);
			if (stop || unfinished === 0) return { pushed, failed, remaining: unfinished, stop };
			const wait = nextDue - wallClock();
			if (wait > maxInlineWaitMs || round >= MAX_ROUNDS) return { pushed, failed, remaining: unfinished };
			await sleep(Math.max(0, wait), o.signal!);
			if (o.signal!.aborted) return { pushed, failed, remaining: unfinished, stop: 'network' };
		}
	}

	function errorEvent(e: ApiError, remaining: number): SyncEvent {
		const kind: SyncErrorKind = e.status === 401 ? 'auth' : e.kind === 'http' ? 'server' : e.kind;
		return { type: 'error', kind, status: e.status, message: e.message, remaining };
	}

	async function runOnce(reason: SyncTrigger): Promise<void> {
		emit({ type: 'start', reason });
		if (!(await db.session.get('current'))) return;
		const result = await push(reason === 'manual');
		if (result.stop === 'auth') return emit({ type: 'error', kind: 'auth', status: 401, message: 'Session ended', remaining: result.remaining });
		if (result.stop === 'network') return emit({ type: 'error', kind: 'network', message: 'Network error', remaining: result.remaining });
		const errors = await pull(db, opts.client, abort.signal);
		if (errors.length) return emit(errorEvent(errors.find((e) => e.status === 401) ?? errors[0], result.remaining));
		emit({ type: 'done', pushed: result.pushed, failed: result.failed, remaining: result.remaining });
	}

	/**
	 * Safe to call any time, from any trigger: calls that arrive while a flush runs in this
	 * context coalesce into one more flush after it, so a write made during a flush is not missed.
	 */
	function sync(reason: SyncTrigger): Promise<void> {
		if (running) {
			// "Sync now" during a flush still overrides backoff in the flush that follows.
			if (again !== 'manual') again = reason;
			return running;
		}
		running = (async () => {
			try {
				for (let r: SyncTrigger | null = reason; r; r = again) {
					again = null;
					await lock(() => runOnce(r!));
				}
			} finally {
				running = null;
			}
		})();
		return running;
	}

	/** Abandons what is in flight (a closing tab, a test's crash); the engine can sync again. */
	function stop(): void {
		abort.abort();
		abort = new AbortController();
	}

	/** When the next retry is due (wall-clock ms), if any entry waits for one (for the timer). */
	async function nextRetryAt(): Promise<number | null> {
		const { unfinished, nextDue } = await waiting();
		return unfinished > 0 && Number.isFinite(nextDue) ? nextDue : null;
	}

	/** `flush`: push only, no lock, no pull, which is what the benchmark times. */
	return { sync, stop, nextRetryAt, flush: () => push(false) };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		// The listener goes with the timer: a long-lived engine waits often.
		const done = () => {
			clearTimeout(t);
			signal.removeEventListener('abort', done);
			resolve();
		};
		const t = setTimeout(done, ms);
		signal.addEventListener('abort', done, { once: true });
	});
}
