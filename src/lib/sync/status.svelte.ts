/**
 * The page's side of sync: owns the engine, wires every trigger of DESIGN.md §5, and exposes
 * what the header shows. Every trigger is safe to fire at any time, twice (see engine.ts).
 */
import type { SyncEngine, SyncEvent, SyncTrigger } from './engine';

const PERIODIC_MS = 30_000;
export const BACKGROUND_SYNC_TAG = 'pm-outbox';

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
				if (e.kind === 'network') this.online = false;
				else this.online = true;
				break;
		}
	}

	/**
	 * The engine, the API client and the schemas load after the first paint: the dashboard
	 * renders from IndexedDB without them, and they are a fifth of the first-load budget.
	 */
	engine(): Promise<SyncEngine> {
		this.#engine ??= Promise.all([import('./engine'), import('$lib/app/context')]).then(([{ createSyncEngine }, { api, db }]) =>
			createSyncEngine({ db: db(), client: api(), onEvent: (e) => this.#on(e) })
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
		// The worker's sync event can arrive for a flush this page started: refresh our view.
		navigator.serviceWorker?.addEventListener('message', (ev: MessageEvent) => {
			if (ev.data?.type === 'pm-synced') void this.sync('background');
		});
		void this.sync('start');
	}

	/** After a local write: try now, and ask the worker to retry in the background if we can't. */
	async afterWrite() {
		try {
			const reg = await navigator.serviceWorker?.getRegistration();
			const syncManager = (reg as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
			await syncManager?.register(BACKGROUND_SYNC_TAG);
		} catch {
			// No Background Sync (Safari, Firefox): the page's own triggers cover it.
		}
		await this.sync('write');
	}
}

export const syncStatus = new SyncStatus();
