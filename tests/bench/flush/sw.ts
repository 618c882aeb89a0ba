/// <reference lib="webworker" />
/**
 * The baseline: the same writes through workbox-background-sync's Queue, as its docs use it
 * (pushRequest, then replayRequests), each with its own MS-RequestId.
 */
import { Queue } from 'workbox-background-sync';

declare const self: ServiceWorkerGlobalScope;

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
	const { type, n, token, bodies } = event.data ?? {};
	if (type !== 'queue-bench') return;
	const port = event.ports[0];
	event.waitUntil(
		(async () => {
			// forceSyncFallback: replay only when we say so, not on a browser sync event.
			const queue = new Queue(`bench-${Date.now()}`, { forceSyncFallback: true, maxRetentionTime: 60 });
			for (let i = 0; i < n; i++) {
				await queue.pushRequest({
					request: new Request('/api/v1/servicerequests/en-US', {
						method: 'POST',
						headers: {
							'content-type': 'application/json',
							authorization: `Bearer ${token}`,
							'MS-RequestId': crypto.randomUUID()
						},
						body: JSON.stringify(bodies[i])
					})
				});
			}
			const t0 = performance.now();
			await queue.replayRequests();
			const ms = performance.now() - t0;
			port.postMessage({ ms, left: (await queue.getAll()).length });
		})()
	);
});
