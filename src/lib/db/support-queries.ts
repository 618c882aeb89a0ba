/**
 * What the support pages read, loaded with those routes only (with the request-id ageing rules
 * of sync/retry.ts, which the dashboard has no use for). Same rules as queries.ts.
 */
import Dexie, { liveQuery } from 'dexie';
import { ageOf } from '$lib/sync/retry';
import { getDb, type LocalServiceRequest, type OutboxEntry, type RequestBucket, type ServiceRequestDraftRow } from './db';

export const supportTopics$ = () => liveQuery(() => getDb().supportTopics.toArray());

/*
 * The requests list reads one screen at a time (10,000 requests paint as fast as 100): its shape
 * (how many rows, which are taller) from index counts, then only the rows on screen. Both come
 * from the [bucket+createdDate] index, newest first; equal dates fall back to the primary key,
 * descending, which is the order IndexedDB walks a reversed index in.
 */
const inBucket = (bucket: RequestBucket) =>
	getDb().serviceRequests.where('[bucket+createdDate]').between([bucket, Dexie.minKey], [bucket, Dexie.maxKey]);

/**
 * How many requests the Open or Closed list holds, and the positions of those whose sync failed
 * (their rows are taller, and every row's height must be known before it paints). Failed rows
 * are found from the outbox, which is small, never by scanning the requests.
 */
export const requestListShape$ = (bucket: RequestBucket) =>
	liveQuery(async () => {
		const d = getDb();
		const [count, failedEntries] = await Promise.all([inBucket(bucket).count(), d.outbox.where('state').equals('failed').toArray()]);
		const targets = [...new Set(failedEntries.map((e) => e.target))];
		const failed = (await d.serviceRequests.bulkGet(targets)).filter(
			(r): r is LocalServiceRequest => r?.bucket === bucket && r.syncState === 'failed' && r.createdDate !== undefined
		);
		const failedAt = await Promise.all(
			failed.map(async (r) => {
				const byDate = () => d.serviceRequests.where('[bucket+createdDate]');
				const newer = await byDate().between([bucket, r.createdDate], [bucket, Dexie.maxKey], false, true).count();
				const tied = await byDate()
					.equals([bucket, r.createdDate!])
					.filter((x) => x.localId > r.localId)
					.count();
				return newer + tied;
			})
		);
		return { count, failedAt: new Set(failedAt) };
	});

export type ListedRequest = LocalServiceRequest & { entries: OutboxEntry[] };

/** Rows `offset` to `offset + limit` of the Open or Closed list, each with its waiting entries. */
export const requestWindow$ = (bucket: RequestBucket, offset: number, limit: number) =>
	liveQuery(async () => {
		const rows = await inBucket(bucket).reverse().offset(offset).limit(limit).toArray();
		const entries = await getDb()
			.outbox.where('target')
			.anyOf(rows.map((r) => r.localId))
			.toArray();
		const byTarget = new Map<string, OutboxEntry[]>();
		for (const e of entries.sort((a, b) => a.seq - b.seq)) byTarget.set(e.target, [...(byTarget.get(e.target) ?? []), e]);
		return { bucket, offset, rows: rows.map((r): ListedRequest => ({ ...r, entries: byTarget.get(r.localId) ?? [] })) };
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
