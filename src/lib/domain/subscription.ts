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
