/**
 * Applying the server's answers to outbox entries. The caller runs these inside one Dexie
 * transaction per batch that also removes (or fails) the entries, so a crash can never leave
 * an applied answer with its entry still queued, or the reverse. Answers are parsed before the
 * transaction opens: a malformed answer must not abort the whole batch's transaction.
 */
import * as v from 'valibot';
import { OrderResult, ServiceRequest, Subscription } from '$lib/api/schemas';
import type { OutboxEntry, PartnerDB } from '$lib/db/db';
import { fromServer } from './pull';

export interface EntryError {
	status?: number;
	code?: string;
	message: string;
}

export type ParsedAnswer =
	| { kind: 'serviceRequest'; value: ServiceRequest }
	| { kind: 'subscription'; value: Subscription }
	| { kind: 'order'; value: OrderResult };

/** Throws (a valibot error) when the answer breaks the contract. */
export function parseAnswer(entry: OutboxEntry, result: unknown): ParsedAnswer {
	switch (entry.kind) {
		case 'serviceRequest.create':
		case 'serviceRequest.note':
			return { kind: 'serviceRequest', value: v.parse(ServiceRequest, result) };
		case 'subscription.autoRenewOff':
			return { kind: 'subscription', value: v.parse(Subscription, result) };
		case 'order.place':
			return { kind: 'order', value: v.parse(OrderResult, result) };
	}
}

export const APPLY_TABLES = (db: PartnerDB) => [db.outbox, db.serviceRequests, db.subscriptions, db.orders, db.invoices, db.meta];

export type Outcome =
	| { entry: OutboxEntry; kind: 'ok'; answer: ParsedAnswer }
	| { entry: OutboxEntry; kind: 'retry'; error: EntryError; nextAttemptAt: number }
	| { entry: OutboxEntry; kind: 'failed'; error: EntryError };

/**
 * Records a batch's outcomes. Must run inside a transaction over APPLY_TABLES. Reads and
 * writes in bulk (a handful of IndexedDB requests per batch, not per entry): at a thousand
 * queued writes, per-entry round trips to IndexedDB cost more than the network.
 */
export async function applyOutcomes(db: PartnerDB, outcomes: Outcome[]): Promise<void> {
	const stored = await db.outbox.bulkGet(outcomes.map((o) => o.entry.id));
	// Discarded by the user while the request was in flight: the server has it anyway, and
	// the next pull shows it; nothing local to update.
	const live = outcomes.filter((_, i) => stored[i]);
	const done = new Set(live.filter((o) => o.kind === 'ok').map((o) => o.entry.id));

	const srs = live.filter((o): o is Extract<Outcome, { kind: 'ok' }> => o.kind === 'ok' && o.answer.kind === 'serviceRequest');
	if (srs.length) {
		const targets = srs.map((o) => o.entry.target);
		const locals = await db.serviceRequests.bulkGet(targets);
		const serverIds = srs.map((o) => (o.answer.value as ServiceRequest).id);
		// A pull may have inserted the server's copy under its own id before this answer
		// arrived (another device, or a lost answer): keep one row, the local one.
		const twins = await db.serviceRequests.where('serverId').anyOf(serverIds).toArray();
		const targetSet = new Set(targets);
		const twinIds = twins.filter((t) => !targetSet.has(t.localId)).map((t) => t.localId);
		if (twinIds.length) await db.serviceRequests.bulkDelete(twinIds);
		await db.serviceRequests.bulkPut(
			srs.map((o, i) => {
				const local = locals[i];
				// Every note entry has its item in pendingNotes (written in one transaction, see
				// actions/support.ts), so what is left there is exactly what still waits: no need
				// to query the outbox (an index scan per batch cost more than the rest together).
				const pendingNotes = (local?.pendingNotes ?? []).filter((n) => !done.has(n.requestId));
				return {
					...fromServer(o.answer.value as ServiceRequest, local),
					localId: o.entry.target,
					pendingNotes,
					syncState: pendingNotes.length > 0 ? ('pending' as const) : ('done' as const)
				};
			})
		);
	}
	for (const o of live) {
		if (o.kind !== 'ok' || o.answer.kind === 'serviceRequest') continue;
		if (o.answer.kind === 'subscription') await db.subscriptions.put(o.answer.value);
		else {
			const r = o.answer.value;
			await db.subscriptions.put(r.subscription);
			await db.orders.put(r.order);
			await db.invoices.put(r.invoice);
			await db.meta.put({ key: `orderResult:${o.entry.target}`, value: r.order.id });
		}
	}
	await db.outbox.bulkDelete([...done]);

	const retries = live.filter((o) => o.kind === 'retry');
	if (retries.length) {
		await db.outbox.bulkUpdate(
			retries.map((o) => ({ key: o.entry.id, changes: { state: 'pending' as const, attempts: o.entry.attempts, nextAttemptAt: o.nextAttemptAt, lastError: o.error } }))
		);
	}
	for (const o of live) {
		if (o.kind !== 'failed') continue;
		await db.outbox.update(o.entry.id, { state: 'failed', attempts: o.entry.attempts, lastError: o.error });
		if (o.entry.kind.startsWith('serviceRequest.')) await db.serviceRequests.update(o.entry.target, { syncState: 'failed' });
	}
}
