/**
 * What pages read. Each export is a Dexie liveQuery (an observable that Svelte treats as a
 * store): it re-runs when the tables it read change, in this tab or any other.
 * `undefined` means "still loading", never "empty".
 */
import { liveQuery } from 'dexie';
import { ageOf } from '$lib/sync/retry';
import { getDb } from './db';

const db = () => getDb();

export const session$ = () => liveQuery(async () => (await db().session.get('current')) ?? null);

export const offers$ = () => liveQuery(() => db().offers.toArray());

export const subscriptions$ = () => liveQuery(() => db().subscriptions.orderBy('id').toArray());

export const subscription$ = (id: string) => liveQuery(async () => (await db().subscriptions.get(id)) ?? null);

export const lastSyncedAt$ = () =>
	liveQuery(async () => ((await db().meta.get('lastSyncedAt'))?.value as string | undefined) ?? null);

/** The signed-in user's writes; another user's stay queued for them and are not counted here. */
export const outboxSummary$ = () =>
	liveQuery(async () => {
		const [session, all] = await Promise.all([db().session.get('current'), db().outbox.toArray()]);
		const mine = all.filter((e) => e.userId === session?.user.id);
		return {
			pending: mine.filter((e) => e.state === 'pending' || e.state === 'sending').length,
			failed: mine.filter((e) => e.state === 'failed').length,
			otherUsers: all.length - mine.length
		};
	});

/** The signed-in user's writes close to the server's request-id lifetime (sync/retry.ts). */
export const expiringWrites$ = () =>
	liveQuery(async () => {
		const now = Date.now();
		return (await db().outbox.toArray()).filter((e) => e.state !== 'failed' && e.state !== 'done' && ageOf(e, now) !== 'fresh').length;
	});

export const supportTopics$ = () => liveQuery(() => db().supportTopics.toArray());

/** Requests newest first, each with the outbox entries still waiting for it. */
export const serviceRequests$ = () =>
	liveQuery(async () => {
		const [rows, outbox] = await Promise.all([db().serviceRequests.orderBy('createdDate').reverse().toArray(), db().outbox.toArray()]);
		const byTarget = new Map<string, typeof outbox>();
		for (const e of outbox) byTarget.set(e.target, [...(byTarget.get(e.target) ?? []), e]);
		return rows.map((r) => ({ ...r, entries: byTarget.get(r.localId) ?? [] }));
	});

export const serviceRequest$ = (localId: string) =>
	liveQuery(async () => {
		const row = (await db().serviceRequests.get(localId)) ?? (await db().serviceRequests.where('serverId').equals(localId).first());
		if (!row) return null;
		const entries = await db().outbox.where('target').equals(row.localId).sortBy('seq');
		return { ...row, entries };
	});

export const paymentMethods$ = () => liveQuery(() => db().paymentMethods.toArray());

export const order$ = (id: string) => liveQuery(async () => (id ? ((await db().orders.get(id)) ?? null) : null));

export const invoice$ = (orderId: string) => liveQuery(async () => (await db().invoices.where('orderId').equals(orderId).first()) ?? null);

export const ordersOf$ = (subscriptionId: string) => liveQuery(() => db().orders.where('subscriptionId').equals(subscriptionId).toArray());

/** Orders placed here and not yet accepted by the API: shown as "not charged yet". */
export const pendingOrders$ = () => liveQuery(() => db().outbox.filter((e) => e.kind === 'order.place').toArray());

export const draftsList$ = () => liveQuery(() => db().drafts.toArray());

/** Writes still waiting (or refused) for one subscription or request, by target id. */
export const entriesFor$ = (target: string) => liveQuery(() => db().outbox.where('target').equals(target).toArray());
