/**
 * What the support pages read, loaded with those routes only (with the request-id ageing rules
 * of sync/retry.ts, which the dashboard has no use for). Same rules as queries.ts.
 */
import { liveQuery } from 'dexie';
import { ageOf } from '$lib/sync/retry';
import { getDb, type ServiceRequestDraftRow } from './db';

export const supportTopics$ = () => liveQuery(() => getDb().supportTopics.toArray());

/** Requests newest first, each with the outbox entries still waiting for it. */
export const serviceRequests$ = () =>
	liveQuery(async () => {
		const [rows, outbox] = await Promise.all([getDb().serviceRequests.orderBy('createdDate').reverse().toArray(), getDb().outbox.toArray()]);
		const byTarget = new Map<string, typeof outbox>();
		for (const e of outbox) byTarget.set(e.target, [...(byTarget.get(e.target) ?? []), e]);
		return rows.map((r) => ({ ...r, entries: byTarget.get(r.localId) ?? [] }));
	});

export const serviceRequest$ = (localId: string) =>
	liveQuery(async () => {
		const row = (await getDb().serviceRequests.get(localId)) ?? (await getDb().serviceRequests.where('serverId').equals(localId).first());
		if (!row) return null;
		const entries = await getDb().outbox.where('target').equals(row.localId).sortBy('seq');
		return { ...row, entries };
	});

/** The signed-in user's writes close to the server's request-id lifetime (sync/retry.ts). */
export const expiringWrites$ = () =>
	liveQuery(async () => {
		const now = Date.now();
		return (await getDb().outbox.toArray()).filter((e) => e.state !== 'failed' && e.state !== 'done' && ageOf(e, now) !== 'fresh').length;
	});

/** The New request form's saved draft (see actions/support.ts), or null. */
export const serviceRequestDraft$ = (id: string) =>
	liveQuery(async (): Promise<ServiceRequestDraftRow | null> => {
		const row = await getDb().drafts.get(id);
		return row?.kind === 'serviceRequest' ? row : null;
	});
