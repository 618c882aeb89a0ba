/**
 * The requests list's reads (issue 11): one screen of rows at a time, and the list's shape from
 * index counts. Real Dexie on fake-indexeddb; rows as the pull stores them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { firstValue as first } from '$lib/testing/fixtures';
import { getDb, type LocalServiceRequest, type OutboxEntry } from './db';
import { requestListShape$, requestWindow$ } from './support-queries';

const db = getDb();


function request(localId: string, createdDate: string, status: 'open' | 'closed' = 'open', syncState: LocalServiceRequest['syncState'] = 'done'): LocalServiceRequest {
	return {
		localId,
		serverId: syncState === 'done' ? `SR-${localId}` : undefined,
		title: `Request ${localId}`,
		description: 'A question about an invoice.',
		severity: 'minimal',
		supportTopicId: 'billing',
		primaryContact: { name: 'Alex Admin', email: 'admin@contoso.example' },
		status,
		createdDate,
		lastModifiedDate: createdDate,
		notes: [],
		history: [],
		pendingNotes: [],
		syncState,
		bucket: status === 'closed' ? 'closed' : 'open'
	};
}

function failedEntry(target: string, seq: number): OutboxEntry {
	return {
		id: `e-${target}`,
		seq,
		userId: 'u-1',
		partnerId: 'p-1',
		kind: 'serviceRequest.create',
		method: 'POST',
		path: '/v1/servicerequests/en-US',
		body: {},
		group: target,
		target,
		state: 'failed',
		attempts: 1,
		createdAt: '2026-01-01T00:00:00.000Z',
		lastError: { status: 403, code: 'forbidden', message: 'Not allowed' }
	};
}

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	// 300 open requests, one a day, and 5 closed ones among them.
	const rows = Array.from({ length: 300 }, (_, i) => request(`r${String(i).padStart(3, '0')}`, day(i), i % 60 === 0 ? 'closed' : 'open'));
	await db.serviceRequests.bulkPut(rows);
});

describe('requestWindow$', () => {
	it('reads one block of the Open list, newest first, without the closed ones', async () => {
		const w = await first(requestWindow$('open', 0, 10));
		expect(w.offset).toBe(0);
		expect(w.rows.map((r) => r.localId)).toEqual(['r299', 'r298', 'r297', 'r296', 'r295', 'r294', 'r293', 'r292', 'r291', 'r290']);
		const later = await first(requestWindow$('open', 290, 10));
		// 295 open rows: the block past the end holds the five oldest open ones (r000 is closed).
		expect(later.rows.map((r) => r.localId)).toEqual(['r005', 'r004', 'r003', 'r002', 'r001']);
	});

	it('reads the Closed list apart', async () => {
		const w = await first(requestWindow$('closed', 0, 60));
		expect(w.rows.map((r) => r.localId)).toEqual(['r240', 'r180', 'r120', 'r060', 'r000']);
	});

	it('gives each row its own outbox entries and no other', async () => {
		await db.serviceRequests.put(request('new', day(400), 'open', 'failed'));
		await db.outbox.put(failedEntry('new', 1));
		await db.outbox.put(failedEntry('elsewhere', 2));
		const w = await first(requestWindow$('open', 0, 2));
		expect(w.rows[0].localId).toBe('new');
		expect(w.rows[0].entries.map((e) => e.id)).toEqual(['e-new']);
		expect(w.rows[1].entries).toEqual([]);
	});
});

describe('requestListShape$', () => {
	it('counts each list from the index', async () => {
		expect((await first(requestListShape$('open'))).count).toBe(295);
		expect((await first(requestListShape$('closed'))).count).toBe(5);
	});

	it('places failed requests where the window will show them, ties on the date included', async () => {
		// Two failed creates filed at the same instant as r150, and one newest of all.
		await db.serviceRequests.bulkPut([request('r150a', day(150), 'open', 'failed'), request('r150b', day(150), 'open', 'failed'), request('top', day(500), 'open', 'failed')]);
		await db.outbox.bulkPut([failedEntry('r150a', 1), failedEntry('r150b', 2), failedEntry('top', 3)]);
		const shape = await first(requestListShape$('open'));
		expect(shape.count).toBe(298);
		const w = await first(requestWindow$('open', 0, 298));
		const where = (id: string) => w.rows.findIndex((r) => r.localId === id);
		expect([...shape.failedAt].sort((a, b) => a - b)).toEqual([where('top'), where('r150b'), where('r150a')].sort((a, b) => a - b));
		expect(where('top')).toBe(0);
		expect((await first(requestListShape$('closed'))).failedAt.size).toBe(0);
	});
});
