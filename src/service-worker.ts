/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell and assets (Workbox), answers every navigation
 * with the shell so any route opens offline, and flushes the outbox on Background Sync.
 * It never caches /api answers: the data lives in IndexedDB, where the UI reads it.
 * It also shows renewal reminders as notifications (src/lib/reminders/worker.ts): when a page
 * asks (app start, after each sync), after its own flush, and on Periodic Background Sync.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { createAppClient } from '$lib/app/context';
import { getDb } from '$lib/db/db';
import { createSyncEngine, type SyncEvent as EngineEvent } from '$lib/sync/engine';
import { BACKGROUND_SYNC_TAG, isSyncRequest, syncAnswer, workerSyncMessage, type SyncRequest } from '$lib/sync/protocol';
import { isCheckRemindersMessage, REMINDER_PERIODIC_TAG } from '$lib/reminders/protocol';
import { checkReminders, openFromNotification } from '$lib/reminders/worker';

declare const self: ServiceWorkerGlobalScope;

// Prompt-to-update: a new worker waits until the page says the user chose to reload.
self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
	else if (isCheckRemindersMessage(event.data)) event.waitUntil(remind(event.data.locale));
	else if (isSyncRequest(event.data)) event.waitUntil(syncFor(event.data, event.ports[0]));
});

/**
 * A page's trigger, run here (src/lib/sync/protocol.ts). The answer goes out whatever happened:
 * the engine's own events have already told the page how the flush ended.
 */
async function syncFor(request: SyncRequest, port: MessagePort | undefined): Promise<void> {
	if (request.schema !== getDb().verno) return port?.postMessage(syncAnswer(false));
	await engine.sync(request.reason).catch(() => undefined);
	port?.postMessage(syncAnswer(true, await engine.nextRetryAt().catch(() => null)));
}

/** A reminder check never fails the event that ran it (a sync must not be retried for it). */
function remind(locale?: 'en' | 'ko'): Promise<void> {
	return checkReminders(getDb(), self.registration, { locale }).then(
		() => undefined,
		() => undefined
	);
}

precacheAndRoute(self.__WB_MANIFEST ?? []);
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(createHandlerBoundToURL('/'), { denylist: [/^\/api\//] }));

let last: EngineEvent | undefined;
const engine = createSyncEngine({
	db: getDb(),
	client: createAppClient(),
	onEvent: (event) => {
		last = event;
		void self.clients.matchAll({ type: 'window' }).then((clients) => {
			for (const c of clients) c.postMessage(workerSyncMessage(event));
		});
	}
});

interface SyncEvent extends ExtendableEvent {
	tag: string;
}

self.addEventListener('sync', (event) => {
	const e = event as SyncEvent;
	if (e.tag !== BACKGROUND_SYNC_TAG) return;
	e.waitUntil(
		engine.sync('background').then(async () => {
			await remind();
			// Rejecting asks the browser to fire `sync` again later (with its own backoff) while
			// writes still wait; the page's own triggers remain the fallback everywhere.
			const remaining = last && (last.type === 'done' || last.type === 'error') ? last.remaining : 0;
			if (remaining > 0) throw new Error(`${remaining} writes still waiting`);
		})
	);
});

interface PeriodicSyncEvent extends ExtendableEvent {
	tag: string;
}

// Chromium only, for an installed app, registered by the page when reminders are turned on
// (feature-detected there). A fresh pull first, so a renewal made elsewhere silences the reminder.
self.addEventListener('periodicsync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
	const e = event as PeriodicSyncEvent;
	if (e.tag !== REMINDER_PERIODIC_TAG) return;
	e.waitUntil(
		engine
			.sync('background')
			.catch(() => undefined)
			.then(() => remind())
	);
});

self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	event.waitUntil(openFromNotification(self.clients, self.location.origin, event.notification.data));
});
