/**
 * What pages read. Each export is a Dexie liveQuery (an observable that Svelte treats as a
 * store): it re-runs when the tables it read change, in this tab or any other.
 * `undefined` means "still loading", never "empty".
 */
import { liveQuery } from 'dexie';
import { localToday } from '$lib/app/today';
import { benefitRows } from '$lib/domain/benefits';
import { getDb, type DraftRow, type ServiceRequestDraftRow } from './db';

/** The session as stored now, not as a live query last saw it (a sign-in may have just landed). */
export const currentSession = async () => (await getDb().session.get('current')) ?? null;

export const session$ = () => liveQuery(async () => (await getDb().session.get('current')) ?? null);

export const offers$ = () => liveQuery(() => getDb().offers.toArray());

export const subscriptions$ = () => liveQuery(() => getDb().subscriptions.orderBy('id').toArray());

export const subscription$ = (id: string) => liveQuery(async () => (await getDb().subscriptions.get(id)) ?? null);

export const lastSyncedAt$ = () =>
	liveQuery(async () => ((await getDb().meta.get('lastSyncedAt'))?.value as string | undefined) ?? null);

/** The signed-in user's writes; another user's stay queued for them and are not counted here. */
export const outboxSummary$ = () =>
	liveQuery(async () => {
		const [session, all] = await Promise.all([getDb().session.get('current'), getDb().outbox.toArray()]);
		const mine = all.filter((e) => e.userId === session?.user.id);
		return {
			pending: mine.filter((e) => e.state === 'pending' || e.state === 'sending').length,
			failed: mine.filter((e) => e.state === 'failed').length,
			otherUsers: all.length - mine.length
		};
	});

export const supportTopics$ = () => liveQuery(() => getDb().supportTopics.toArray());

/** Requests newest first, each with the outbox entries still waiting for it. */
export const serviceRequests$ = () =>
	liveQuery(async () => {
		const [rows, outbox] = await Promise.all([getDb().serviceRequests.orderBy('createdDate').reverse().toArray(), getDb().outbox.toArray()]);
		const byTarget = new Map<string, typeof outbox>();
		for (const e of outbox) byTarget.set(e.target, [...(byTarget.get(e.target) ?? []), e]);
		return rows.map((r) => ({ ...r, entries: byTarget.get(r.localId) ?? [] }));
	});

export const serviceRequest$ = (localId: string) =>
	liveQuery(async () => {
		const row = (await getDb().serviceRequests.get(localId)) ?? (await getDb().serviceRequests.where('serverId').equals(localId).first());
		if (!row) return null;
		const entries = await getDb().outbox.where('target').equals(row.localId).sortBy('seq');
		return { ...row, entries };
	});

export const paymentMethods$ = () => liveQuery(() => getDb().paymentMethods.toArray());

export const order$ = (id: string) => liveQuery(async () => (id ? ((await getDb().orders.get(id)) ?? null) : null));

export const invoice$ = (orderId: string) => liveQuery(async () => (await getDb().invoices.where('orderId').equals(orderId).first()) ?? null);

export const ordersOf$ = (subscriptionId: string) => liveQuery(() => getDb().orders.where('subscriptionId').equals(subscriptionId).toArray());

/** Orders placed here and not yet accepted by the API: shown as "not charged yet". */
export const pendingOrders$ = () => liveQuery(() => getDb().outbox.filter((e) => e.kind === 'order.place').toArray());

/** The checkout wizards' drafts (the New request form keeps its own: serviceRequestDraft$). */
export const draftsList$ = () =>
	liveQuery(async () => (await getDb().drafts.where('kind').equals('checkout').toArray()) as DraftRow[]);

/** The New request form's saved draft (see actions/support.ts), or null. */
export const serviceRequestDraft$ = (id: string) =>
	liveQuery(async (): Promise<ServiceRequestDraftRow | null> => {
		const row = await getDb().drafts.get(id);
		return row?.kind === 'serviceRequest' ? row : null;
	});

/** Writes still waiting (or refused) for one subscription or request, by target id. */
export const entriesFor$ = (target: string) => liveQuery(() => getDb().outbox.where('target').equals(target).toArray());

/**
 * The "Activate benefits" page: one row per benefit of the subscription's offer (domain
 * `benefitRows`), with the activation behind it and whether its write still waits or was refused.
 * `null` when the subscription (or its offer) is not on this device.
 */
export const benefitRows$ = (subscriptionId: string, today: string = localToday()) =>
	liveQuery(async () => {
		const d = getDb();
		const [sub, session, activations, entries] = await Promise.all([
			d.subscriptions.get(subscriptionId),
			d.session.get('current'),
			d.benefitActivations.where('subscriptionId').equals(subscriptionId).toArray(),
			d.outbox.where('group').equals(`subscription:${subscriptionId}`).toArray()
		]);
		if (!sub || !session) return null;
		const offer = await d.offers.get(sub.offerId);
		if (!offer) return null;
		const rows = benefitRows({ benefits: offer.benefits, activations, subscription: sub, role: session.user.role, today });
		return {
			subscription: sub,
			role: session.user.role,
			user: session.user,
			rows: rows.map((row) => {
				const activation = activations.find((a) => a.benefitId === row.benefit.id) ?? null;
				const entry = activation ? entries.find((e) => e.kind === 'benefit.activate' && e.target === activation.id) : undefined;
				return { ...row, activation, waiting: !!entry && entry.state !== 'failed', refused: entry?.state === 'failed' ? entry : undefined };
			})
		};
	});
