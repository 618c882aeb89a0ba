/**
 * What the app shell and the dashboard read (the first load keeps only these; the other pages'
 * queries live in account-queries.ts, benefit-queries.ts and support-queries.ts, loaded with
 * their routes). Each `…$` export is a Dexie liveQuery (an observable that Svelte treats as a store): it re-runs when the
 * tables it read change, in this tab or any other. `undefined` means "still loading", never "empty".
 * `shellFirst` and `dashboardFirst` are the same reads done once by the routes' loads, and
 * `seeded` starts a live query from such an answer, so those pages paint with their data.
 */
import { liveQuery, type Observable } from 'dexie';
import { getDb } from './db';
import { readReminderFlags } from './reminders';

// Each query's read, named: the live query re-runs it, and a route's load runs it once before
// the first paint (dashboardFirst), so both always read the same thing.
const readSession = async () => (await getDb().session.get('current')) ?? null;
export const readSubscriptions = () => getDb().subscriptions.orderBy('id').toArray();
const readActivated = async () => new Set((await getDb().benefitActivations.orderBy('subscriptionId').uniqueKeys()) as string[]);
const readReminders = async () => {
	const { dismissed, device } = await readReminderFlags(getDb());
	return { dismissed, device };
};

/** The session as stored now, not as a live query last saw it (a sign-in may have just landed). */
export const currentSession = readSession;

export const session$ = () => liveQuery(readSession);

export const subscriptions$ = () => liveQuery(readSubscriptions);

export const subscription$ = (id: string) => liveQuery(async () => (await getDb().subscriptions.get(id)) ?? null);

const readLastSyncedAt = async () => ((await getDb().meta.get('lastSyncedAt'))?.value as string | undefined) ?? null;
export const lastSyncedAt$ = () => liveQuery(readLastSyncedAt);

/** The signed-in user's writes; another user's stay queued for them and are not counted here. */
const readOutboxSummary = async () => {
	const [session, all] = await Promise.all([getDb().session.get('current'), getDb().outbox.toArray()]);
	const mine = all.filter((e) => e.userId === session?.user.id);
	return {
		pending: mine.filter((e) => e.state === 'pending' || e.state === 'sending').length,
		failed: mine.filter((e) => e.state === 'failed').length,
		otherUsers: all.length - mine.length
	};
};
export const outboxSummary$ = () => liveQuery(readOutboxSummary);

/**
 * What the shell shows around every page, read in one transaction by the root layout's load: the
 * session, the writes waiting and the last sync time (the sync bar), painted with the page.
 */
export function shellFirst() {
	const db = getDb();
	return db.transaction('r', [db.session, db.outbox, db.meta], async () => {
		const [session, summary, lastSynced] = await Promise.all([readSession(), readOutboxSummary(), readLastSyncedAt()]);
		return { session, summary, lastSynced };
	});
}

/** Drafts as the dashboard's next step weighs them: where each flow stopped, not its contents. */
const readDraftSummaries = async () =>
	(await getDb().drafts.toArray()).map((d) => {
		if (d.kind === 'serviceRequest') {
			const cancels = /^serviceRequest:cancel:(.+)$/.exec(d.id)?.[1];
			return { kind: d.kind, updatedAt: d.updatedAt, ...(cancels ? { subscriptionId: cancels } : {}) };
		}
		const value = (d.snapshot as { value?: unknown } | null)?.value;
		return { kind: d.kind, mode: d.mode, subscriptionId: d.subscriptionId, updatedAt: d.updatedAt, stage: typeof value === 'string' ? value : undefined };
	});
export const draftSummaries$ = () => liveQuery(readDraftSummaries);

/** Subscriptions with a benefit activation, the ones still waiting on this device included. */
export const activatedSubscriptions$ = () => liveQuery(readActivated);

/** This device's reminder flags: dismissed in-app reminders and whether device reminders are on. */
export const reminderFlags$ = () => liveQuery(readReminders);

/**
 * Everything the dashboard shows, read in one transaction by its route's load: the page paints
 * once, with its data, instead of a frame per query as each answers (issue 11: a dashboard
 * start's long tasks were those renders, and the session's read came before the page's).
 */
export function dashboardFirst() {
	const db = getDb();
	return db.transaction('r', [db.session, db.subscriptions, db.drafts, db.benefitActivations, db.meta], async () => {
		const [session, subscriptions, drafts, activated, reminders] = await Promise.all([
			readSession(),
			readSubscriptions(),
			readDraftSummaries(),
			readActivated(),
			readReminders()
		]);
		return { session, subscriptions, drafts, activated, reminders };
	});
}

/**
 * A live query that starts from an answer already read (a route's load): its subscribers get
 * that answer at once, so the page's first paint has its data. The query's own first answer is
 * passed on only if it differs (something was written in between); later answers always are.
 */
export function seeded<T>(query: Observable<T>, first: T | undefined): { subscribe(run: (value: T) => void): { unsubscribe(): void } } {
	return {
		subscribe(run) {
			// No answer read (the load could not open the database): a plain live query.
			if (first !== undefined) run(first);
			let initial = true;
			const sub = query.subscribe({
				next: (value) => {
					if (initial && first !== undefined && sameAnswer(value, first)) return void (initial = false);
					initial = false;
					run(value);
				}
			});
			return { unsubscribe: () => sub.unsubscribe() };
		}
	};
}

/** Answers are plain data, arrays and sets (activatedSubscriptions$). */
const sameAnswer = (a: unknown, b: unknown) => {
	const json = (v: unknown) => JSON.stringify(v, (_, x: unknown) => (x instanceof Set ? { set: [...x].sort() } : x));
	return json(a) === json(b);
};
