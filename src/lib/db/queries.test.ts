/**
 * The dashboard's first read (dashboardFirst) and the live queries that start from it (seeded):
 * the page paints once with the load's answer, the query's equal first answer is not painted
 * again, and every later change still arrives. Real Dexie on fake-indexeddb.
 */
import { beforeEach, expect, it } from 'vitest';
import { leapDaySubscription } from '$lib/testing/fixtures';
import { getDb } from './db';
import { activatedSubscriptions$, dashboardFirst, seeded, shellFirst, subscriptions$ } from './queries';

const db = getDb();
const settle = () => new Promise((r) => setTimeout(r, 60));

beforeEach(() => Promise.all(db.tables.map((t) => t.clear())));

it('reads everything the dashboard shows in one go', async () => {
	await db.subscriptions.put(leapDaySubscription());
	await db.benefitActivations.put({ id: 'a-1', subscriptionId: 'sub-1', benefitId: 'b-1' } as never);
	const first = await dashboardFirst();
	expect(first.session).toBeNull();
	expect(first.subscriptions.map((s) => s.id)).toEqual(['sub-1']);
	expect([...first.activated]).toEqual(['sub-1']);
	expect(first.drafts).toEqual([]);
	expect(first.reminders).toEqual({ dismissed: [], device: null });
});

it('reads what the shell shows: the session, the signed-in user’s waiting writes, the last sync', async () => {
	await db.session.put({ key: 'current', token: 't', user: { id: 'u-1' }, partner: { id: 'p-1' } } as never);
	await db.outbox.bulkPut([
		{ id: 'e-1', seq: 1, userId: 'u-1', state: 'pending' },
		{ id: 'e-2', seq: 2, userId: 'u-1', state: 'failed' },
		{ id: 'e-3', seq: 3, userId: 'u-2', state: 'pending' }
	] as never);
	await db.meta.put({ key: 'lastSyncedAt', value: '2028-02-29T23:59:00.000Z' });
	const first = await shellFirst();
	expect(first.session?.user.id).toBe('u-1');
	expect(first.summary).toEqual({ pending: 1, failed: 1, otherUsers: 1 });
	expect(first.lastSynced).toBe('2028-02-29T23:59:00.000Z');
});

it('gives the load answer at once, skips the equal first answer, and passes on later changes', async () => {
	await db.subscriptions.put(leapDaySubscription());
	const { subscriptions } = await dashboardFirst();
	const seen: string[][] = [];
	const sub = seeded(subscriptions$(), subscriptions).subscribe((v) => seen.push(v.map((s) => s.id)));
	// Synchronously: the first paint has the data.
	expect(seen).toEqual([['sub-1']]);
	await settle();
	expect(seen).toEqual([['sub-1']]);
	await db.subscriptions.put(leapDaySubscription({ id: 'sub-2' }));
	await settle();
	expect(seen).toEqual([['sub-1'], ['sub-1', 'sub-2']]);
	sub.unsubscribe();
});

it('passes the first answer on when it differs from the load (a write came in between)', async () => {
	const seen: number[] = [];
	const sub = seeded(subscriptions$(), []).subscribe((v) => seen.push(v.length));
	await db.subscriptions.put(leapDaySubscription());
	await settle();
	expect(seen.at(-1)).toBe(1);
	sub.unsubscribe();
});

it('compares sets by their members, and with no load answer behaves as the plain query', async () => {
	await db.benefitActivations.put({ id: 'a-1', subscriptionId: 'sub-1', benefitId: 'b-1' } as never);
	const seenSets: number[] = [];
	const same = seeded(activatedSubscriptions$(), new Set(['sub-1'])).subscribe((v) => seenSets.push(v.size));
	await settle();
	expect(seenSets).toEqual([1]);
	same.unsubscribe();

	const plain: number[] = [];
	const unseeded = seeded(subscriptions$(), undefined).subscribe((v) => plain.push(v.length));
	expect(plain).toEqual([]);
	await settle();
	expect(plain).toEqual([0]);
	unseeded.unsubscribe();
});
