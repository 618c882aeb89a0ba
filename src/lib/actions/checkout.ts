/**
 * The checkout wizard's local side effects: placing an order, keeping the draft. (Cards, which
 * need the API, are in payment-methods.ts, loaded only when a card is added or removed.)
 * Orders: placing one is an ordinary outbox write (one transaction with its entry), so an
 * order made offline is charged exactly once when it reaches the API. The order's own id is
 * fixed per draft and the API deduplicates by it too, so even a second entry for the same
 * draft (a resumed tab) cannot charge twice.
 */
import { liveQuery } from 'dexie';
import type { OrderBody } from '$lib/api/schemas';
import { getDb, type DraftRow } from '$lib/db/db';
import { enqueue, OutboxBlockedError, writeTransaction } from '$lib/db/outbox';
import { CheckoutActorError, checkoutErrorCode, type PlaceOrderInput, type PlaceOrderOutput } from '$lib/machines/checkout.machine';
import { subscriptionGroup } from './subscription';

/** How long Purchase waits for the answer before telling the user it is queued. */
const ANSWER_WAIT_MS = 8_000;

/** Queues the order (or finds it queued already); resolves with the entry's id. */
export async function queueOrder(input: PlaceOrderInput): Promise<string> {
	const d = getDb();
	const body: OrderBody = {
		orderId: input.orderId,
		kind: input.mode,
		offerId: input.offerId,
		...(input.subscriptionId ? { subscriptionId: input.subscriptionId } : {}),
		paymentMethodId: input.paymentMethodId,
		termsVersion: input.termsVersion,
		termsAccepted: true
	};
	return writeTransaction(d, [], async () => {
		const existing = await d.outbox.where('target').equals(input.orderId).first();
		if (existing && existing.state !== 'failed') return existing.id;
		if (existing) await d.outbox.delete(existing.id);
		const entry = await enqueue(d, {
			kind: 'order.place',
			method: 'POST',
			path: '/v1/orders',
			body,
			// A renewal travels with the subscription's other changes (auto-renew off), in order.
			group: input.subscriptionId ? subscriptionGroup(input.subscriptionId) : `order:${input.orderId}`,
			target: input.orderId
		});
		return entry.id;
	});
}

export type OrderProgress =
	| { state: 'waiting'; attempted?: boolean }
	| { state: 'confirmed'; orderId: string }
	| { state: 'failed'; code: string; message: string };

/** Where an order stands, as Dexie sees it: a liveQuery the wizard follows. */
export function orderProgress$(orderId: string) {
	return liveQuery(async (): Promise<OrderProgress> => {
		const d = getDb();
		const landed = await d.meta.get(`orderResult:${orderId}`);
		if (landed) return { state: 'confirmed', orderId: landed.value as string };
		const entry = await d.outbox.where('target').equals(orderId).first();
		if (entry?.state === 'failed') {
			return { state: 'failed', code: entry.lastError?.code ?? 'unknown', message: entry.lastError?.message ?? '' };
		}
		// Tried and still waiting: the answer did not come back (offline, server down).
		return { state: 'waiting', attempted: !!entry && entry.attempts > 0 && entry.state === 'pending' && !!entry.lastError };
	});
}

/** A refused order leaves the outbox: the wizard shows why and the user chooses again. */
export async function clearFailedOrder(orderId: string): Promise<void> {
	const d = getDb();
	await d.outbox.where('target').equals(orderId).filter((e) => e.state === 'failed').delete();
}

/**
 * The placeOrder actor: queue, and wait for the outcome. The sync engine follows the outbox, so
 * queueing is all it takes to send it. Online, the answer comes within a second and the wizard
 * confirms; when the first attempt comes back without an answer (offline, server down), or
 * after ANSWER_WAIT_MS, it says the order is queued and not charged yet, and the confirmation
 * follows when the engine lands it.
 */
export async function placeOrder(input: PlaceOrderInput): Promise<PlaceOrderOutput> {
	try {
		await queueOrder(input);
	} catch (e) {
		if (e instanceof OutboxBlockedError) throw new CheckoutActorError('blocked', e.message);
		throw e;
	}
	const progress = await new Promise<OrderProgress>((resolve) => {
		let done = false;
		const finish = (p: OrderProgress) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			queueMicrotask(() => sub.unsubscribe());
			resolve(p);
		};
		const timer = setTimeout(() => finish({ state: 'waiting' }), ANSWER_WAIT_MS);
		const sub = orderProgress$(input.orderId).subscribe((p) => {
			if (p.state !== 'waiting' || p.attempted) finish(p);
		});
	});
	if (progress.state === 'confirmed') return { status: 'confirmed', orderId: progress.orderId };
	if (progress.state === 'failed') {
		await clearFailedOrder(input.orderId);
		throw new CheckoutActorError(checkoutErrorCode(progress.code), progress.message);
	}
	return { status: 'queued' };
}

// ---- Drafts -------------------------------------------------------------------------------

export function draftId(mode: 'purchase' | 'renew', key: string): string {
	return `checkout:${mode}:${key}`;
}

export const draft$ = (id: string) =>
	liveQuery(async (): Promise<DraftRow | null> => {
		const row = await getDb().drafts.get(id);
		return row?.kind === 'checkout' ? row : null;
	});

export async function saveDraft(row: Omit<DraftRow, 'updatedAt' | 'kind'>): Promise<void> {
	await getDb().drafts.put({ ...row, kind: 'checkout', updatedAt: new Date().toISOString() });
}

export async function discardDraft(id: string): Promise<void> {
	await getDb().drafts.delete(id);
}
