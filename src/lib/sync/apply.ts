/**
 * Applying the server's answers to outbox entries. The engine runs `applyOutcomes` in one Dexie
 * transaction per batch that also removes (or fails) the entries, so a crash can never leave an
 * applied answer with its entry still queued, or the reverse. Answers are parsed before the
 * transaction opens: a malformed answer must not abort the whole batch's transaction.
 *
 * Invariants
 * - One row per server request: if another context inserted the server's copy of a request
 *   under its server id (a twin), the twin is merged into the row that filed it, with its
 *   waiting notes and their outbox entries; never two rows with one server id.
 * - Rows are written only for the signed-in user's answers: an answer that lands after a
 *   switch of user updates the outbox and nothing that user's successor could see.
 * - Every applied batch bumps `applyEpoch`, which tells a pull that started earlier that its
 *   snapshot may be older than the rows (pull.ts).
 */
import * as v from 'valibot';
import { BenefitActivation, OrderResult, ServiceRequest, Subscription } from '$lib/api/schemas';
import type { EntryError, LocalServiceRequest, OutboxEntry, PartnerDB } from '$lib/db/db';
import { fromServer } from './pull';

export type ParsedAnswer =
	| { kind: 'serviceRequest'; value: ServiceRequest }
	| { kind: 'subscription'; value: Subscription }
	| { kind: 'order'; value: OrderResult }
	| { kind: 'benefitActivation'; value: BenefitActivation };

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
		case 'benefit.activate':
			return { kind: 'benefitActivation', value: v.parse(BenefitActivation, result) };
	}
}

export const APPLY_TABLES = (db: PartnerDB) => [db.session, db.outbox, db.serviceRequests, db.subscriptions, db.orders, db.invoices, db.meta, db.benefitActivations];

export type Outcome =
	| { entry: OutboxEntry; kind: 'ok'; answer: ParsedAnswer }
	| { entry: OutboxEntry; kind: 'retry'; error: EntryError; retryAfterMs: number; unreadable: number }
	| { entry: OutboxEntry; kind: 'failed'; error: EntryError };

type Ok = Extract<Outcome, { kind: 'ok' }>;

/** A batch's outcomes applied, and its attempt mark (attempts.ts) dropped, in one transaction. */
export async function applyBatch(db: PartnerDB, outcomes: Outcome[], wallNow: number, mark?: string): Promise<void> {
	if (!outcomes.length && !mark) return;
	await db.transaction('rw', APPLY_TABLES(db), async () => {
		await applyOutcomes(db, outcomes, wallNow);
		if (mark) await db.meta.delete(mark);
	});
}

export const APPLY_EPOCH = 'applyEpoch';

/**
 * Records a batch's outcomes. Must run inside a transaction over APPLY_TABLES. Reads and
 * writes in bulk (a handful of IndexedDB requests per batch, not per entry): at a thousand
 * queued writes, per-entry round trips to IndexedDB cost more than the network.
 */
