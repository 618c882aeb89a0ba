/**
 * Renewal reminders as the partner sees them (issue 9): which reminder shows in the app once
 * dismissals are taken into account, which ones a device should notify (once each), and the
 * subscription's state on the user's own calendar date. Pure: the dismissed and notified keys
 * and "today" are passed in (the app keeps them in Dexie's `meta` table, src/lib/db/reminders.ts).
 */
import type { IsoDate } from './dates.ts';
import {
	canRenewOn,
	dueReminder,
	renewalWindow,
	subscriptionStatus,
	type DueReminder,
	type RenewalNotice,
	type SubscriptionStatus,
	type SubscriptionTerm
} from './subscription.ts';

/** The fields of the API's Subscription these rules read. */
export interface ReminderSubscription {
	id: string;
	startDate: IsoDate;
	endDate: IsoDate;
	autoRenew: boolean;
	/** The server's last word; `cancelled` only ever comes from it. */
	status: SubscriptionStatus;
}

function termOf(sub: ReminderSubscription): SubscriptionTerm {
	return { startDate: sub.startDate, endDate: sub.endDate, autoRenew: sub.autoRenew, cancelled: sub.status === 'cancelled' };
}

/**
 * A reminder's key as stored on this device: the subscription id plus the domain's
 * `reminderKey` (end date and offset), so a renewal starts a fresh schedule and two
 * subscriptions never share a dismissal.
 */
export function storedReminderKey(subscriptionId: string, reminder: Pick<DueReminder, 'key'>): string {
	return `${subscriptionId}/${reminder.key}`;
}

/**
 * The status on the user's date. The server's `expired` also counts (its clock may be ahead of
 * a phone whose date is wrong); `cancelled` is the server's alone. Otherwise the end date
 * decides, so a phone offline for a month still shows the subscription expired.
 */
export function effectiveStatus(sub: ReminderSubscription, today: IsoDate): SubscriptionStatus {
	if (sub.status === 'cancelled') return 'cancelled';
	if (sub.status === 'expired') return 'expired';
	return subscriptionStatus(termOf(sub), today);
}

/**
 * What to tell the partner about renewing today: a due reminder that was not dismissed, or
 * "expired" with the last day renewing can revive it (null once the window has closed).
 */
export function renewalNoticeFor(sub: ReminderSubscription, today: IsoDate, dismissed: readonly string[] = []): RenewalNotice | null {
	const status = effectiveStatus(sub, today);
	if (status === 'cancelled') return null;
	if (status === 'expired') {
		// The same rule as the Renew button: the window is counted from the end date.
		const check = canRenewOn(termOf(sub), today);
		return { kind: 'expired', endDate: sub.endDate, renewableUntil: check.ok ? renewalWindow(sub.endDate).until : null };
	}
	const reminder = dueReminder(termOf(sub), today);
	if (!reminder || dismissed.includes(storedReminderKey(sub.id, reminder))) return null;
	return { kind: 'reminder', reminder };
}

export interface ReminderToNotify {
	subscriptionId: string;
	/** `storedReminderKey`: remembered once notified, and the notification's tag. */
	storedKey: string;
	reminder: DueReminder;
}

/**
 * The reminders a device should show as notifications now: each subscription's due reminder
 * (auto-renew off, not expired, not cancelled), unless it was already notified or the partner
 * dismissed it in the app (then it has been seen). At most one per subscription: a device
 * that was off for weeks notifies the latest due reminder, not every one it missed.
 */
export function remindersToNotify(
	subscriptions: readonly ReminderSubscription[],
	today: IsoDate,
	seen: { notified: readonly string[]; dismissed: readonly string[] }
): ReminderToNotify[] {
	const out: ReminderToNotify[] = [];
	for (const sub of subscriptions) {
		if (effectiveStatus(sub, today) !== 'active') continue;
		const reminder = dueReminder(termOf(sub), today);
		if (!reminder) continue;
		const storedKey = storedReminderKey(sub.id, reminder);
		if (seen.notified.includes(storedKey) || seen.dismissed.includes(storedKey)) continue;
		out.push({ subscriptionId: sub.id, storedKey, reminder });
	}
	return out;
}

/**
 * Keys worth keeping: those of the subscriptions' current end dates. A renewal moves the end
 * date, so older keys can never match again and are dropped instead of piling up.
 */
export function pruneReminderKeys(keys: readonly string[], subscriptions: readonly Pick<ReminderSubscription, 'id' | 'endDate'>[]): string[] {
	const live = new Set(subscriptions.map((s) => `${s.id}/${s.endDate}/`));
	return [...new Set(keys)].filter((k) => [...live].some((prefix) => k.startsWith(prefix)));
}
