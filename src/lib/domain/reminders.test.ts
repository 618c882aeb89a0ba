import { describe, expect, it } from 'vitest';
import { effectiveStatus, pruneReminderKeys, remindersToNotify, renewalNoticeFor, storedReminderKey, type ReminderSubscription } from './reminders.ts';

const sub = (over: Partial<ReminderSubscription> = {}): ReminderSubscription => ({
	id: 'sub-1',
	startDate: '2023-02-28',
	endDate: '2024-02-29',
	autoRenew: false,
	status: 'active',
	...over
});
const none = { notified: [], dismissed: [] };

describe('renewalNoticeFor: in-app reminders, one dismissal at a time', () => {
	// End date 29 February 2024 (a leap day): 60 → 31 Dec, 30 → 30 Jan, 7 → 22 Feb, 1 → 28 Feb.
	it('shows each reminder of the schedule from its day, across the leap day', () => {
		const due = (today: string) => {
			const n = renewalNoticeFor(sub(), today);
			return n?.kind === 'reminder' ? n.reminder.daysBefore : null;
		};
		expect(due('2023-12-30')).toBeNull();
		expect(due('2023-12-31')).toBe(60);
		expect(due('2024-01-30')).toBe(30);
		expect(due('2024-02-22')).toBe(7);
		expect(due('2024-02-28')).toBe(1);
		expect(due('2024-02-29')).toBe(1);
	});

	it('a dismissed reminder stays hidden until the next one in the schedule is due', () => {
		const dismissed = [storedReminderKey('sub-1', { key: '2024-02-29/30' })];
		expect(renewalNoticeFor(sub(), '2024-01-30', dismissed)).toBeNull();
		expect(renewalNoticeFor(sub(), '2024-02-21', dismissed)).toBeNull();
		const next = renewalNoticeFor(sub(), '2024-02-22', dismissed);
		expect(next?.kind === 'reminder' && next.reminder.key).toBe('2024-02-29/7');
	});

	it('a dismissal belongs to one subscription and one end date (a renewal starts afresh)', () => {
		const dismissed = ['sub-2/2024-02-29/7', 'sub-1/2023-02-28/7'];
		expect(renewalNoticeFor(sub(), '2024-02-22', dismissed)?.kind).toBe('reminder');
	});

	it('nothing with auto-renew on or when cancelled', () => {
		expect(renewalNoticeFor(sub({ autoRenew: true }), '2024-02-28')).toBeNull();
		expect(renewalNoticeFor(sub({ status: 'cancelled' }), '2024-02-28')).toBeNull();
	});

	it('expired the day after the end date, with renew offered until the window closes (30 days)', () => {
		expect(renewalNoticeFor(sub(), '2024-03-01')).toEqual({ kind: 'expired', endDate: '2024-02-29', renewableUntil: '2024-03-30' });
		expect(renewalNoticeFor(sub(), '2024-03-30')).toEqual({ kind: 'expired', endDate: '2024-02-29', renewableUntil: '2024-03-30' });
		expect(renewalNoticeFor(sub(), '2024-03-31')).toEqual({ kind: 'expired', endDate: '2024-02-29', renewableUntil: null });
		// Auto-renew on, but nothing renewed it: expired all the same. Dismissals do not hide it.
		expect(renewalNoticeFor(sub({ autoRenew: true }), '2024-03-01', ['sub-1/2024-02-29/1'])?.kind).toBe('expired');
	});

	it('month ends: a 31 January end date expires on 1 February; 31 December crosses the year', () => {
		const jan = sub({ startDate: '2024-01-31', endDate: '2025-01-31' });
		expect(renewalNoticeFor(jan, '2025-01-31')?.kind).toBe('reminder');
		expect(renewalNoticeFor(jan, '2025-02-01')).toEqual({ kind: 'expired', endDate: '2025-01-31', renewableUntil: '2025-03-02' });
		const dec = sub({ startDate: '2024-12-31', endDate: '2025-12-31' });
		expect(renewalNoticeFor(dec, '2026-01-01')).toEqual({ kind: 'expired', endDate: '2025-12-31', renewableUntil: '2026-01-30' });
	});
});

describe('effectiveStatus', () => {
	it('follows the end date on this device, and the server when it says expired or cancelled', () => {
		expect(effectiveStatus(sub(), '2024-02-29')).toBe('active');
		expect(effectiveStatus(sub(), '2024-03-01')).toBe('expired');
		expect(effectiveStatus(sub({ status: 'expired' }), '2024-02-20')).toBe('expired');
		expect(effectiveStatus(sub({ status: 'cancelled' }), '2024-02-20')).toBe('cancelled');
	});
});

describe('remindersToNotify: each reminder once per device', () => {
	it('notifies the due reminder with its stored key', () => {
		expect(remindersToNotify([sub()], '2024-02-22', none)).toEqual([
			{
				subscriptionId: 'sub-1',
				storedKey: 'sub-1/2024-02-29/7',
				reminder: { daysBefore: 7, dueOn: '2024-02-22', endDate: '2024-02-29', daysLeft: 7, key: '2024-02-29/7' }
			}
		]);
	});

	it('never the same reminder twice; the next one in the schedule is new', () => {
		const notified = ['sub-1/2024-02-29/7'];
		expect(remindersToNotify([sub()], '2024-02-25', { notified, dismissed: [] })).toEqual([]);
		expect(remindersToNotify([sub()], '2024-02-28', { notified, dismissed: [] }).map((r) => r.storedKey)).toEqual(['sub-1/2024-02-29/1']);
	});

	it('only the latest due one after days without a check, none once dismissed in the app', () => {
		expect(remindersToNotify([sub()], '2024-02-27', none).map((r) => r.reminder.daysBefore)).toEqual([7]);
		expect(remindersToNotify([sub()], '2024-02-27', { notified: [], dismissed: ['sub-1/2024-02-29/7'] })).toEqual([]);
	});

	it('none with auto-renew on, expired, cancelled, or before 60 days', () => {
		expect(remindersToNotify([sub({ autoRenew: true })], '2024-02-22', none)).toEqual([]);
		expect(remindersToNotify([sub()], '2024-03-01', none)).toEqual([]);
		expect(remindersToNotify([sub({ status: 'expired' })], '2024-02-22', none)).toEqual([]);
		expect(remindersToNotify([sub({ status: 'cancelled' })], '2024-02-22', none)).toEqual([]);
		expect(remindersToNotify([sub()], '2023-12-30', none)).toEqual([]);
	});

	it('a 30 November end date: 1 October is day 60, 29 November day 1', () => {
		const nov = sub({ startDate: '2024-11-30', endDate: '2025-11-30' });
		expect(remindersToNotify([nov], '2025-09-30', none)).toEqual([]);
		expect(remindersToNotify([nov], '2025-10-01', none).map((r) => r.storedKey)).toEqual(['sub-1/2025-11-30/60']);
		expect(remindersToNotify([nov], '2025-11-29', none).map((r) => r.storedKey)).toEqual(['sub-1/2025-11-30/1']);
	});
});

describe('pruneReminderKeys', () => {
	it('keeps the keys of current end dates only, once each', () => {
		const keys = ['sub-1/2024-02-29/7', 'sub-1/2023-02-28/7', 'sub-1/2024-02-29/7', 'gone/2024-02-29/1'];
		expect(pruneReminderKeys(keys, [sub()])).toEqual(['sub-1/2024-02-29/7']);
	});
});
