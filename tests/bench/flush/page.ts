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

/**
 * The floor of a flush (issue 11): the same writes sent the cheapest way the design allows, with
 * raw IndexedDB and no engine: one read of the queue, one $batch, one transaction that writes the
 * answers and empties the queue. Nothing our engine adds is here: no attempt mark before sending
 * (the engine's crash safety), no per-user claim, no answer validation, no merge with the local
 * row. What ours costs above it is what those cost.
 */
async function floor(n: number) {
	const token = await signIn();
	const idb = await new Promise<IDBDatabase>((resolve, reject) => {
		const r = indexedDB.open('flush-floor', 1);
		r.onupgradeneeded = () => {
			r.result.createObjectStore('queue', { keyPath: 'id' });
			r.result.createObjectStore('rows', { keyPath: 'localId' });
		};
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error);
	});
	const done = (tx: IDBTransaction) => new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error))));
	const prep = idb.transaction(['queue', 'rows'], 'readwrite');
	prep.objectStore('queue').clear();
	prep.objectStore('rows').clear();
	for (let i = 0; i < n; i++) prep.objectStore('queue').put({ id: crypto.randomUUID(), localId: crypto.randomUUID(), body: body('FLOOR', i) });
	await done(prep);

	const t0 = performance.now();
	const read = idb.transaction('queue').objectStore('queue').getAll();
	const queued = await new Promise<{ id: string; localId: string; body: unknown }[]>((resolve) => (read.onsuccess = () => resolve(read.result)));
	const res = await fetch(`${base}/v1/$batch`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'MS-RequestId': crypto.randomUUID() },
		body: JSON.stringify({ requests: queued.map((q) => ({ id: q.id, method: 'POST', url: '/v1/servicerequests/en-US', headers: { 'MS-RequestId': q.id }, body: q.body })) })
	});
	const { responses } = (await res.json()) as { responses: { id: string; body: object }[] };
	const localOf = new Map(queued.map((q) => [q.id, q.localId]));
	const write = idb.transaction(['queue', 'rows'], 'readwrite');
	for (const r of responses) write.objectStore('rows').put({ ...r.body, localId: localOf.get(r.id) });
	write.objectStore('queue').clear();
	await done(write);
	const ms = performance.now() - t0;
	idb.close();
	return { ms };
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

Object.assign(window, { bench: { ours, floor, workbox } });
