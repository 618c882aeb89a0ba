/**
 * The outbox read in creation order (outboxInOrder): entry ids are request ids, random, so key
 * order is not creation order and the sort is what sync's group order rests on. Real Dexie on
 * fake-indexeddb.
 */
import { beforeEach, expect, it } from 'vitest';
import { getDb, type OutboxEntry } from './db';
import { outboxInOrder } from './outbox-base';

const db = getDb();

const entry = (id: string, seq: number): OutboxEntry => ({
	id,
	seq,
	userId: 'u-1',
	partnerId: 'p-1',
	kind: 'serviceRequest.note',
	method: 'POST',
	path: '/v1/servicerequests/{serverId}',
	body: { text: `note ${seq}` },
	group: 'r-1',
	target: 'r-1',
	state: 'pending',
	attempts: 0,
	createdAt: '2026-02-28T23:59:59.000Z'
});

beforeEach(() => db.outbox.clear());

it('returns every entry in seq order, whatever order their ids sort in', async () => {
	// Ids in the reverse of creation order, and seq past 9 (a string sort would put 10 before 2).
	await db.outbox.bulkPut([entry('f', 1), entry('e', 2), entry('d', 10), entry('c', 3), entry('b', 11), entry('a', 12)]);
	expect((await outboxInOrder(db)).map((e) => e.seq)).toEqual([1, 2, 3, 10, 11, 12]);
});

it('reads an empty outbox as no entries', async () => {
	expect(await outboxInOrder(db)).toEqual([]);
});
