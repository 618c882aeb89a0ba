/**
 * Pull: bring the server's current state into Dexie, one transaction for the whole snapshot so
 * that the UI never shows half of one answer and half of the previous.
 *
 * Invariant for service requests: a local row that is still waiting in the outbox is never
 * replaced or deleted here. And while a create has been attempted but not acknowledged (its
 * answer may have been lost after the server committed it), server requests that no local row
 * knows yet are not inserted: the replay of that create will return the server's copy and link
 * it to the local row, so the user never sees the same request twice.
 */
import type { ApiClient } from '$lib/api/client';
import type { ServiceRequest } from '$lib/api/schemas';
import type { LocalServiceRequest, PartnerDB } from '$lib/db/db';

export async function pull(db: PartnerDB, client: ApiClient): Promise<void> {
	const [me, offers, subscriptions, topics, requests, paymentMethods, orders, invoices] = await Promise.all([
		client.me(),
		client.offers(),
		client.subscriptions(),
		client.supportTopics(),
		client.serviceRequests(),
		client.paymentMethods(),
		client.orders(),
		client.invoices()
	]);

	await db.transaction(
		'rw',
		[db.session, db.offers, db.subscriptions, db.supportTopics, db.serviceRequests, db.outbox, db.paymentMethods, db.orders, db.invoices, db.meta],
		async () => {
			const session = await db.session.get('current');
			// Signed out (or switched user) while the pull was in flight: drop the answer.
			if (!session || session.user.id !== me.user.id) return;
			await db.session.put({ ...session, user: me.user, partner: me.partner });
			await replaceAll(db.offers, offers.items);
			await replaceAll(db.subscriptions, subscriptions.items);
			// A change still waiting in the outbox stays visible over the server's older state.
			for (const e of await db.outbox.filter((e) => e.kind === 'subscription.autoRenewOff' && e.state !== 'failed').toArray()) {
				await db.subscriptions.update(e.target, { autoRenew: false });
			}
			await replaceAll(db.supportTopics, topics.items);
			await replaceAll(db.paymentMethods, paymentMethods.items);
			await replaceAll(db.orders, orders.items);
			await replaceAll(db.invoices, invoices.items);
			await mergeServiceRequests(db, requests.items);
			await db.meta.put({ key: 'lastSyncedAt', value: new Date().toISOString() });
		}
	);
}

async function replaceAll<T>(table: { clear(): Promise<void>; bulkPut(items: readonly T[]): Promise<unknown> }, items: T[]) {
	await table.clear();
	await table.bulkPut(items);
}

export function fromServer(sr: ServiceRequest, local?: LocalServiceRequest): LocalServiceRequest {
	return {
		...sr,
		localId: local?.localId ?? sr.id,
		serverId: sr.id,
		pendingNotes: local?.pendingNotes ?? [],
		syncState: local?.pendingNotes.length ? local.syncState : 'done'
	};
}

async function mergeServiceRequests(db: PartnerDB, items: ServiceRequest[]): Promise<void> {
	const unfinished = await db.outbox.filter((e) => e.state !== 'done').toArray();
	const createInFlight = unfinished.some((e) => e.kind === 'serviceRequest.create' && e.attempts > 0);
	const busyTargets = new Set(unfinished.map((e) => e.target));

	const locals = await db.serviceRequests.toArray();
	const byServerId = new Map(locals.filter((l) => l.serverId).map((l) => [l.serverId!, l]));
	const seen = new Set<string>();

	for (const sr of items) {
		seen.add(sr.id);
		const local = byServerId.get(sr.id);
		if (!local && createInFlight) continue;
		await db.serviceRequests.put(fromServer(sr, local));
	}
	for (const local of locals) {
		if (local.serverId && !seen.has(local.serverId) && !busyTargets.has(local.localId)) {
			await db.serviceRequests.delete(local.localId);
		}
	}
}
