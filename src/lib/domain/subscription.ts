/**
 * Action Pack subscription rules: term, renewal, window, status, refunds, reminders.
 * Every date is a `YYYY-MM-DD` calendar date, and "today" is always passed in, so the same
 * rules run on the phone (today in the user's zone) and in the sandbox (its own clock).
 */
import { addDays, compareDates, daysBetween, type IsoDate } from './dates.ts';

export type SubscriptionStatus = 'active' | 'expired' | 'cancelled';

/** The fields these rules need; the API's Subscription and the sandbox's record both fit. */
export interface SubscriptionTerm {
	startDate: IsoDate;
	endDate: IsoDate;
	autoRenew: boolean;
	/** Cancelled by support; a cancelled subscription never becomes active again. */
	cancelled?: boolean;
}

/** Days before the end date when renewing becomes possible. */
export const RENEWAL_OPENS_DAYS_BEFORE = 90;
/** Days after the end date when renewing is still possible (the lapsed subscription revives). */
export const RENEWAL_CLOSES_DAYS_AFTER = 30;
/** A cancellation asked within this many days of purchase is refundable. */
export const REFUND_DAYS = 30;
/** With auto-renew off, the reminder shows this many days before the end date. */
export const REMINDER_DAYS = 30;
/**
 * With auto-renew off, the partner is reminded this many days before the end date (issue 9),
 * latest last. Each one is dismissed on its own.
 */
export const REMINDER_SCHEDULE = [60, 30, 7, 1] as const;
export type ReminderDaysBefore = (typeof REMINDER_SCHEDULE)[number];

export interface DateWindow {
	from: IsoDate;
	until: IsoDate;
}

export function renewalWindow(endDate: IsoDate): DateWindow {
	return {
		from: addDays(endDate, -RENEWAL_OPENS_DAYS_BEFORE),
		until: addDays(endDate, RENEWAL_CLOSES_DAYS_AFTER)
	};
}

/** The end date is the last day of service: it expires the day after. */
export function subscriptionStatus(sub: SubscriptionTerm, today: IsoDate): SubscriptionStatus {
	if (sub.cancelled) return 'cancelled';
	return compareDates(today, sub.endDate) > 0 ? 'expired' : 'active';
}

export type RenewCheck =
	| { ok: true }
	| { ok: false; reason: 'before_window'; opensOn: IsoDate }
	| { ok: false; reason: 'after_window' }
	| { ok: false; reason: 'cancelled' };

export function canRenewOn(sub: SubscriptionTerm, today: IsoDate): RenewCheck {
	if (sub.cancelled) return { ok: false, reason: 'cancelled' };
	const window = renewalWindow(sub.endDate);
	if (compareDates(today, window.from) < 0) return { ok: false, reason: 'before_window', opensOn: window.from };
	if (compareDates(today, window.until) > 0) return { ok: false, reason: 'after_window' };
	return { ok: true };
}

/**
 * Last day a cancellation is refundable, or null once a software benefit was activated
 * (product keys handed out cannot be taken back).
 */
export function refundableUntil(startDate: IsoDate, softwareBenefitActivated: boolean): IsoDate | null {
	if (softwareBenefitActivated) return null;
	return addDays(startDate, REFUND_DAYS);
}

export function isRefundable(startDate: IsoDate, softwareBenefitActivated: boolean, today: IsoDate): boolean {
	const until = refundableUntil(startDate, softwareBenefitActivated);
	return until !== null && compareDates(today, until) <= 0;
}

export type RefundEligibility =
	| { refundable: true; until: IsoDate; daysLeft: number }
	| { refundable: false; reason: 'software_benefit_activated' | 'refund_period_over' };

/**
 * Whether a cancellation asked today is refundable, and why not: the details page says which.
 * The purchase day is day 0, so day 30 (`REFUND_DAYS` calendar days later) is the last
 * refundable day and day 31 is not; plain day counting keeps 29 February and month ends
 * exact (2024-02-29 → 2024-03-30; 2025-01-31 → 2025-03-02).
 * A software activation counts from the moment it is queued: pass the local flag too.
 */
