/**
 * The simulation's verdict: what must hold after any schedule of actions, faults, crashes and
 * sessions, once the world has healed (faults off, online, each user signed in and flushed).
 *
 * - Exactly once, to its own partner: every write the user kept lands once, under the partner
 *   of the user who made it (request ids are scoped per partner, so a write sent with another
 *   partner's token runs as new there: finding 1).
 * - A refusal is final and visible: a write the server refused is not applied, and stays in the
 *   outbox failed with the server's reason until the user retries or discards it (finding 2:
 *   a final 409 retried for ever). Nothing vanishes silently.
 * - A discard before the first attempt means "never happened"; after an attempt the server may
 *   have it, once at most.
 * - Notes land on the request they were written on.
 * - Nothing is stuck: after heal, every entry is failed with a message, or waits behind a failed
 *   entry of its group (it waits for the user, not for the engine).
 * - Dexie shows what the server has for the signed-in partner: each request once (finding 3),
 *   none missing (finding 9), none of another partner (finding 1), the same status and notes,
 *   the same subscriptions and auto-renew (finding 4), the same orders.
 *
 * `probe` checks what must hold at every instant, not only after heal: nothing of another
 * partner on screen, no request twice, and a request once linked to its server id never
 * vanishes or changes id within one session (finding 10: a stale pull undoing an answer).
 */
import type { OrderBody, ServiceRequestBody } from '$lib/api/schemas';
import type { LocalServiceRequest, OutboxEntry, PartnerDB, SessionRow } from '$lib/db/db';
import type { Subscription, Order } from '$lib/api/schemas';
import type { Ledger } from './sandbox';
import type { Model, Write } from './model';

export function tokenOf(e: OutboxEntry): string {
	switch (e.kind) {
		case 'serviceRequest.create':
			return (e.body as ServiceRequestBody).title;
		case 'serviceRequest.note':
			return (e.body as { newNote: { text: string } }).newNote.text;
		case 'order.place':
			return (e.body as OrderBody).orderId;
		case 'subscription.autoRenewOff':
		case 'benefit.activate':
			return e.target;
	}
}

const KIND_OF: Record<OutboxEntry['kind'], Write['kind']> = {
	'serviceRequest.create': 'create',
	'serviceRequest.note': 'note',
	'order.place': 'order',
	'subscription.autoRenewOff': 'autoRenewOff',
	'benefit.activate': 'benefit'
};

export const writeOfEntry = (model: Model, e: OutboxEntry) => model.find(KIND_OF[e.kind], tokenOf(e));

const isRefusal = (e: OutboxEntry) => {
	const s = e.lastError?.status;
	return e.state === 'failed' && s !== undefined && s >= 400 && s < 500;
};

/** An entry that waits behind a failed entry of its own group: the user's move, not the engine's. */
function blockedBehindFailure(e: OutboxEntry, all: OutboxEntry[]): boolean {
	return all.some((o) => o.group === e.group && o.userId === e.userId && o.seq < e.seq && o.state === 'failed');
}

export interface FinalState {
	ledger: Ledger;
	outbox: OutboxEntry[];
	session: SessionRow | undefined;
	requests: LocalServiceRequest[];
	subscriptions: Subscription[];
	orders: Order[];
}

export async function readLocal(db: PartnerDB): Promise<Omit<FinalState, 'ledger'>> {
	return db.transaction('r', [db.outbox, db.session, db.serviceRequests, db.subscriptions, db.orders], async () => ({
		outbox: await db.outbox.orderBy('seq').toArray(),
		session: await db.session.get('current'),
		requests: await db.serviceRequests.toArray(),
		subscriptions: await db.subscriptions.toArray(),
		orders: await db.orders.toArray()
	}));
}

/** Ledger occurrences of a write: how many times, and how many of them under another partner. */
function occurrences(w: Write, L: Ledger): { count: number; elsewhere: number; wrongRequest: string[] } {
	const wrongRequest: string[] = [];
	let hits: { partnerId: string }[] = [];
	if (w.kind === 'create' || w.kind === 'device') hits = L.serviceRequests.filter((r) => r.title === w.token);
	else if (w.kind === 'order') hits = L.orders.filter((o) => o.id === w.token);
	else if (w.kind === 'note') {
		for (const r of L.serviceRequests) {
			for (const n of r.notes) {
				if (n.text !== w.token) continue;
				hits.push(r);
				if (r.title !== w.requestTitle) wrongRequest.push(`${r.id} "${r.title}"`);
			}
		}
	} else {
		const sub = L.subscriptions.find((s) => s.id === w.token && s.partnerId === w.partnerId);
		hits = sub && !sub.autoRenew ? [sub] : [];
	}
	return { count: hits.length, elsewhere: hits.filter((h) => h.partnerId !== w.partnerId).length, wrongRequest };
}

