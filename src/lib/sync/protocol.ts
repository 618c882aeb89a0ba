/**
 * Between the page and the service worker about sync.
 *
 * - The worker flushes on Background Sync with its own engine and forwards that engine's
 *   events, so a page's status follows the worker's flush without a push and pull of its own.
 * - A page that the worker controls hands it its own triggers too (app start, online, a write,
 *   "Sync now"): the engine, the API client and the schemas then never load in the page, and
 *   the push and the pull run off the page's main thread. The worker answers on the message's
 *   port when that flush is over, with when the next retry is due (the page keeps the timer: a
 *   worker is stopped when idle). A worker built for another database version (an update still
 *   waiting) declines, and the page runs its own engine, as it does with no worker at all.
 */
import type { SyncEvent, SyncTrigger } from './engine';

export const BACKGROUND_SYNC_TAG = 'pm-outbox';

export interface WorkerSyncMessage {
	type: 'pm.sync-event';
	event: SyncEvent;
}

export function workerSyncMessage(event: SyncEvent): WorkerSyncMessage {
	return { type: 'pm.sync-event', event };
}

export function isWorkerSyncMessage(data: unknown): data is WorkerSyncMessage {
	return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'pm.sync-event';
}

export interface SyncRequest {
	type: 'pm.sync-request';
	reason: SyncTrigger;
	/** The page's database version (Dexie `verno`). */
	schema: number;
}

export interface SyncAnswer {
	type: 'pm.sync-answer';
	/** False: the worker did not flush (another database version); the page must. */
	ran: boolean;
	/** Wall-clock ms of the next due retry, if an entry waits for one. */
	nextRetryAt: number | null;
}

export function syncRequest(reason: SyncTrigger, schema: number): SyncRequest {
	return { type: 'pm.sync-request', reason, schema };
}

export function isSyncRequest(data: unknown): data is SyncRequest {
	return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'pm.sync-request';
}

export function syncAnswer(ran: boolean, nextRetryAt: number | null = null): SyncAnswer {
	return { type: 'pm.sync-answer', ran, nextRetryAt };
}

export function isSyncAnswer(data: unknown): data is SyncAnswer {
	return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'pm.sync-answer';
}

/**
 * The page side: asks `worker` to flush and resolves with when the next retry is due, or
 * `false` when the page must flush itself (no worker, a worker that declines, or no answer in
 * `timeoutMs`: a worker can be stopped mid-flush, and flushing twice is safe).
 */
export function askWorkerToSync(
	worker: Pick<ServiceWorker, 'postMessage'> | null | undefined,
	reason: SyncTrigger,
	schema: number,
	timeoutMs: number
): Promise<{ nextRetryAt: number | null } | false> {
	if (!worker) return Promise.resolve(false);
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		const finish = (answer: { nextRetryAt: number | null } | false) => {
			clearTimeout(timer);
			channel.port1.close();
			resolve(answer);
		};
		const timer = setTimeout(() => finish(false), timeoutMs);
		channel.port1.onmessage = (ev: MessageEvent) => {
			if (isSyncAnswer(ev.data)) finish(ev.data.ran ? { nextRetryAt: ev.data.nextRetryAt } : false);
		};
		worker.postMessage(syncRequest(reason, schema), [channel.port2]);
	});
}
