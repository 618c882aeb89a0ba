/**
 * User writes on service requests. Each one stores its local effect and its outbox entry in
 * one Dexie transaction (see db/outbox.ts): either both are kept or neither is.
 */
import type { ServiceRequestBody } from '$lib/api/schemas';
import { getDb, type LocalServiceRequest, type ServiceRequestDraftRow } from '$lib/db/db';
import type { SupportFormInput } from '$lib/domain/support-form';
import { enqueue, requeue, writeTransaction } from '$lib/db/outbox';

export { StorageError, OutboxBlockedError } from '$lib/db/outbox';

export function createPath(locale: string): string {
	return `/v1/servicerequests/${locale === 'ko' ? 'ko-KR' : 'en-US'}`;
}

/** Files a request locally and queues it; returns the local id the UI can open at once. */
export function fileServiceRequest(body: ServiceRequestBody, locale: string): Promise<string> {
	const d = getDb();
	return writeTransaction(d, [d.serviceRequests], async () => {
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
			syncState: 'pending',
			bucket: 'open'
		};
		await d.serviceRequests.add(row);
		await enqueue(d, { kind: 'serviceRequest.create', method: 'POST', path: createPath(locale), body, group: localId, target: localId });
		return localId;
	});
}

/**
 * A note is refused (OutboxBlockedError) while the request itself, or an earlier note, was
 * refused: it would only wait behind it. The user retries or discards that one first.
 */
export function addNote(localId: string, text: string): Promise<void> {
	const d = getDb();
	return writeTransaction(d, [d.serviceRequests], async () => {
		const row = await d.serviceRequests.get(localId);
		if (!row) throw new Error('Request not found');
		const e = await enqueue(d, {
			kind: 'serviceRequest.note',
			method: 'PATCH',
			// The server id is filled in at send time: the request may not be filed yet.
			path: '/v1/servicerequests/{serverId}',
			body: { newNote: { text } },
			group: localId,
			target: localId
		});
		await d.serviceRequests.update(localId, {
			pendingNotes: [...row.pendingNotes, { requestId: e.id, text, createdDate: e.createdAt }],
			syncState: 'pending'
		});
	});
}

/** Retry a failed write, optionally with an edited body (see requeue for which id it gets). */
export function retryEntry(entryId: string, editedBody?: ServiceRequestBody): Promise<void> {
	const d = getDb();
	return writeTransaction(d, [d.serviceRequests], async () => {
		const old = await d.outbox.get(entryId);
		// An expired entry is never sent again: the server may hold it under an id it has since
		// forgotten, so a resend could file it twice. Discarding shows whether it arrived.
		if (!old || old.state !== 'failed' || old.lastError?.code === 'expired') return;
		const fresh = await requeue(d, old, editedBody);
		const row = await d.serviceRequests.get(old.target);
		if (row) {
			const pendingNotes = row.pendingNotes.map((n) => (n.requestId === old.id ? { ...n, requestId: fresh.id } : n));
			await d.serviceRequests.update(old.target, {
				...(editedBody && fresh.body === editedBody ? editedBody : {}),
				pendingNotes,
				syncState: 'pending'
			});
		}
	});
}

/** Drop a write that never reached the server; with a create, its notes go too. */
export function discardEntry(entryId: string): Promise<void> {
	const d = getDb();
	return writeTransaction(d, [d.serviceRequests], async () => {
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
			const rest = await d.outbox.where('target').equals(old.target).toArray();
			await d.serviceRequests.update(old.target, {
				pendingNotes: row.pendingNotes.filter((n) => n.requestId !== old.id),
				syncState: rest.some((e) => e.state === 'failed') ? 'failed' : rest.length > 0 ? 'pending' : 'done'
			});
		}
	});
}

// ---- The New request form's draft ---------------------------------------------------------

/** One draft per form: the plain New request, or the cancellation of one subscription. */
export function serviceRequestDraftId(cancelSubscriptionId?: string | null): string {
	return cancelSubscriptionId ? `serviceRequest:cancel:${cancelSubscriptionId}` : 'serviceRequest:new';
}

/** Keeps what was typed (no card data lives in this form; only the fields it shows). */
export async function saveServiceRequestDraft(id: string, form: SupportFormInput): Promise<void> {
	const row: ServiceRequestDraftRow = { id, kind: 'serviceRequest', form: { ...form }, updatedAt: new Date().toISOString() };
	await getDb().drafts.put(row);
}

export async function discardServiceRequestDraft(id: string): Promise<void> {
	await getDb().drafts.delete(id);
}

/**
 * Files the request and drops its draft in the same transaction: a filed request never leaves
 * its draft behind, and a request that could not be stored keeps it.
 */
export function fileServiceRequestFromDraft(body: ServiceRequestBody, locale: string, draftId: string): Promise<string> {
	const d = getDb();
	return writeTransaction(d, [d.serviceRequests, d.drafts], async () => {
		const localId = await fileServiceRequest(body, locale);
		await d.drafts.delete(draftId);
		return localId;
	});
}
