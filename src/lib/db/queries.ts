/**
 * What pages read. Each export is a Dexie liveQuery (an observable that Svelte treats as a
 * store): it re-runs when the tables it read change, in this tab or any other.
 * `undefined` means "still loading", never "empty".
 */
import { liveQuery } from 'dexie';
import { getDb } from './db';

const db = () => getDb();

export const session$ = () => liveQuery(async () => (await db().session.get('current')) ?? null);

export const offers$ = () => liveQuery(() => db().offers.toArray());

export const subscriptions$ = () => liveQuery(() => db().subscriptions.orderBy('id').toArray());

export const subscription$ = (id: string) => liveQuery(async () => (await db().subscriptions.get(id)) ?? null);

export const lastSyncedAt$ = () =>
	liveQuery(async () => ((await db().meta.get('lastSyncedAt'))?.value as string | undefined) ?? null);

export const outboxSummary$ = () =>
	liveQuery(async () => {
		const all = await db().outbox.toArray();
		return {
			pending: all.filter((e) => e.state === 'pending' || e.state === 'sending').length,
			failed: all.filter((e) => e.state === 'failed').length
		};
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
