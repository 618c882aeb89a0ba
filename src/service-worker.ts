/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell and assets (Workbox), answers every navigation
 * with the shell so any route opens offline, and flushes the outbox on Background Sync.
 * It never caches /api answers: the data lives in IndexedDB, where the UI reads it.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { createApiClient, API_BASE } from '$lib/api/client';
import { getDb } from '$lib/db/db';
import { createSyncEngine } from '$lib/sync/engine';

declare const self: ServiceWorkerGlobalScope;

// Prompt-to-update: a new worker waits until the page says the user chose to reload.
self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

precacheAndRoute(self.__WB_MANIFEST ?? []);
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(createHandlerBoundToURL('/'), { denylist: [/^\/api\//] }));

const engine = createSyncEngine({
	db: getDb(),
	client: createApiClient({
		baseUrl: API_BASE,
		getToken: async () => (await getDb().session.get('current'))?.token
	})
});

interface SyncEvent extends ExtendableEvent {
	tag: string;
}

self.addEventListener('sync', (event) => {
	const e = event as SyncEvent;
	if (e.tag !== 'pm-outbox') return;
	e.waitUntil(
		engine.sync('background').then(async () => {
			const clients = await self.clients.matchAll({ type: 'window' });
			for (const c of clients) c.postMessage({ type: 'pm-synced' });
			// Rejecting asks the browser to fire `sync` again later (with its own backoff) while
			// writes still wait; the page's own triggers remain the fallback everywhere.
			const waiting = await getDb().outbox.filter((x) => x.state !== 'failed').count();
			if (waiting > 0) throw new Error(`${waiting} writes still waiting`);
		})
	);
});
