// @vitest-environment node
/**
 * The sync engine against the real sandbox over HTTP on 127.0.0.1, with the real Dexie on
 * fake-indexeddb. Nothing of ours is mocked: faults come from the sandbox's own controls.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '$lib/api/client';
import type { ServiceRequestBody } from '$lib/api/schemas';
import { addNote, fileServiceRequest, retryEntry } from '$lib/actions/support';
import type { PartnerDB } from '$lib/db/db';
import type { SandboxServer } from '$lib/server/sandbox';
import type { SandboxControl } from '$lib/server/sandbox/testkit';
import { startHarness } from '$lib/testing/sandbox-harness';
import { createSyncEngine, type SyncEvent } from './engine';

let server: SandboxServer;
let client: ApiClient;
let db: PartnerDB;
let control: SandboxControl;

function body(n: number, extra: Partial<ServiceRequestBody> = {}): ServiceRequestBody {
	return {
		title: `Request ${n}`,
		description: `Description of request number ${n}`,
		severity: 'moderate',
		supportTopicId: 'billing',
		primaryContact: { name: 'Alex Admin', email: 'admin@contoso.example' },
		...extra
	};
}

function engine(events: SyncEvent[] = []) {
	return createSyncEngine({
		db,
		client,
		onEvent: (e) => events.push(e),
		backoff: { baseMs: 5, capMs: 50 },
		maxInlineWaitMs: 200
	});
}

/** Flush until the outbox is empty (as the periodic retry would), bounded. */
async function drain(run: () => Promise<void>) {
	for (let i = 0; i < 200 && (await db.outbox.count()) > 0; i++) {
		await run();
		if ((await db.outbox.count()) > 0) await new Promise((r) => setTimeout(r, 20));
	}
	expect(await db.outbox.count()).toBe(0);
}

beforeAll(async () => {
	({ server, control, db, client } = await startHarness());
});

afterAll(async () => {
	await server.close();
});

beforeEach(async () => {
	await control('POST', '/reset');
	await Promise.all(db.tables.map((t) => t.clear()));
	const session = await client.signIn({ email: 'admin@contoso.example', password: 'sandbox' });
	await db.session.put({ key: 'current', ...session, signedInAt: new Date().toISOString() });
});

