/**
 * Pull: bring the server's current state into Dexie.
 *
 * Invariants
 * - One session from start to end: the token is read once, every GET goes with it, and the
 *   answers are applied only if that same session is still the current one. A sign-in in
 *   another tab meanwhile drops the whole pull.
 * - Per resource: one failed GET voids only its own resource; the rest is applied (one
 *   transaction for all that arrived, so the UI never shows half of one answer).
 * - Never older than what is there: if answers were applied after the GETs left (the apply
 *   epoch moved), nothing is deleted and a row is replaced only by a copy at least as new
 *   (lastModifiedDate). A change still waiting in the outbox stays visible over the server's.
 * - Never twice: a server request that may be the copy of a create still in flight (attempted,
 *   not refused, same content) is not inserted; the create's own answer links it to its row.
 * - Service requests come as changes since the last list's sync token (they are never deleted,
 *   and a partner may have ten thousand). The token is stored in the transaction that applied
 *   its list, and only when every request of that list was applied or is older than the row
 *   here: one skipped as a possible copy of a create in flight comes again in the next list.
 *   A token the server cannot answer from gets the whole list, which replaces what is here.
 */
import { ApiError, type ApiClient } from '$lib/api/client';
import type { BenefitActivation, ServiceRequest, ServiceRequestList } from '$lib/api/schemas';
import type { EntityTable, IDType } from 'dexie';
import { bucketOf, type LocalServiceRequest, type OutboxEntry, type PartnerDB } from '$lib/db/db';
import { APPLY_EPOCH } from './apply';
import { readMarks, withMarks } from './attempts';

/** meta key: `{ partnerId, token }`, the service-request list's sync token for that partner. */
export const REQUESTS_SYNC_TOKEN = 'requestsSyncToken';

export function fromServer(sr: ServiceRequest, local?: LocalServiceRequest): LocalServiceRequest {
	return {
		...sr,
		localId: local?.localId ?? sr.id,
		serverId: sr.id,
		pendingNotes: local?.pendingNotes ?? [],
		syncState: local?.pendingNotes.length ? local.syncState : 'done',
		bucket: bucketOf(sr.status)
	};
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: ApiError };

async function settle<T>(p: Promise<T>): Promise<Settled<T>> {
	try {
		return { ok: true, value: await p };
	} catch (e) {
		return { ok: false, error: e instanceof ApiError ? e : new ApiError('network', 'Network error') };
	}
}

