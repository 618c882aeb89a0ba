/**
 * The page's side of sync: wires every trigger of DESIGN.md §5, and exposes what the header
 * shows. Every trigger is safe to fire at any time, twice (see engine.ts). Writes need no
 * trigger of their own: sync follows the outbox (follow.ts).
 *
 * A page the service worker controls hands each trigger to the worker (protocol.ts) and never
 * loads the engine; without a worker (the first visit, a browser without one, a worker of
 * another database version) the page runs its own.
 */
import { getDb } from '$lib/db/db';
import type { SyncEngine, SyncEvent, SyncTrigger } from './engine';
import { followOutbox } from './follow';
import { askWorkerToSync, BACKGROUND_SYNC_TAG, isWorkerSyncMessage } from './protocol';

const PERIODIC_MS = 30_000;
/**
 * How long a page waits for the worker's answer before flushing itself: a worker can be stopped
 * mid-flush. A flush that merely outlasts it costs one more flush, queued behind it by the lock.
 */
const WORKER_ANSWER_MS = 60_000;

class SyncStatus {
	running = $state(false);
	done = $state(0);
	total = $state(0);
	/** The truth about connectivity is a failed fetch; navigator.onLine only seeds it. */
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	error = $state<Extract<SyncEvent, { type: 'error' }> | null>(null);

	#engine: Promise<SyncEngine> | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#started = false;
	#nextRetryAt: number | null = null;

	#on(e: SyncEvent) {
		switch (e.type) {
			case 'start':
				this.running = true;
				this.done = 0;
				this.total = 0;
				break;
			case 'progress':
				this.done = e.done;
				this.total = e.total;
				break;
			case 'done':
				this.running = false;
				this.online = true;
				this.error = null;
				break;
			case 'error':
				this.running = false;
				this.error = e;
				this.online = e.kind !== 'network';
				break;
		}
		if ((e.type === 'done' || e.type === 'error') && e.remaining > 0) void this.#askBackgroundSync();
	}

	/** Only when a flush stopped with writes left: the browser fires `sync` when back online. */
	async #askBackgroundSync() {
		try {
			const reg = await navigator.serviceWorker?.getRegistration();
			const syncManager = (reg as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
			await syncManager?.register(BACKGROUND_SYNC_TAG);
		} catch {
			// No Background Sync (Safari, Firefox): the page's own triggers cover it.
		}
	}

	/**
	 * The page's own engine, only where no worker flushes for it: the engine, the API client and
	 * the schemas are an eighth of a visit's JavaScript, and the dashboard renders from IndexedDB
	 * without them.
	 */
	engine(): Promise<SyncEngine> {
		this.#engine ??= Promise.all([import('./engine'), import('$lib/app/context')]).then(([{ createSyncEngine }, { api }]) =>
			createSyncEngine({ db: getDb(), client: api(), onEvent: (e) => this.#on(e) })
		);
		return this.#engine;
	}

	async sync(reason: SyncTrigger): Promise<void> {
		this.#nextRetryAt = null;
		try {
			const controller = typeof navigator === 'undefined' ? null : navigator.serviceWorker?.controller;
			const worker = await askWorkerToSync(controller, reason, getDb().verno, WORKER_ANSWER_MS);
			if (worker) {
				this.#nextRetryAt = worker.nextRetryAt;
			} else {
				const engine = await this.engine();
				await engine.sync(reason);
				this.#nextRetryAt = await engine.nextRetryAt();
			}
		} finally {
			this.running = false;
			this.#schedule();
		}
	}

	/** The next periodic retry: sooner when an entry's backoff ends sooner. */
	#schedule() {
		clearTimeout(this.#timer);
		const next = this.#nextRetryAt;
		const delay = next === null ? PERIODIC_MS : Math.min(PERIODIC_MS, Math.max(1_000, next - Date.now()));
		this.#timer = setTimeout(() => {
			if (document.visibilityState === 'visible') void this.sync('interval');
			else this.#schedule();
		}, delay);
	}

	start() {
		if (this.#started) return;
		this.#started = true;
		addEventListener('online', () => {
			this.online = true;
			void this.sync('online');
		});
		addEventListener('offline', () => (this.online = false));
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') void this.sync('visible');
		});
		// The worker's flush (Background Sync) reports here; Dexie's liveQueries show its result.
		navigator.serviceWorker?.addEventListener('message', (ev: MessageEvent) => {
			if (isWorkerSyncMessage(ev.data)) this.#on(ev.data.event);
		});
		followOutbox(getDb(), () => void this.sync('write'));
		// The first sync waits until the page has painted with its data: the engine's chunks and
		// its IndexedDB work would otherwise compete with that paint. Idle comes within a frame or
		// two on a phone; the timeout bounds it on a busy one (Safari has no requestIdleCallback).
		const first = () => void this.sync('start');
		if (typeof requestIdleCallback === 'function') requestIdleCallback(first, { timeout: 1_000 });
		else setTimeout(first, 100);
	}
}

export const syncStatus = new SyncStatus();