export function checkFinal(model: Model, s: FinalState): string[] {
	const out: string[] = [];
	const L = s.ledger;
	const say = (w: Write, msg: string) => out.push(`${w.kind} ${w.token} (${w.userId}): ${msg}`);

	for (const w of model.writes) {
		const entry = s.outbox.find((e) => KIND_OF[e.kind] === w.kind && tokenOf(e) === w.token);
		const { count, elsewhere, wrongRequest } = occurrences(w, L);
		if (elsewhere > 0) say(w, `applied ${elsewhere}× under another partner`);
		if (wrongRequest.length) say(w, `note on the wrong request: ${wrongRequest.join(', ')} (written on "${w.requestTitle}")`);
		if (w.kind === 'autoRenewOff') {
			// Idempotent on the server, so only "did it land" can be judged, not "how often".
			if (!entry && !w.discarded && !w.dropped && count === 0) say(w, 'entry gone but auto-renew still on at the server');
			continue;
		}
		const applied = count - elsewhere;
		if (w.kind === 'device') {
			if (w.acked ? applied !== 1 : applied > 1) say(w, `another device's write applied ${applied}×`);
			continue;
		}
		if (w.dropped) {
			if (count > 1) say(w, `dropped at sign-out, yet applied ${count}×`);
		} else if (w.discarded) {
			if (!w.discarded.attempted && count > 0) say(w, `discarded before any attempt, yet applied ${count}×`);
			if (count > 1) say(w, `discarded, yet applied ${count}×`);
		} else if (entry) {
			if (entry.state === 'failed') {
				if (!entry.lastError?.message) say(w, 'failed without a message');
				if (isRefusal(entry) && count > 0) say(w, `refused (${entry.lastError?.status} ${entry.lastError?.code}) yet applied ${count}×`);
				if (count > 1) say(w, `failed, yet applied ${count}×`);
			} else if (!blockedBehindFailure(entry, s.outbox)) {
				say(w, `stuck: still ${entry.state} after heal (attempts ${entry.attempts}, last error ${JSON.stringify(entry.lastError ?? null)})`);
			}
		} else if (w.invalid) {
			if (count > 0) say(w, `refused write applied ${count}×`);
			else say(w, 'refused write left the outbox without the user discarding it');
		} else if (count !== 1) {
			say(w, count === 0 ? 'lost: entry gone, never applied' : `applied ${count}× (duplicated)`);
		}
	}

	// Money: one charge per order at most, and never a charge without its order.
	const charges = new Map<string, number>();
	for (const c of L.charges) charges.set(c.orderId, (charges.get(c.orderId) ?? 0) + 1);
	for (const [orderId, n] of charges) {
		if (n > 1) out.push(`order ${orderId} charged ${n}×`);
		if (!L.orders.some((o) => o.id === orderId)) out.push(`charge for order ${orderId} without an order`);
	}
	for (const p of new Set(L.subscriptions.map((x) => x.partnerId))) {
		const active = L.subscriptions.filter((x) => x.partnerId === p && x.offerId === 'action-pack' && x.status === 'active');
		if (active.length > 1) out.push(`${p} holds ${active.length} active Action Packs`);
	}

	for (const e of s.outbox) {
		if (e.state === 'failed') {
			if (!e.lastError?.message) out.push(`outbox: failed entry ${e.kind} ${tokenOf(e)} has no message`);
		} else if (!blockedBehindFailure(e, s.outbox)) {
			out.push(`outbox: ${e.kind} ${tokenOf(e)} of ${e.userId} still ${e.state} after heal`);
		}
	}

	out.push(...checkLocal(s));
	return out;
}