/** Resolves with the GETs that failed (empty when all arrived); applies whatever arrived. */
export async function pull(db: PartnerDB, client: ApiClient, signal?: AbortSignal): Promise<ApiError[]> {
	const [session, epochRow, tokenRow] = await db.transaction('r', db.session, db.meta, () =>
		Promise.all([db.session.get('current'), db.meta.get(APPLY_EPOCH), db.meta.get(REQUESTS_SYNC_TOKEN)])
	);
	if (!session) return [];
	const held = tokenRow?.value as { partnerId: string; token: string } | undefined;
	const since = held?.partnerId === session.partner.id ? held.token : undefined;
	const api = client.as(session.token, signal);
	const [me, offers, subscriptions, topics, requests, paymentMethods, orders, invoices, activations] = await Promise.all([
		settle(api.me()),
		settle(api.offers()),
		settle(api.subscriptions()),
		settle(api.supportTopics()),
		settle(api.serviceRequests(since)),
		settle(api.paymentMethods()),
		settle(api.orders()),
		settle(api.invoices()),
		settle(api.benefitActivations())
	]);
	const all: Settled<unknown>[] = [me, offers, subscriptions, topics, requests, paymentMethods, orders, invoices, activations];
	const errors = all.flatMap((r) => (r.ok ? [] : [r.error]));
	if (errors.length === all.length) return errors;

	await db.transaction(
		'rw',
		[db.session, db.offers, db.subscriptions, db.supportTopics, db.serviceRequests, db.outbox, db.paymentMethods, db.orders, db.invoices, db.meta, db.benefitActivations],
		async () => {
			const current = await db.session.get('current');
			// Signed out, or another session began, while the GETs were out: not ours to apply.
			if (!current || current.token !== session.token) return;
			const stale = ((await db.meta.get(APPLY_EPOCH))?.value ?? 0) !== (epochRow?.value ?? 0);
			// With their attempt marks: an entry of a batch in flight may have landed already.
			const all = withMarks(await db.outbox.toArray(), await readMarks(db));
			const waiting = all.filter((e) => e.state !== 'done' && e.userId === session.user.id);

			const mine = me.ok && me.value.user.id === session.user.id ? { ...current, user: me.value.user, partner: me.value.partner } : current;
			if (!same(mine, current)) await db.session.put(mine);
			if (offers.ok) await replace(db.offers, offers.value.items, false);
			if (topics.ok) await replace(db.supportTopics, topics.value.items, false);
			if (paymentMethods.ok) await replace(db.paymentMethods, paymentMethods.value.items, false);
			if (orders.ok) await replace(db.orders, orders.value.items, stale);
			if (invoices.ok) await replace(db.invoices, invoices.value.items, stale);
			if (subscriptions.ok) {
				const locals = new Map((await db.subscriptions.toArray()).map((s) => [s.id, s]));
				const fresh = subscriptions.value.items.filter((s) => (locals.get(s.id)?.lastModifiedDate ?? '') <= s.lastModifiedDate);
				await replace(db.subscriptions, fresh, stale, new Set(subscriptions.value.items.map((s) => s.id)));
				for (const e of waiting) {
					if (e.kind === 'subscription.autoRenewOff' && e.state !== 'failed') await db.subscriptions.update(e.target, { autoRenew: false });
				}
			}
			if (requests.ok) {
				const complete = await mergeServiceRequests(db, requests.value, waiting, stale);
				const token = requests.value.syncToken;
				if (complete && token) await db.meta.put({ key: REQUESTS_SYNC_TOKEN, value: { partnerId: session.partner.id, token } });
			}
			if (activations.ok) await mergeActivations(db, activations.value.items, waiting, stale);
			if (errors.length === 0) await db.meta.put({ key: 'lastSyncedAt', value: new Date().toISOString() });
		}
	);
	return errors;
}

/**
 * Puts the server's items; deletes local rows the server no longer has, unless the snapshot
 * may be stale (`keepMissing`). `known` lists every id the server sent, kept or not.
 */
async function replace<T extends { id: string }>(
	table: EntityTable<T, 'id'>,
	items: T[],
	keepMissing: boolean,
	known: Set<string> = new Set(items.map((i) => i.id))
) {
	if (!keepMissing) {
		await table.filter((row) => !known.has(row.id)).delete();
	}
	await putChanged(table, items);
}

/**
 * Equal as stored. Both sides went through the same schema, so their keys come in the same
 * order; a different order only costs a write that was not needed, never a missed one.
 */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Writes only the rows that differ from the stored ones. A pull that finds nothing new then
 * wakes no liveQuery, so the page that has just painted does not render itself again.
 */
async function putChanged<T extends { id: string }>(table: EntityTable<T, 'id'>, items: T[]) {
	const stored = await table.bulkGet(items.map((i) => i.id as IDType<T, 'id'>));
	const changed = items.filter((item, i) => !same(stored[i], item));
	if (changed.length > 0) await table.bulkPut(changed);
}

/** The create entries whose request the server may already hold: attempted and not refused. */
function mayHaveLanded(e: OutboxEntry): boolean {
	if (e.kind !== 'serviceRequest.create' || e.attempts === 0) return false;
	const status = e.lastError?.status;
	return !(e.state === 'failed' && status !== undefined && status >= 400 && status < 500);
}

