/**
 * What the app shell and the dashboard read (the first load keeps only these; the other pages'
 * queries live in account-queries.ts, benefit-queries.ts and support-queries.ts, loaded with
 * their routes). Each export is a Dexie liveQuery (an observable that Svelte treats as a store): it re-runs when the
 * tables it read change, in this tab or any other. `undefined` means "still loading", never "empty".
 */
import { liveQuery } from 'dexie';
import { getDb } from './db';
import { readReminderFlags } from './reminders';

/** The session as stored now, not as a live query last saw it (a sign-in may have just landed). */
export const currentSession = async () => (await getDb().session.get('current')) ?? null;

export const session$ = () => liveQuery(async () => (await getDb().session.get('current')) ?? null);

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

/** Drafts as the dashboard's next step weighs them: where each flow stopped, not its contents. */
export const draftSummaries$ = () =>
	liveQuery(async () =>
		(await getDb().drafts.toArray()).map((d) => {
			if (d.kind === 'serviceRequest') {
				const cancels = /^serviceRequest:cancel:(.+)$/.exec(d.id)?.[1];
				return { kind: d.kind, updatedAt: d.updatedAt, ...(cancels ? { subscriptionId: cancels } : {}) };
			}
			const value = (d.snapshot as { value?: unknown } | null)?.value;
			return { kind: d.kind, mode: d.mode, subscriptionId: d.subscriptionId, updatedAt: d.updatedAt, stage: typeof value === 'string' ? value : undefined };
		})
	);

/** Subscriptions with a benefit activation, the ones still waiting on this device included. */
export const activatedSubscriptions$ = () =>
	liveQuery(async () => new Set((await getDb().benefitActivations.orderBy('subscriptionId').uniqueKeys()) as string[]));

/** This device's reminder flags: dismissed in-app reminders and whether device reminders are on. */
export const reminderFlags$ = () =>
	liveQuery(async () => {
		const { dismissed, device } = await readReminderFlags(getDb());
		return { dismissed, device };
	});
