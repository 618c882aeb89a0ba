/**
 * What the offers, subscription, invoice and payment-method pages and the wizards read, loaded
 * with those routes only (the benefit rules' queries are in benefit-queries.ts, so a wizard does
 * not load them). Same rules as queries.ts: liveQuery observables, `undefined` while loading.
 */
import { liveQuery } from 'dexie';
import { getDb, type DraftRow } from './db';
import { readSubscriptions } from './queries';

const readOffers = () => getDb().offers.toArray();
export const offers$ = () => liveQuery(readOffers);

/** The membership page's data, read in one transaction by its load (the page paints with it; see `seeded`). */
export function membershipFirst() {
	const db = getDb();
	return db.transaction('r', [db.subscriptions, db.offers], async () => {
		const [subscriptions, offers] = await Promise.all([readSubscriptions(), readOffers()]);
		return { subscriptions, offers };
	});
}

export const paymentMethods$ = () => liveQuery(() => getDb().paymentMethods.toArray());

export const order$ = (id: string) => liveQuery(async () => (id ? ((await getDb().orders.get(id)) ?? null) : null));

export const invoice$ = (orderId: string) => liveQuery(async () => (await getDb().invoices.where('orderId').equals(orderId).first()) ?? null);

export const ordersOf$ = (subscriptionId: string) => liveQuery(() => getDb().orders.where('subscriptionId').equals(subscriptionId).toArray());

/** Orders placed here and not yet accepted by the API: shown as "not charged yet". */
export const pendingOrders$ = () => liveQuery(() => getDb().outbox.filter((e) => e.kind === 'order.place').toArray());

/** The checkout wizards' drafts (the New request form keeps its own: serviceRequestDraft$). */
export const draftsList$ = () =>
	liveQuery(async () => (await getDb().drafts.where('kind').equals('checkout').toArray()) as DraftRow[]);

/** Writes still waiting (or refused) for one subscription or request, by target id. */
export const entriesFor$ = (target: string) => liveQuery(() => getDb().outbox.where('target').equals(target).toArray());
