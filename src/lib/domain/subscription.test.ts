import { describe, expect, it } from 'vitest';
import {
	canRenewOn,
	daysLeft,
	dueReminder,
	refundEligibility,
	reminderSchedule,
	renewalNotice,
	isRefundable,
	needsRenewalReminder,
	refundableUntil,
	renewalWindow,
	subscriptionStatus,
	type SubscriptionTerm
} from './subscription.ts';
import { renewedEndDate, termEnd } from './term.ts';
import { addDays } from './dates.ts';

const sub = (over: Partial<SubscriptionTerm> = {}): SubscriptionTerm => ({
	startDate: '2025-03-01',
	endDate: '2026-03-01',
	autoRenew: false,
	...over
});

describe('termEnd', () => {
	it('is one year after purchase on the same calendar day', () => {
		expect(termEnd('2025-06-15')).toBe('2026-06-15');
		expect(termEnd('2025-01-31')).toBe('2026-01-31');
		expect(termEnd('2025-12-31')).toBe('2026-12-31');
	});

	it('puts a 29 February purchase on 28 February', () => {
		expect(termEnd('2024-02-29')).toBe('2025-02-28');
	});

	it('keeps 28 February when the next year is a leap year', () => {
		expect(termEnd('2027-02-28')).toBe('2028-02-28');
	});
});

describe('renewedEndDate', () => {
	it('extends one year from the current end date', () => {
		expect(renewedEndDate('2025-06-15', '2026-06-15')).toBe('2027-06-15');
		expect(renewedEndDate('2025-06-15', '2027-06-15')).toBe('2028-06-15');
	});

	it('keeps the 29 February anniversary across common years', () => {
		expect(renewedEndDate('2024-02-29', '2025-02-28')).toBe('2026-02-28');
		expect(renewedEndDate('2024-02-29', '2026-02-28')).toBe('2027-02-28');
		expect(renewedEndDate('2024-02-29', '2027-02-28')).toBe('2028-02-29');
		expect(renewedEndDate('2024-02-29', '2028-02-29')).toBe('2029-02-28');
	});

	it('does not depend on today (an early renewal still extends from the end date)', () => {
		// Same inputs, same answer: there is no today parameter to move it.
		expect(renewedEndDate('2025-12-31', '2026-12-31')).toBe('2027-12-31');
	});

	it('keeps an off-anniversary end date on its own day', () => {
		expect(renewedEndDate('2025-03-01', '2026-03-10')).toBe('2027-03-10');
	});
});

describe('renewalWindow', () => {
	it('opens 90 days before and closes 30 days after the end date', () => {
		expect(renewalWindow('2026-03-01')).toEqual({ from: '2025-12-01', until: '2026-03-31' });
	});

	it('crosses year ends and leap days', () => {
		expect(renewalWindow('2026-01-15')).toEqual({ from: '2025-10-17', until: '2026-02-14' });
		expect(renewalWindow('2024-02-29')).toEqual({ from: '2023-12-01', until: '2024-03-30' });
		expect(renewalWindow('2025-12-31')).toEqual({ from: '2025-10-02', until: '2026-01-30' });
	});
});

describe('subscriptionStatus', () => {
	it('is active through the end date and expired the day after', () => {
		expect(subscriptionStatus(sub(), '2025-03-01')).toBe('active');
		expect(subscriptionStatus(sub(), '2026-03-01')).toBe('active');
		expect(subscriptionStatus(sub(), '2026-03-02')).toBe('expired');
	});

	it('cancelled wins over dates', () => {
		expect(subscriptionStatus(sub({ cancelled: true }), '2025-06-01')).toBe('cancelled');
		expect(subscriptionStatus(sub({ cancelled: true }), '2027-06-01')).toBe('cancelled');
	});

	it('expires across a year boundary', () => {
		const s = sub({ startDate: '2024-12-31', endDate: '2025-12-31' });
		expect(subscriptionStatus(s, '2025-12-31')).toBe('active');
		expect(subscriptionStatus(s, '2026-01-01')).toBe('expired');
	});
});

describe('canRenewOn', () => {
	const s = sub(); // window 2025-12-01 .. 2026-03-31
	it('refuses before the window and says when it opens', () => {
		expect(canRenewOn(s, '2025-11-30')).toEqual({ ok: false, reason: 'before_window', opensOn: '2025-12-01' });
	});
	it('allows on the first and last day of the window', () => {
		expect(canRenewOn(s, '2025-12-01')).toEqual({ ok: true });
		expect(canRenewOn(s, '2026-03-01')).toEqual({ ok: true });
		expect(canRenewOn(s, '2026-03-31')).toEqual({ ok: true });
	});
	it('allows a lapsed subscription inside the 30 days after the end', () => {
		expect(subscriptionStatus(s, '2026-03-15')).toBe('expired');
		expect(canRenewOn(s, '2026-03-15')).toEqual({ ok: true });
	});
	it('refuses after the window', () => {
		expect(canRenewOn(s, '2026-04-01')).toEqual({ ok: false, reason: 'after_window' });
	});
	it('refuses a cancelled subscription', () => {
		expect(canRenewOn(sub({ cancelled: true }), '2026-02-01')).toEqual({ ok: false, reason: 'cancelled' });
	});
});

