/**
 * User writes on service requests. Each one stores its local effect and its outbox entry in
 * one Dexie transaction: either both are kept or neither is (a full disk or a broken database
 * refuses the write as a whole, and the form keeps what the user typed).
 */
import Dexie from 'dexie';
import type { ServiceRequestBody } from '$lib/api/schemas';
import { getDb } from '$lib/db/db';
import type { LocalServiceRequest, OutboxEntry, PartnerDB } from '$lib/db/db';

const db = getDb;

export class StorageError extends Error {
	constructor(cause: unknown) {
		super(cause instanceof Error ? cause.message : String(cause));
		this.name = 'StorageError';
	}
}

async function guard<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof Dexie.DexieError || e instanceof DOMException) throw new StorageError(e);
		throw e;
	}
}

/** Creation order across tabs: a counter bumped inside the caller's transaction. */
export async function nextSeq(d: PartnerDB): Promise<number> {
	const row = await d.meta.get('outboxSeq');
	const seq = ((row?.value as number | undefined) ?? 0) + 1;
	await d.meta.put({ key: 'outboxSeq', value: seq });
	return seq;
}

function entry(
	fields: Pick<OutboxEntry, 'kind' | 'method' | 'path' | 'body' | 'group' | 'target'>,
	seq: number
): OutboxEntry {
	return {
		...fields,
		id: crypto.randomUUID(),
		seq,
		state: 'pending',
		attempts: 0,
		nextAttemptAt: 0,
		createdAt: new Date().toISOString()
	};
}

export function createPath(locale: string): string {
	return `/v1/servicerequests/${locale === 'ko' ? 'ko-KR' : 'en-US'}`;
}

/** Files a request locally and queues it; returns the local id the UI can open at once. */
export function fileServiceRequest(body: ServiceRequestBody, locale: string): Promise<string> {
	const d = db();
	return guard(() =>
		d.transaction('rw', [d.serviceRequests, d.outbox, d.meta], async () => {
			const localId = crypto.randomUUID();
			const now = new Date().toISOString();
			const row: LocalServiceRequest = {
				...body,
				localId,
				status: 'open',
				createdDate: now,
				lastModifiedDate: now,
				notes: [],
				history: [],
				pendingNotes: [],
				syncState: 'pending'
			};
			await d.serviceRequests.add(row);
			await d.outbox.add(
				entry(
					{ kind: 'serviceRequest.create', method: 'POST', path: createPath(locale), body, group: localId, target: localId },
					await nextSeq(d)
				)
			);
			return localId;
		})
	);
}

export function addNote(localId: string, text: string): Promise<void> {
	const d = db();
	return guard(() =>
		d.transaction('rw', [d.serviceRequests, d.outbox, d.meta], async () => {
			const row = await d.serviceRequests.get(localId);
			if (!row) throw new Error('Request not found');
			const e = entry(
				{
					kind: 'serviceRequest.note',
					method: 'PATCH',
					// The server id is filled in at send time: the request may not be filed yet.
					path: '/v1/servicerequests/{serverId}',
					body: { newNote: { text } },
					group: localId,
					target: localId
				},
				await nextSeq(d)
			);
			await d.outbox.add(e);
			await d.serviceRequests.update(localId, {
				pendingNotes: [...row.pendingNotes, { requestId: e.id, text, createdDate: e.createdAt }],
				syncState: row.syncState === 'failed' ? 'failed' : 'pending'
			});
		})
	);
}

/**
 * Retry a failed write, optionally with an edited body. It goes with a new request id: the
 * server stored its refusal under the old one and would replay it. A refused write was not
 * applied, so the new id cannot apply anything twice.
 */
export function retryEntry(entryId: string, editedBody?: ServiceRequestBody): Promise<void> {
	const d = db();
	return guard(() =>
		d.transaction('rw', [d.serviceRequests, d.outbox], async () => {
			const old = await d.outbox.get(entryId);
			if (!old || old.state !== 'failed') return;
			const fresh: OutboxEntry = {
				...old,
				id: crypto.randomUUID(),
				body: editedBody ?? old.body,
				state: 'pending',
				attempts: 0,
				nextAttemptAt: 0,
				lastError: undefined
			};
			await d.outbox.delete(old.id);
			await d.outbox.add(fresh);
			const row = await d.serviceRequests.get(old.target);
			if (row) {
				const pendingNotes = row.pendingNotes.map((n) => (n.requestId === old.id ? { ...n, requestId: fresh.id } : n));
				await d.serviceRequests.update(old.target, {
					...(editedBody ?? {}),
					pendingNotes,
					syncState: 'pending'
				});
			}
		})
	);
}

/** Drop a write that never reached the server; with a create, its notes go too. */
export function discardEntry(entryId: string): Promise<void> {
	const d = db();
	return guard(() =>
		d.transaction('rw', [d.serviceRequests, d.outbox], async () => {
			const old = await d.outbox.get(entryId);
			if (!old) return;
			const row = await d.serviceRequests.get(old.target);
			if (old.kind === 'serviceRequest.create') {
				await d.outbox.where('group').equals(old.group).delete();
				if (row && !row.serverId) await d.serviceRequests.delete(old.target);
				return;
			}
			await d.outbox.delete(old.id);
			if (row) {
				const rest = await d.outbox.where('target').equals(old.target).count();
				await d.serviceRequests.update(old.target, {
					pendingNotes: row.pendingNotes.filter((n) => n.requestId !== old.id),
					syncState: rest > 0 ? row.syncState : 'done'
				});
			}
		})
	);
}