const contentKey = (r: Pick<ServiceRequest, 'title' | 'description' | 'severity' | 'supportTopicId'>) =>
	JSON.stringify([r.title, r.description, r.severity, r.supportTopicId]);

/**
 * The row already holds this version of the request: no write, so a pull of 10,000 unchanged
 * requests writes nothing and wakes no list query. Instants may tie on the server, so the
 * append-only parts (notes, history) are compared too.
 */
function unchanged(local: LocalServiceRequest, sr: ServiceRequest): boolean {
	return (
		local.syncState === 'done' &&
		local.pendingNotes.length === 0 &&
		local.lastModifiedDate === sr.lastModifiedDate &&
		local.status === sr.status &&
		local.bucket === bucketOf(sr.status) &&
		local.notes?.length === sr.notes.length &&
		local.history?.length === sr.history.length
	);
}

/**
 * Applies a list (all requests, or the changes since a token: `delta`). Resolves with whether
 * every request in it is now here or older than the row here (none skipped as in flight).
 */
async function mergeServiceRequests(db: PartnerDB, list: ServiceRequestList, waiting: OutboxEntry[], stale: boolean): Promise<boolean> {
	const { items, delta = false } = list;
	const inFlight = new Set(waiting.filter(mayHaveLanded).map((e) => contentKey(e.body as ServiceRequest)));
	const busyTargets = new Set(waiting.map((e) => e.target));
	// Changes only: read just their rows (by the unique serverId index), not all ten thousand.
	const locals = delta
		? (await db.serviceRequests.where('serverId').anyOf(items.map((sr) => sr.id)).toArray())
		: await db.serviceRequests.toArray();
	const byServerId = new Map(locals.filter((l) => l.serverId).map((l) => [l.serverId!, l]));
	const seen = new Set(items.map((sr) => sr.id));

	let complete = true;
	const puts: LocalServiceRequest[] = [];
	for (const sr of items) {
		const local = byServerId.get(sr.id);
		if (!local && inFlight.has(contentKey(sr))) {
			complete = false;
			continue;
		}
		if (local && local.lastModifiedDate > sr.lastModifiedDate) continue;
		if (local && unchanged(local, sr)) continue;
		puts.push(fromServer(sr, local));
	}
	// Requests are never deleted on the server; a row only the whole list lacks has gone with a
	// reset of the data, so only the whole list removes rows.
	if (!stale && !delta) {
		const gone = locals.filter((l) => l.serverId && !seen.has(l.serverId) && !busyTargets.has(l.localId));
		await db.serviceRequests.bulkDelete(gone.map((l) => l.localId));
	}
	await db.serviceRequests.bulkPut(puts);
	return complete;
}

/**
 * The server's activations replace the local ones, except a local row whose entry still waits
 * (pending, or refused and not yet dismissed): the server does not have it yet. Once the server
 * has an activation for that benefit, the local copy gives way to it.
 */
async function mergeActivations(db: PartnerDB, items: BenefitActivation[], waiting: OutboxEntry[], stale: boolean): Promise<void> {
	const busy = new Set(waiting.filter((e) => e.kind === 'benefit.activate').map((e) => e.target));
	const onServer = new Set(items.map((a) => `${a.subscriptionId}\n${a.benefitId}`));
	const locals = await db.benefitActivations.toArray();
	const known = new Set(items.map((a) => a.id));
	const drop = locals.filter((l) => {
		if (known.has(l.id)) return false;
		const key = `${l.subscriptionId}\n${l.benefitId}`;
		if (l.syncState) return onServer.has(key) || !busy.has(l.id);
		return !stale;
	});
	await db.benefitActivations.bulkDelete(drop.map((l) => l.id));
	const byId = new Map(locals.map((l) => [l.id, l]));
	await putChanged(db.benefitActivations, items.filter((a) => (byId.get(a.id)?.lastModifiedDate ?? '') <= a.lastModifiedDate));
}
