/**
 * The page's side of sync: owns the engine, wires every trigger of DESIGN.md §5, and exposes
 * what the header shows. Every trigger is safe to fire at any time, twice (see engine.ts).
 * Writes need no trigger of their own: the engine follows the outbox (follow.ts).
 */
import type { SyncEngine, SyncEvent, SyncTrigger } from './engine';
import { BACKGROUND_SYNC_TAG, isWorkerSyncMessage } from './protocol';

const PERIODIC_MS = 30_000;

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
	 * The engine, the API client and the schemas load after the first paint: the dashboard
	 * renders from IndexedDB without them, and they are a fifth of the first-load budget.
	 */
	engine(): Promise<SyncEngine> {
		this.#engine ??= Promise.all([import('./engine'), import('./follow'), import('$lib/app/context'), import('$lib/db/db')]).then(
			([{ createSyncEngine }, { followOutbox }, { api }, { getDb }]) => {
				const engine = createSyncEngine({ db: getDb(), client: api(), onEvent: (e) => this.#on(e) });
				followOutbox(getDb(), () => void this.sync('write'));
				return engine;
			}
		);
		return this.#engine;
	}

	async sync(reason: SyncTrigger): Promise<void> {
		try {
			await (await this.engine()).sync(reason);
		} finally {
			this.running = false;
			void this.#schedule();
		}
	}

	/** The next periodic retry: sooner when an entry's backoff ends sooner. */
	async #schedule() {
		clearTimeout(this.#timer);
		const next = await (await this.engine()).nextRetryAt();
		const delay = next === null ? PERIODIC_MS : Math.min(PERIODIC_MS, Math.max(1_000, next - Date.now()));
		this.#timer = setTimeout(() => {
			if (document.visibilityState === 'visible') void this.sync('interval');
			else void this.#schedule();
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
		// The first sync waits until the page has painted with its data: the engine's chunks and
		// its IndexedDB work would otherwise compete with that paint. Idle comes within a frame or
		// two on a phone; the timeout bounds it on a busy one (Safari has no requestIdleCallback).
		const first = () => void this.sync('start');
		if (typeof requestIdleCallback === 'function') requestIdleCallback(first, { timeout: 1_000 });
		else setTimeout(first, 100);
	}
}

export const syncStatus = new SyncStatus();