export async function applyOutcomes(db: PartnerDB, outcomes: Outcome[], wallNow: number): Promise<void> {
	// Keys only, in one request: reading a thousand entries back costs more than their network.
	const stored = new Set(await db.outbox.toCollection().primaryKeys());
	// Discarded by the user while the request was in flight: the server has it anyway, and
	// the next pull shows it; nothing local to update.
	const live = outcomes.filter((o) => stored.has(o.entry.id));
	const done = new Set(live.filter((o) => o.kind === 'ok').map((o) => o.entry.id));
	const session = await db.session.get('current');
	const mine = live.filter((o): o is Ok => o.kind === 'ok' && o.entry.userId === session?.user.id);

	const srs = mine.filter((o) => o.answer.kind === 'serviceRequest');
	if (srs.length) await applyServiceRequests(db, srs, done);
	for (const o of mine) {
		if (o.answer.kind === 'subscription') await db.subscriptions.put(o.answer.value);
		else if (o.answer.kind === 'order') {
			const r = o.answer.value;
			await db.subscriptions.put(r.subscription);
			await db.orders.put(r.order);
			await db.invoices.put(r.invoice);
			await db.meta.put({ key: `orderResult:${o.entry.target}`, value: r.order.id });
		} else if (o.answer.kind === 'benefitActivation') {
			// The server's copy replaces the local one (its id is the server's).
			await db.benefitActivations.delete(o.entry.target);
			await db.benefitActivations.put(o.answer.value);
		}
	}
	if (mine.length) {
		const epoch = ((await db.meta.get(APPLY_EPOCH))?.value as number | undefined) ?? 0;
		await db.meta.put({ key: APPLY_EPOCH, value: epoch + 1 });
	}
	// A flush that delivers everything queued (the usual end of a spell offline) empties the
	// outbox with one request instead of one per entry: a third of a 1,000-write batch's time.
	if (done.size === stored.size) await db.outbox.clear();
	else await db.outbox.bulkDelete([...done]);

	const updates = live.flatMap((o) => {
		if (o.kind === 'ok') return [];
		const base = { attempts: o.entry.attempts, firstAttemptAt: o.entry.firstAttemptAt, lastAttemptAt: wallNow, lastError: o.error };
		const changes =
			o.kind === 'retry'
				? { ...base, state: 'pending' as const, retryAfterMs: o.retryAfterMs, unreadable: o.unreadable }
				: { ...base, state: 'failed' as const };
		return [{ key: o.entry.id, changes }];
	});
	if (updates.length) await db.outbox.bulkUpdate(updates);
	for (const o of live) {
		if (o.kind === 'failed' && o.entry.kind.startsWith('serviceRequest.')) await db.serviceRequests.update(o.entry.target, { syncState: 'failed' });
		if (o.kind === 'failed' && o.entry.kind === 'benefit.activate') await db.benefitActivations.update(o.entry.target, { syncState: 'failed' });
	}
}

/**
 * The rows of a batch's requests. After a spell offline the batch is often most of the table,
 * and one getAll of the table costs a fraction of a get per row.
 */
async function readRows(db: PartnerDB, ids: string[]): Promise<(LocalServiceRequest | undefined)[]> {
	if (ids.length < 50 || ids.length * 2 < (await db.serviceRequests.count())) return db.serviceRequests.bulkGet(ids);
	const all = new Map((await db.serviceRequests.toArray()).map((r) => [r.localId, r]));
	return ids.map((id) => all.get(id));
}

async function applyServiceRequests(db: PartnerDB, srs: Ok[], done: Set<string>): Promise<void> {
	const targets = await readRows(db, srs.map((o) => o.entry.target));
	const serverIds = srs.map((o) => (o.answer.value as ServiceRequest).id);
	const byServerId = new Map((await db.serviceRequests.where('serverId').anyOf(serverIds).toArray()).map((r) => [r.serverId!, r]));
	const out = new Map<string, LocalServiceRequest>();
	const twins = new Map<string, string>();

	srs.forEach((o, i) => {
		const sr = o.answer.value as ServiceRequest;
		const existing = byServerId.get(sr.id);
		// A create's answer belongs to the row that filed it; a note's to the row that holds the
		// request now (the row it named may have been merged since).
		const keepId = o.entry.kind === 'serviceRequest.create' || !existing ? o.entry.target : existing.localId;
		const keep = out.get(keepId) ?? (keepId === o.entry.target ? targets[i] : existing);
		let pendingNotes = keep?.pendingNotes ?? [];
		if (existing && existing.localId !== keepId) {
			twins.set(existing.localId, keepId);
			out.delete(existing.localId);
			pendingNotes = [...pendingNotes, ...existing.pendingNotes.filter((n) => !pendingNotes.some((p) => p.requestId === n.requestId))];
		}
		pendingNotes = pendingNotes.filter((n) => !done.has(n.requestId));
		// A replayed write gets its first answer back, a copy from back then; a pull may have
		// brought a newer one since. The newer copy stays: the pull moved its sync token past that
		// change, so nothing would bring it again.
		const newer = keep?.serverId === sr.id && keep.lastModifiedDate > sr.lastModifiedDate;
		const row: LocalServiceRequest = {
			...(newer ? keep : fromServer(sr, keep)),
			localId: keepId,
			pendingNotes,
			syncState: pendingNotes.length > 0 ? 'pending' : 'done'
		};
		out.set(keepId, row);
		byServerId.set(sr.id, row);
	});

	if (twins.size) {
		await db.serviceRequests.bulkDelete([...twins.keys()].filter((id) => !out.has(id)));
		// The twin's waiting notes now wait for the row that survives.
		for (const [from, to] of twins) await db.outbox.where('target').equals(from).modify({ target: to, group: to });
	}
	await db.serviceRequests.bulkPut([...out.values()]);
}