export function refundEligibility(
	sub: { startDate: IsoDate; softwareBenefitActivated: boolean },
	today: IsoDate
): RefundEligibility {
	if (sub.softwareBenefitActivated) return { refundable: false, reason: 'software_benefit_activated' };
	const until = addDays(sub.startDate, REFUND_DAYS);
	if (compareDates(today, until) > 0) return { refundable: false, reason: 'refund_period_over' };
	return { refundable: true, until, daysLeft: daysBetween(today, until) };
}

/** Days from today to the end date: 0 on the last day, negative once expired. */
export function daysLeft(endDate: IsoDate, today: IsoDate): number {
	return daysBetween(today, endDate);
}

/** Auto-renew is off and the end is at most REMINDER_DAYS away, and it has not expired yet. */
export function needsRenewalReminder(sub: SubscriptionTerm, today: IsoDate): boolean {
	if (sub.autoRenew || subscriptionStatus(sub, today) !== 'active') return false;
	const left = daysLeft(sub.endDate, today);
	return left >= 0 && left <= REMINDER_DAYS;
}

export interface ScheduledReminder {
	daysBefore: ReminderDaysBefore;
	dueOn: IsoDate;
}

/** The reminder dates for an end date, earliest first. */
export function reminderSchedule(endDate: IsoDate): ScheduledReminder[] {
	return REMINDER_SCHEDULE.map((daysBefore) => ({ daysBefore, dueOn: addDays(endDate, -daysBefore) }));
}

export interface DueReminder extends ScheduledReminder {
	endDate: IsoDate;
	/** Days from today to the end date (0 on the last day). */
	daysLeft: number;
	/**
	 * Identifies this reminder for dismissal and "already notified". It names the end date, so a
	 * renewal (a new end date) starts a fresh schedule instead of inheriting old dismissals.
	 * Prefix it with the subscription id when storing it.
	 */
	key: string;
}

export function reminderKey(endDate: IsoDate, daysBefore: ReminderDaysBefore): string {
	return `${endDate}/${daysBefore}`;
}

/**
 * The reminder due on `today`: the latest scheduled one whose date has come, until the end
 * date (inclusive). It stays due between its date and the next one, so a partner who opens the
 * app on day 45 still sees the 60-day reminder (unless dismissed). None when auto-renew is on,
 * when cancelled, before 60 days and after the end date (then the subscription is expired).
 */
export function dueReminder(sub: SubscriptionTerm, today: IsoDate): DueReminder | null {
	if (sub.autoRenew || subscriptionStatus(sub, today) !== 'active') return null;
	const left = daysLeft(sub.endDate, today);
	let due: ReminderDaysBefore | null = null;
	for (const d of REMINDER_SCHEDULE) if (left <= d) due = d;
	if (due === null) return null;
	return { daysBefore: due, dueOn: addDays(sub.endDate, -due), endDate: sub.endDate, daysLeft: left, key: reminderKey(sub.endDate, due) };
}

export type RenewalNotice =
	| { kind: 'reminder'; reminder: DueReminder }
	/** `renewableUntil` is the last day renewing can still revive it, or null once too late. */
	| { kind: 'expired'; endDate: IsoDate; renewableUntil: IsoDate | null };

/**
 * What the partner should be told about renewing today, if anything: a due reminder while
 * auto-renew is off, or "expired" after the end date (with renew offered while the window is
 * open). A cancelled subscription was ended on purpose: nothing to say.
 */
export function renewalNotice(sub: SubscriptionTerm, today: IsoDate): RenewalNotice | null {
	const status = subscriptionStatus(sub, today);
	if (status === 'cancelled') return null;
	if (status === 'expired') {
		const check = canRenewOn(sub, today);
		return { kind: 'expired', endDate: sub.endDate, renewableUntil: check.ok ? renewalWindow(sub.endDate).until : null };
	}
	const reminder = dueReminder(sub, today);
	return reminder ? { kind: 'reminder', reminder } : null;
}