describe('refunds', () => {
	it('is refundable through 30 days after purchase', () => {
		expect(refundableUntil('2026-01-15', false)).toBe('2026-02-14');
		expect(isRefundable('2026-01-15', false, '2026-01-15')).toBe(true);
		expect(isRefundable('2026-01-15', false, '2026-02-14')).toBe(true);
		expect(isRefundable('2026-01-15', false, '2026-02-15')).toBe(false);
	});
	it('crosses leap days and year ends', () => {
		expect(refundableUntil('2024-02-29', false)).toBe('2024-03-30');
		expect(refundableUntil('2025-12-15', false)).toBe('2026-01-14');
	});
	it('is never refundable once a software benefit was activated', () => {
		expect(refundableUntil('2026-01-15', true)).toBeNull();
		expect(isRefundable('2026-01-15', true, '2026-01-16')).toBe(false);
	});
});

describe('daysLeft', () => {
	it('counts to the end date, 0 on the last day, negative after', () => {
		expect(daysLeft('2026-03-01', '2026-02-09')).toBe(20);
		expect(daysLeft('2026-03-01', '2026-03-01')).toBe(0);
		expect(daysLeft('2026-03-01', '2026-03-03')).toBe(-2);
		expect(daysLeft('2025-03-01', '2025-02-27')).toBe(2);
		expect(daysLeft('2024-03-01', '2024-02-27')).toBe(3);
	});
});

describe('needsRenewalReminder', () => {
	it('reminds within 30 days of the end when auto-renew is off', () => {
		expect(needsRenewalReminder(sub(), '2026-01-29')).toBe(false); // 31 days left
		expect(needsRenewalReminder(sub(), '2026-01-30')).toBe(true); // 30 days left
		expect(needsRenewalReminder(sub(), '2026-03-01')).toBe(true);
	});
	it('does not remind once expired, when auto-renew is on, or when cancelled', () => {
		expect(needsRenewalReminder(sub(), '2026-03-02')).toBe(false);
		expect(needsRenewalReminder(sub({ autoRenew: true }), '2026-02-20')).toBe(false);
		expect(needsRenewalReminder(sub({ cancelled: true }), '2026-02-20')).toBe(false);
	});
});

describe('refundEligibility: within 30 days of purchase, before any software activation', () => {
	const p = (startDate: string, softwareBenefitActivated = false) => ({ startDate, softwareBenefitActivated });

	it('day 0 (the purchase day) through day 30 are refundable; day 31 is not', () => {
		expect(refundEligibility(p('2026-01-15'), '2026-01-15')).toEqual({ refundable: true, until: '2026-02-14', daysLeft: 30 });
		expect(refundEligibility(p('2026-01-15'), '2026-02-14')).toEqual({ refundable: true, until: '2026-02-14', daysLeft: 0 });
		expect(refundEligibility(p('2026-01-15'), '2026-02-15')).toEqual({ refundable: false, reason: 'refund_period_over' });
	});

	it('a 29 February purchase: day 30 is 30 March', () => {
		expect(refundEligibility(p('2024-02-29'), '2024-03-30')).toMatchObject({ refundable: true, until: '2024-03-30' });
		expect(refundEligibility(p('2024-02-29'), '2024-03-31')).toEqual({ refundable: false, reason: 'refund_period_over' });
	});

	it('month ends count days, not months (31 January → 2 March, or 1 March in a leap year)', () => {
		expect(refundEligibility(p('2025-01-31'), '2025-03-02')).toMatchObject({ refundable: true, until: '2025-03-02' });
		expect(refundEligibility(p('2025-01-31'), '2025-03-03').refundable).toBe(false);
		expect(refundEligibility(p('2024-01-31'), '2024-03-01')).toMatchObject({ refundable: true, until: '2024-03-01' });
		expect(refundEligibility(p('2024-01-31'), '2024-03-02').refundable).toBe(false);
		expect(refundEligibility(p('2025-02-28'), '2025-03-30')).toMatchObject({ refundable: true, until: '2025-03-30' });
		expect(refundEligibility(p('2025-04-30'), '2025-05-30')).toMatchObject({ refundable: true, until: '2025-05-30' });
		expect(refundEligibility(p('2025-04-30'), '2025-05-31').refundable).toBe(false);
	});

	it('across a year end', () => {
		expect(refundEligibility(p('2025-12-31'), '2026-01-30')).toMatchObject({ refundable: true, until: '2026-01-30' });
		expect(refundEligibility(p('2025-12-31'), '2026-01-31').refundable).toBe(false);
	});

	it('a software activation ends it at once, even on the purchase day', () => {
		expect(refundEligibility(p('2026-01-15', true), '2026-01-15')).toEqual({ refundable: false, reason: 'software_benefit_activated' });
	});

	it('agrees with isRefundable and refundableUntil on every day around the edge', () => {
		for (const start of ['2024-02-29', '2025-01-31', '2025-12-31', '2026-01-15']) {
			for (let i = -1; i <= 33; i++) {
				const today = addDays(start, i);
				for (const sw of [false, true]) {
					const e = refundEligibility(p(start, sw), today);
					expect(e.refundable).toBe(isRefundable(start, sw, today));
					if (e.refundable) expect(e.until).toBe(refundableUntil(start, sw));
				}
			}
		}
	});
});