describe('sync engine', () => {
	it('pulls the partner, offers and subscriptions into Dexie', async () => {
		await engine().sync('manual');
		expect((await db.session.get('current'))?.partner.name).toMatch(/Contoso/);
		expect((await db.offers.toArray()).map((o) => o.id)).toContain('action-pack');
		expect((await db.supportTopics.toArray()).some((t) => t.name === 'Help with partner invoice, payment, or reconciliation file')).toBe(true);
		expect(await db.meta.get('lastSyncedAt')).toBeTruthy();
	});

	it('delivers a request filed offline exactly once and links the local row to the server id', async () => {
		const localId = await fileServiceRequest(body(1), 'en');
		expect((await db.serviceRequests.get(localId))?.syncState).toBe('pending');
		await engine().sync('online');
		const row = await db.serviceRequests.get(localId);
		expect(row?.serverId).toMatch(/^SR-/);
		expect(row?.syncState).toBe('done');
		const l = await control('GET', '/ledger');
		expect(l.serviceRequests.filter((r: { title: string }) => r.title === 'Request 1')).toHaveLength(1);
		expect(await db.serviceRequests.count()).toBe(1);
	});

	it('replays a write whose answer was lost, without filing it twice', async () => {
		const localId = await fileServiceRequest(body(2), 'en');
		await control('PUT', '/faults', { dropAfterCommitRate: 1 });
		await engine().sync('online');
		expect((await db.outbox.toArray())[0]?.state).toBe('pending');
		// The server has it; a pull in between must not show it twice.
		await control('PUT', '/faults', { dropAfterCommitRate: 0 });
		await drain(() => engine().sync('interval'));
		const l = await control('GET', '/ledger');
		expect(l.serviceRequests.filter((r: { title: string }) => r.title === 'Request 2')).toHaveLength(1);
		expect((await db.serviceRequests.get(localId))?.serverId).toMatch(/^SR-/);
		expect(await db.serviceRequests.count()).toBe(1);
	});

	it('keeps a refused write as failed with the server’s message, and delivers it after edit and retry', async () => {
		const localId = await fileServiceRequest(body(3, { supportTopicId: 'no-such-topic' }), 'en');
		await engine().sync('manual');
		const [failed] = await db.outbox.toArray();
		expect(failed.state).toBe('failed');
		expect(failed.lastError?.status).toBe(400);
		expect(failed.lastError?.message).toBeTruthy();
		// The field the refusal named is kept, so Edit and retry can point at it.
		expect(failed.lastError?.fields).toEqual(['supportTopicId']);
		expect((await db.serviceRequests.get(localId))?.syncState).toBe('failed');

		await retryEntry(failed.id, body(3));
		await engine().sync('manual');
		expect(await db.outbox.count()).toBe(0);
		const l = await control('GET', '/ledger');
		expect(l.serviceRequests.filter((r: { title: string }) => r.title === 'Request 3')).toHaveLength(1);
	});

	it('keeps the fields a refusal names for an item of a batch, and none for an item delivered beside it', async () => {
		const bad = await fileServiceRequest(body(4, { supportTopicId: 'no-such-topic' }), 'en');
		const good = await fileServiceRequest(body(5), 'en');
		await engine().sync('manual');
		const left = await db.outbox.toArray();
		expect(left).toHaveLength(1);
		expect(left[0].target).toBe(bad);
		expect(left[0].lastError).toMatchObject({ status: 400, code: 'validation', fields: ['supportTopicId'] });
		expect((await db.serviceRequests.get(good))?.syncState).toBe('done');
	});

	it('sends a note after the request it belongs to, both filed offline', async () => {
		const localId = await fileServiceRequest(body(4), 'en');
		await addNote(localId, 'Our invoice number is 123.');
		await engine().sync('online');
		const row = await db.serviceRequests.get(localId);
		expect(row?.notes.map((n) => n.text)).toEqual(['Our invoice number is 123.']);
		expect(row?.pendingNotes).toEqual([]);
	});

	it('under faults, two engines flushing at once deliver each of 60 requests exactly once', async () => {
		for (let i = 0; i < 60; i++) await fileServiceRequest(body(100 + i), 'en');
		await control('PUT', '/faults', { failRate: 0.3, dropAfterCommitRate: 0.2, latencyMs: [0, 30] });
		const a = engine();
		const b = engine();
		await drain(() => Promise.all([a.sync('online'), b.sync('visible')]).then(() => undefined));
		await control('PUT', '/faults', { failRate: 0, dropAfterCommitRate: 0, latencyMs: [0, 0] });
		await engine().sync('manual');
		const l = await control('GET', '/ledger');
		for (let i = 0; i < 60; i++) {
			expect(l.serviceRequests.filter((r: { title: string }) => r.title === `Request ${100 + i}`)).toHaveLength(1);
		}
		expect(await db.serviceRequests.count()).toBe(60);
		expect((await db.serviceRequests.toArray()).every((r) => r.serverId && r.syncState === 'done')).toBe(true);
	});

	it('reports progress and a network error when the server cannot be reached', async () => {
		await fileServiceRequest(body(5), 'en');
		const events: SyncEvent[] = [];
		const offline = createSyncEngine({
			db,
			client: createApiClient({ baseUrl: 'http://127.0.0.1:9/api', getToken: () => 'x' }),
			onEvent: (e) => events.push(e)
		});
		await offline.sync('manual');
		expect(events.some((e) => e.type === 'error' && e.kind === 'network')).toBe(true);
		const [queued] = await db.outbox.toArray();
		expect(queued.state).toBe('pending');
		expect(queued.attempts).toBeGreaterThanOrEqual(1);
	});
});
