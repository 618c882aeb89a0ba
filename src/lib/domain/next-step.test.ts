import { describe, expect, it } from 'vitest';
import { nextStep, type NextStepInput, type NextStepSubscription } from './next-step';

const pack = (over: Partial<NextStepSubscription> = {}): NextStepSubscription => ({
	id: 'sub-1',
	offerId: 'action-pack',
	startDate: '2026-03-01',
	endDate: '2027-02-28',
	autoRenew: false,
	...over
});

const input = (over: Partial<NextStepInput> = {}): NextStepInput => ({
	role: 'global_admin',
	today: '2026-12-30',
	subscriptions: [pack()],
	drafts: [],
	activated: new Set(['sub-1']),
	...over
});

describe('nextStep', () => {
	it('renews from 60 days before the end date, with the days left', () => {
		expect(nextStep(input({ today: '2026-12-29' }))).toBeNull(); // 61 days before
		expect(nextStep(input({ today: '2026-12-30' }))).toEqual({ kind: 'renew', subscriptionId: 'sub-1', daysLeft: 60, resume: false });
		expect(nextStep(input({ today: '2027-02-28' }))).toMatchObject({ kind: 'renew', daysLeft: 0 });
	});

	it('counts across a leap day and a month end', () => {
		const leap = pack({ startDate: '2023-03-01', endDate: '2024-02-29' });
		expect(nextStep(input({ subscriptions: [leap], today: '2024-01-31' }))).toMatchObject({ kind: 'renew', daysLeft: 29 });
		expect(nextStep(input({ subscriptions: [leap], today: '2023-12-31' }))).toMatchObject({ kind: 'renew', daysLeft: 60 });
	});

	it('keeps offering renewal after expiry while the window is open (30 days), then stops', () => {
		expect(nextStep(input({ today: '2027-03-01' }))).toMatchObject({ kind: 'renew', daysLeft: -1 });
		expect(nextStep(input({ today: '2027-03-30' }))).toMatchObject({ kind: 'renew', daysLeft: -30 });
		expect(nextStep(input({ today: '2027-03-31' }))).toBeNull();
	});

	it('says nothing about renewing while auto-renew is on, or to a role that may not renew', () => {
		expect(nextStep(input({ subscriptions: [pack({ autoRenew: true })] }))).toBeNull();
		expect(nextStep(input({ role: 'account_admin' }))).toBeNull();
		expect(nextStep(input({ subscriptions: [pack({ cancelled: true })] }))).toBeNull();
	});

	it('resumes the renewal draft of the subscription due', () => {
		const drafts = [{ kind: 'checkout', mode: 'renew' as const, subscriptionId: 'sub-1', updatedAt: '2026-12-29T10:00:00Z' }];
		expect(nextStep(input({ drafts }))).toMatchObject({ kind: 'renew', resume: true });
	});

	it('resumes the latest draft otherwise, but not a confirmed checkout', () => {
		const drafts = [
			{ kind: 'checkout', mode: 'purchase' as const, updatedAt: '2026-11-01T10:00:00Z' },
			{ kind: 'serviceRequest', updatedAt: '2026-11-02T10:00:00Z' },
			{ kind: 'checkout', mode: 'purchase' as const, updatedAt: '2026-11-03T10:00:00Z', stage: 'confirmed' }
		];
		expect(nextStep(input({ today: '2026-11-25', drafts }))).toEqual({ kind: 'resume', flow: 'request' });
		expect(nextStep(input({ today: '2026-11-25', drafts: drafts.slice(0, 1) }))).toEqual({ kind: 'resume', flow: 'purchase' });
		expect(nextStep(input({ today: '2026-11-25', drafts: drafts.slice(2) }))).toBeNull();
	});

	it('suggests activating benefits of an active subscription with none activated', () => {
		expect(nextStep(input({ today: '2026-11-25', activated: new Set() }))).toEqual({ kind: 'activate', subscriptionId: 'sub-1' });
		expect(nextStep(input({ today: '2026-11-25', activated: new Set(), role: 'user' }))).toBeNull();
		expect(nextStep(input({ today: '2027-04-01', activated: new Set() }))).toBeNull(); // expired, window closed
	});

	it('ignores other offers', () => {
		expect(nextStep(input({ subscriptions: [pack({ offerId: 'network' })] }))).toBeNull();
	});
});