/** Dexie against the server, for the partner signed in at the end (after a final pull). */
function checkLocal(s: FinalState): string[] {
	const out: string[] = [];
	const partnerId = s.session?.partner.id;
	if (!s.session || !partnerId) return ['local: nobody signed in after heal'];
	const serverRequests = s.ledger.serviceRequests.filter((r) => r.partnerId === partnerId);
	const byId = new Map(s.ledger.serviceRequests.map((r) => [r.id, r]));
	const mine = s.outbox.filter((e) => e.userId === s.session!.user.id);

	const titles = new Map<string, number>();
	for (const row of s.requests) titles.set(row.title, (titles.get(row.title) ?? 0) + 1);
	for (const [title, n] of titles) if (n > 1) out.push(`local: request "${title}" shown ${n}×`);

	for (const row of s.requests) {
		if (!row.serverId) {
			// A local draft must still be on its way (or refused, waiting for the user).
			if (!mine.some((e) => e.kind === 'serviceRequest.create' && e.target === row.localId)) {
				out.push(`local: "${row.title}" has no server id and no create waiting`);
			}
			continue;
		}
		const sr = byId.get(row.serverId);
		if (!sr) out.push(`local: ${row.serverId} "${row.title}" is not on the server`);
		else if (sr.partnerId !== partnerId) out.push(`local: ${row.serverId} "${row.title}" belongs to ${sr.partnerId}, shown to ${partnerId}`);
		else {
			if (sr.title !== row.title) out.push(`local: ${row.serverId} title "${row.title}", server "${sr.title}"`);
			if (sr.status !== row.status) out.push(`local: ${row.serverId} status ${row.status}, server ${sr.status}`);
			if (sr.notes.length !== row.notes.length) out.push(`local: ${row.serverId} has ${row.notes.length} notes, server ${sr.notes.length}`);
		}
	}
	for (const sr of serverRequests) {
		if (s.requests.some((r) => r.serverId === sr.id)) continue;
		// The server's copy of a create that failed unreadable is held back while its entry waits
		// for the user (it may be that very create): shown once, as the local draft.
		const draft = s.requests.some((r) => !r.serverId && r.title === sr.title);
		if (draft) continue;
		const entry = s.outbox.find((e) => e.kind === 'serviceRequest.create' && tokenOf(e) === sr.title);
		const held = entry ? `; its create waits in the outbox, ${entry.state} (${entry.lastError?.code ?? entry.lastError?.message ?? 'no error'}), with no local row` : '';
		out.push(`local: server request ${sr.id} "${sr.title}" not shown${held}`);
	}

	const serverSubs = s.ledger.subscriptions.filter((x) => x.partnerId === partnerId);
	for (const sub of s.subscriptions) {
		const srv = serverSubs.find((x) => x.id === sub.id);
		if (!srv) out.push(`local: subscription ${sub.id} (${sub.partnerId}) is not ${partnerId}'s on the server`);
		else if (srv.autoRenew !== sub.autoRenew) {
			const waiting = mine.some((e) => e.kind === 'subscription.autoRenewOff' && e.target === sub.id && e.state !== 'failed');
			if (!waiting) out.push(`local: subscription ${sub.id} auto-renew ${sub.autoRenew}, server ${srv.autoRenew}`);
		}
	}
	for (const srv of serverSubs) if (!s.subscriptions.some((x) => x.id === srv.id)) out.push(`local: subscription ${srv.id} not shown`);

	const serverOrders = new Set(s.ledger.orders.filter((o) => o.partnerId === partnerId).map((o) => o.id));
	for (const o of s.orders) if (!serverOrders.has(o.id)) out.push(`local: order ${o.id} is not ${partnerId}'s on the server`);
	for (const id of serverOrders) if (!s.orders.some((o) => o.id === id)) out.push(`local: order ${id} not shown`);
	return out;
}

/** What was linked in this session: title → server id. Reset whenever the user changes. */
export type Linked = Map<string, string>;

/** Invariants of any instant (see the top of this file). */
export async function probe(db: PartnerDB, model: Model, linked: Linked): Promise<string[]> {
	const out: string[] = [];
	const { session, requests, subscriptions } = await db.transaction('r', [db.session, db.serviceRequests, db.subscriptions], async () => ({
		session: await db.session.get('current'),
		requests: await db.serviceRequests.toArray(),
		subscriptions: await db.subscriptions.toArray()
	}));
	if (!session) return out;
	const partnerId = session.partner.id;
	for (const sub of subscriptions) if (sub.partnerId !== partnerId) out.push(`${partnerId} is shown ${sub.partnerId}'s subscription ${sub.id}`);
	const seen = new Map<string, LocalServiceRequest>();
	for (const row of requests) {
		const w = model.find('create', row.title) ?? model.find('device', row.title);
		if (w && w.partnerId !== partnerId) out.push(`${partnerId} is shown "${row.title}" of ${w.partnerId}`);
		if (seen.has(row.title)) out.push(`request "${row.title}" shown twice (${seen.get(row.title)!.serverId ?? 'draft'}, ${row.serverId ?? 'draft'})`);
		seen.set(row.title, row);
	}
	for (const [title, serverId] of linked) {
		const row = seen.get(title);
		if (!row) out.push(`request "${title}" (${serverId}) vanished after it was linked`);
		else if (row.serverId !== serverId) out.push(`request "${title}" re-keyed ${serverId} → ${row.serverId ?? 'draft'}`);
	}
	for (const row of requests) if (row.serverId) linked.set(row.title, row.serverId);
	return out;
}
