/**
 * Benchmark page: our outbox flush, with the app's real action (to queue) and the real engine
 * (to flush). The workbox-background-sync side runs in ./sw.ts, where Queue lives.
 */
import { fileServiceRequest } from '$lib/actions/support';
import { createApiClient } from '$lib/api/client';
import { getDb } from '$lib/db/db';
import { createSyncEngine } from '$lib/sync/engine';

const base = '/api';

function body(prefix: string, i: number) {
	return {
		title: `${prefix} ${i}`,
		description: `Benchmark request number ${i}.`,
		severity: 'minimal' as const,
		supportTopicId: 'billing',
		primaryContact: { name: 'Bench', email: 'admin@contoso.example' }
	};
}

async function signIn() {
	const session = await createApiClient({ baseUrl: base }).signIn({ email: 'admin@contoso.example', password: 'sandbox' });
	await getDb().session.put({ key: 'current', ...session, signedInAt: new Date().toISOString() });
	return session.token;
}

async function ours(n: number) {
	const db = getDb();
	await Promise.all(db.tables.map((t) => t.clear()));
	await signIn();
	for (let i = 0; i < n; i++) await fileServiceRequest(body('OURS', i), 'en');
	// Time spent waiting for the server, to tell network from IndexedDB in the figure.
	let netMs = 0;
	const timedFetch: typeof fetch = async (...args) => {
		const t = performance.now();
		try {
			return await fetch(...args);
		} finally {
			netMs += performance.now() - t;
		}
	};
	const client = createApiClient({ baseUrl: base, fetch: timedFetch });
	const engine = createSyncEngine({ db, client });
	const t0 = performance.now();
	const result = await engine.flush();
	const ms = performance.now() - t0;
	return { ms, netMs, ...result, left: await db.outbox.count() };
}

async function workbox(n: number) {
	const token = await signIn();
	const reg = await navigator.serviceWorker.register('/sw.js', { type: 'module', scope: '/' });
	await navigator.serviceWorker.ready;
	const worker = reg.active!;
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = (e) => resolve(e.data);
		worker.postMessage({ type: 'queue-bench', n, token, bodies: Array.from({ length: n }, (_, i) => body('WB', i)) }, [channel.port2]);
	});
}

Object.assign(window, { bench: { ours, workbox } });
