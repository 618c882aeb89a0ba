/**
 * A checkout session and the page around it, on the real Dexie (fake-indexeddb): the renewal
 * page hands the session the saved cards again each time its draft query answers, and that
 * query answers every save of the draft. Before the guard, each hand-over was an event, each
 * event a save, and the wizard wrote its draft for ever (found counting a page's transactions).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Offer, PaymentMethod } from '$lib/api/schemas';
import { draft$, draftId } from '$lib/actions/checkout';
import { getDb } from '$lib/db/db';
import { actionPackOffer } from '$lib/domain/offers';
import { leapDaySubscription } from '$lib/testing/fixtures';
import { CheckoutSession } from './checkout-session.svelte';

const db = getDb();
const offer = actionPackOffer('US') as Offer;
const subscription = leapDaySubscription();
const card: PaymentMethod = { id: 'pm-1', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, holderName: 'Alex Admin' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let session: CheckoutSession | undefined;
let stop: (() => void) | undefined;
beforeEach(() => Promise.all(db.tables.map((t) => t.clear())));
afterEach(() => {
	stop?.();
	session?.destroy();
});

it('saves the draft once for the same cards, however often the page passes them again', async () => {
	session = new CheckoutSession({ mode: 'renew', offer, subscription, cards: [card], draft: null, ondone: () => undefined });
	// What the renewal page does: every answer of its draft query passes the cards on again
	// (a fresh copy, as a query's answer is).
	let answers = 0;
	const sub = draft$(draftId('renew', subscription.id)).subscribe((row) => {
		answers++;
		if (row) session!.updateCards([{ ...card }]);
	});
	stop = () => sub.unsubscribe();
	await sleep(300);
	const saved = await db.drafts.get(draftId('renew', subscription.id));
	expect(saved?.kind).toBe('checkout');
	// The first answer (no draft yet) and the answers to the first step's saves; a loop makes hundreds.
	expect(answers).toBeLessThan(5);
	const before = saved!.updatedAt;
	await sleep(50);
	expect((await db.drafts.get(draftId('renew', subscription.id)))!.updatedAt).toBe(before);
});

it('still passes a changed list on, and saves it with the draft', async () => {
	session = new CheckoutSession({ mode: 'renew', offer, subscription, cards: [card], draft: null, ondone: () => undefined });
	await sleep(50);
	const second: PaymentMethod = { ...card, id: 'pm-2', last4: '1881' };
	session.updateCards([card, second]);
	await sleep(50);
	expect(session.snapshot?.context.savedCards.map((c) => c.id)).toEqual(['pm-1', 'pm-2']);
	const saved = await db.drafts.get(draftId('renew', subscription.id));
	expect(JSON.stringify(saved)).toContain('pm-2');
});
