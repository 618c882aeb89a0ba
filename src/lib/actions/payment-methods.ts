/**
 * Saved payment methods. A card number and security code go to the API once, inside this
 * function's argument, and nowhere else; only the token and display fields the API returns
 * are stored. Both calls need a connection: there is nothing useful to queue.
 */
import { ApiError } from '$lib/api/client';
import type { CardInput, PaymentMethod } from '$lib/api/schemas';
import { api } from '$lib/app/context';
import { getDb } from '$lib/db/db';
import { CheckoutActorError, checkoutErrorCode, toCheckoutError, type CheckoutError } from '$lib/machines/checkout.machine';

export async function addPaymentMethod(card: CardInput): Promise<PaymentMethod> {
	let saved: PaymentMethod;
	try {
		saved = await api().addPaymentMethod(card, { requestId: crypto.randomUUID() });
	} catch (e) {
		if (e instanceof ApiError) {
			if (e.kind === 'network') throw new CheckoutActorError('offline');
			const fields = Object.fromEntries((e.problem?.errors ?? []).map((f) => [f.field, f.message]));
			throw new CheckoutActorError(checkoutErrorCode(e.code), e.message, Object.keys(fields).length ? fields : undefined);
		}
		throw e;
	}
	await getDb().paymentMethods.put(saved);
	return saved;
}

export type AddCardResult = { ok: true; card: PaymentMethod } | { ok: false; error: CheckoutError };

/**
 * Settings > Payment methods: the wizard's own call, its outcome as data for the page (which
 * shows a sentence per code, never the API's own words). Nothing is queued: offline it says so.
 */
export async function addCard(card: CardInput): Promise<AddCardResult> {
	try {
		return { ok: true, card: await addPaymentMethod(card) };
	} catch (e) {
		return { ok: false, error: toCheckoutError(e) };
	}
}

export type RemoveResult = { ok: true } | { ok: false; reason: 'offline' | 'refused'; message?: string };

/** Removing needs the API (the token is the server's); offline it says so and keeps the card. */
export async function removePaymentMethod(id: string): Promise<RemoveResult> {
	try {
		await api().removePaymentMethod(id, { requestId: crypto.randomUUID() });
	} catch (e) {
		if (e instanceof ApiError && e.kind === 'network') return { ok: false, reason: 'offline' };
		return { ok: false, reason: 'refused', message: e instanceof Error ? e.message : String(e) };
	}
	await getDb().paymentMethods.delete(id);
	return { ok: true };
}

