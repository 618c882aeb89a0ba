/**
 * What the service worker tells its pages. The worker flushes on Background Sync with its own
 * engine; it forwards that engine's events, so a page's status follows the worker's flush
 * without a push and pull of its own.
 */
import type { SyncEvent } from './engine';

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