describe('reminder schedule (auto-renew off): 60, 30, 7 and 1 days before the end date', () => {
	// End date 2026-03-01 (2026 is not a leap year).
	it('lists the four dates, earliest first', () => {
		expect(reminderSchedule('2026-03-01')).toEqual([
			{ daysBefore: 60, dueOn: '2025-12-31' },
			{ daysBefore: 30, dueOn: '2026-01-30' },
			{ daysBefore: 7, dueOn: '2026-02-22' },
			{ daysBefore: 1, dueOn: '2026-02-28' }
		]);
	});

	it('crosses 29 February in a leap year', () => {
		expect(reminderSchedule('2028-03-01').map((r) => r.dueOn)).toEqual(['2028-01-01', '2028-01-31', '2028-02-23', '2028-02-29']);
	});

	it('none before 60 days', () => {
		expect(dueReminder(sub(), '2025-12-30')).toBeNull();
	});

	it('each reminder is due from its day until the next one', () => {
		const due = (today: string) => dueReminder(sub(), today)?.daysBefore ?? null;
		expect(due('2025-12-31')).toBe(60);
		expect(due('2026-01-29')).toBe(60);
		expect(due('2026-01-30')).toBe(30);
		expect(due('2026-02-21')).toBe(30);
		expect(due('2026-02-22')).toBe(7);
		expect(due('2026-02-27')).toBe(7);
		expect(due('2026-02-28')).toBe(1);
		// The last day of service still reminds.
		expect(due('2026-03-01')).toBe(1);
	});

	it('none after the end date: the subscription is expired then', () => {
		expect(dueReminder(sub(), '2026-03-02')).toBeNull();
		expect(subscriptionStatus(sub(), '2026-03-02')).toBe('expired');
	});

	it('none with auto-renew on, or cancelled', () => {
		expect(dueReminder(sub({ autoRenew: true }), '2026-02-28')).toBeNull();
		expect(dueReminder(sub({ cancelled: true }), '2026-02-28')).toBeNull();
	});

	it('says how many days are left, and keys each reminder by end date and offset', () => {
		expect(dueReminder(sub(), '2026-02-25')).toEqual({ daysBefore: 7, dueOn: '2026-02-22', endDate: '2026-03-01', daysLeft: 4, key: '2026-03-01/7' });
		// After a renewal the same offset is a new reminder, not an already dismissed one.
		expect(dueReminder(sub({ endDate: '2027-03-01' }), '2027-02-25')?.key).toBe('2027-03-01/7');
	});

	it('month-end and year-end end dates', () => {
		const s = sub({ startDate: '2025-12-31', endDate: '2026-12-31' });
		expect(reminderSchedule('2026-12-31').map((r) => r.dueOn)).toEqual(['2026-11-01', '2026-12-01', '2026-12-24', '2026-12-30']);
		expect(dueReminder(s, '2026-11-01')?.daysBefore).toBe(60);
		expect(dueReminder(s, '2026-10-31')).toBeNull();
		expect(dueReminder(s, '2027-01-01')).toBeNull();
	});
});

describe('renewalNotice', () => {
	it('a due reminder while running with auto-renew off', () => {
		expect(renewalNotice(sub(), '2026-02-22')).toMatchObject({ kind: 'reminder', reminder: { daysBefore: 7 } });
		expect(renewalNotice(sub(), '2025-12-01')).toBeNull();
	});

	it('expired after the end date, with renew offered until the window closes', () => {
		expect(renewalNotice(sub(), '2026-03-02')).toEqual({ kind: 'expired', endDate: '2026-03-01', renewableUntil: '2026-03-31' });
		expect(renewalNotice(sub(), '2026-03-31')).toEqual({ kind: 'expired', endDate: '2026-03-01', renewableUntil: '2026-03-31' });
		expect(renewalNotice(sub(), '2026-04-01')).toEqual({ kind: 'expired', endDate: '2026-03-01', renewableUntil: null });
	});

	it('expired also when auto-renew was on (nothing renewed it), nothing when cancelled', () => {
		expect(renewalNotice(sub({ autoRenew: true }), '2026-03-02')).toMatchObject({ kind: 'expired' });
		expect(renewalNotice(sub({ autoRenew: true }), '2026-02-28')).toBeNull();
		expect(renewalNotice(sub({ cancelled: true }), '2026-03-02')).toBeNull();
	});
});
