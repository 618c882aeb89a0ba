import { describe, expect, it } from 'vitest';
import {
	activationCheck,
	activationInputError,
	assignCheck,
	benefitRequirement,
	benefitRows,
	benefitState,
	endsRefund,
	needsAssignee,
	softwareBenefitActivated,
	visibleProductKeys
} from './benefits.ts';
import { ROLES } from './membership.ts';
import { ACTION_PACK_BENEFITS } from './offers.ts';
import type { SubscriptionTerm } from './subscription.ts';

// Last day of service 2026-03-01; expired from 2026-03-02.
const sub = (over: Partial<SubscriptionTerm> = {}): SubscriptionTerm => ({
	startDate: '2025-03-01',
	endDate: '2026-03-01',
	autoRenew: false,
	...over
});

describe('benefitState', () => {
	it('moves not activated → pending → active while the subscription runs', () => {
		expect(benefitState(undefined, sub(), '2025-06-01')).toBe('not_activated');
		expect(benefitState(null, sub(), '2025-06-01')).toBe('not_activated');
		expect(benefitState({ status: 'pending' }, sub(), '2025-06-01')).toBe('pending');
		expect(benefitState({ status: 'active' }, sub(), '2025-06-01')).toBe('active');
	});

	it('is active through the end date and expired the day after, activated or not', () => {
		expect(benefitState({ status: 'active' }, sub(), '2026-03-01')).toBe('active');
		expect(benefitState({ status: 'active' }, sub(), '2026-03-02')).toBe('expired');
		expect(benefitState({ status: 'pending' }, sub(), '2026-03-02')).toBe('expired');
		expect(benefitState(undefined, sub(), '2026-03-02')).toBe('expired');
	});

	it('is expired once the subscription is cancelled', () => {
		expect(benefitState({ status: 'active' }, sub({ cancelled: true }), '2025-06-01')).toBe('expired');
	});

	it('comes back after a renewal, even from a stale expired answer', () => {
		const renewed = sub({ endDate: '2027-03-01' });
		expect(benefitState({ status: 'expired' }, renewed, '2026-03-10')).toBe('active');
	});

	it('follows the subscription when the server said expired and it really is', () => {
		expect(benefitState({ status: 'expired' }, sub(), '2026-03-02')).toBe('expired');
	});
});

describe('activationCheck', () => {
	const base = { subscription: sub(), existing: undefined, today: '2025-06-01' };
	it('lets Global and MPN partner admins activate, nobody else', () => {
		const allowed = ROLES.filter((role) => activationCheck({ ...base, role }).ok);
		expect(allowed).toEqual(['global_admin', 'mpn_admin']);
		expect(activationCheck({ ...base, role: 'account_admin' })).toEqual({ ok: false, reason: 'forbidden_role' });
	});

	it('refuses a second activation, whatever its state', () => {
		for (const status of ['pending', 'active', 'expired'] as const) {
			expect(activationCheck({ ...base, role: 'global_admin', existing: { status } })).toEqual({ ok: false, reason: 'benefit_already_activated' });
		}
	});

	it('refuses on an expired or cancelled subscription (the day after the end date, not on it)', () => {
		expect(activationCheck({ ...base, role: 'global_admin', today: '2026-03-01' })).toEqual({ ok: true });
		expect(activationCheck({ ...base, role: 'global_admin', today: '2026-03-02' })).toEqual({ ok: false, reason: 'subscription_not_active' });
		expect(activationCheck({ ...base, role: 'global_admin', subscription: sub({ cancelled: true }) })).toEqual({ ok: false, reason: 'subscription_not_active' });
	});
});

describe('assignCheck', () => {
	const base = { subscription: sub(), existing: { status: 'active' as const }, today: '2025-06-01' };
	it('lets only a Global admin assign', () => {
		expect(ROLES.filter((role) => assignCheck({ ...base, role }).ok)).toEqual(['global_admin']);
		expect(assignCheck({ ...base, role: 'mpn_admin' })).toEqual({ ok: false, reason: 'forbidden_role' });
	});
	it('needs an activation and a running subscription', () => {
		expect(assignCheck({ ...base, role: 'global_admin', existing: undefined })).toEqual({ ok: false, reason: 'benefit_not_activated' });
		expect(assignCheck({ ...base, role: 'global_admin', existing: { status: 'pending' } })).toEqual({ ok: true });
		expect(assignCheck({ ...base, role: 'global_admin', today: '2026-03-02' })).toEqual({ ok: false, reason: 'subscription_not_active' });
	});
});

describe('kinds and requirements', () => {
	it('software gives product keys and ends the refund; the others do neither', () => {
		expect(benefitRequirement('software')).toBe('product_keys');
		expect(benefitRequirement('contact')).toBe('contact');
		expect(benefitRequirement('assign')).toBe('assignee');
		expect(endsRefund('software')).toBe(true);
		expect(endsRefund('contact')).toBe(false);
		expect(endsRefund('assign')).toBe(false);
	});

	it('the Action Pack: two software benefits, four online services, the Azure credit to assign', () => {
		const byKind = (k: string) => ACTION_PACK_BENEFITS.filter((b) => b.kind === k).map((b) => b.id);
		expect(byKind('software')).toEqual(['windows-10-enterprise', 'visual-studio-professional']);
		expect(byKind('contact')).toEqual(['vsts', 'office-365-e3', 'enterprise-mobility-suite', 'dynamics-crm-online']);
		expect(byKind('assign')).toEqual(['azure-credits']);
	});

	it('an online service needs a contact or an assignee', () => {
		expect(activationInputError('contact', 'mpn_admin', {})).toBe('contact_required');
		expect(activationInputError('contact', 'mpn_admin', { contact: {} })).toBeNull();
		expect(activationInputError('contact', 'global_admin', { assignee: {} })).toBeNull();
		expect(activationInputError('software', 'mpn_admin', {})).toBeNull();
		expect(activationInputError('assign', 'mpn_admin', {})).toBeNull();
	});

	it('only a role that may assign names an assignee, even when activating', () => {
		expect(activationInputError('assign', 'mpn_admin', { assignee: {} })).toBe('assignee_forbidden');
		expect(activationInputError('contact', 'mpn_admin', { assignee: {} })).toBe('assignee_forbidden');
		expect(activationInputError('assign', 'global_admin', { assignee: {} })).toBeNull();
	});

	it('the Azure credit waits for an assignee while pending or active', () => {
		expect(needsAssignee('assign', 'active', undefined)).toBe(true);
		expect(needsAssignee('assign', 'pending', null)).toBe(true);
		expect(needsAssignee('assign', 'active', { name: 'A', email: 'a@b.example' })).toBe(false);
		expect(needsAssignee('assign', 'expired', undefined)).toBe(false);
		expect(needsAssignee('assign', 'not_activated', undefined)).toBe(false);
		expect(needsAssignee('software', 'active', undefined)).toBe(false);
	});

	it('shows product keys only while active', () => {
		const keys = ['AAAAA-BBBBB-CCCCC-DDDDD-EEEEE'];
		expect(visibleProductKeys('active', keys)).toEqual(keys);
		expect(visibleProductKeys('pending', keys)).toEqual([]);
		expect(visibleProductKeys('expired', keys)).toEqual([]);
		expect(visibleProductKeys('active', undefined)).toEqual([]);
	});
});

describe('benefitRows', () => {
	const activations = [
		{ benefitId: 'windows-10-enterprise', status: 'active' as const, productKeys: ['K1', 'K2'] },
		{ benefitId: 'azure-credits', status: 'pending' as const }
	];

	it('one row per benefit, with state, expiry, keys and the actions this user gets', () => {
		const rows = benefitRows({ benefits: ACTION_PACK_BENEFITS, activations, subscription: sub(), role: 'mpn_admin', today: '2025-06-01' });
		expect(rows.map((r) => [r.benefit.id, r.state, r.activate, r.assign])).toEqual([
			['windows-10-enterprise', 'active', 'benefit_already_activated', 'forbidden_role'],
			['visual-studio-professional', 'not_activated', null, 'forbidden_role'],
			['vsts', 'not_activated', null, 'forbidden_role'],
			['office-365-e3', 'not_activated', null, 'forbidden_role'],
			['enterprise-mobility-suite', 'not_activated', null, 'forbidden_role'],
			['dynamics-crm-online', 'not_activated', null, 'forbidden_role'],
			['azure-credits', 'pending', 'benefit_already_activated', 'forbidden_role']
		]);
		expect(rows.every((r) => r.expiresOn === '2026-03-01')).toBe(true);
		expect(rows[0].productKeys).toEqual(['K1', 'K2']);
		expect(rows[6].needsAssignee).toBe(true);
	});

	it('a Global admin may assign what is activated', () => {
		const rows = benefitRows({ benefits: ACTION_PACK_BENEFITS, activations, subscription: sub(), role: 'global_admin', today: '2025-06-01' });
		expect(rows.filter((r) => r.assign === null).map((r) => r.benefit.id)).toEqual(['windows-10-enterprise', 'azure-credits']);
	});

	it('after the end date everything is expired, nothing offered, no keys shown', () => {
		const rows = benefitRows({ benefits: ACTION_PACK_BENEFITS, activations, subscription: sub(), role: 'global_admin', today: '2026-03-02' });
		expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['expired']));
		expect(new Set(rows.map((r) => r.activate))).toEqual(new Set(['subscription_not_active']));
		expect(rows[0].productKeys).toEqual([]);
	});
});

describe('softwareBenefitActivated', () => {
	const benefits = ACTION_PACK_BENEFITS;
	const windows = benefits.find((b) => b.kind === 'software')!.id;
	const azure = benefits.find((b) => b.kind === 'assign')!.id;
	const o365 = benefits.find((b) => b.kind === 'contact')!.id;

	it('is false with no activation, or only online services and the Azure credit', () => {
		expect(softwareBenefitActivated(benefits, [])).toBe(false);
		expect(softwareBenefitActivated(benefits, [{ benefitId: azure }, { benefitId: o365, syncState: 'pending' }])).toBe(false);
	});

	it('is true from the moment a software activation is queued, and once the server has it', () => {
		expect(softwareBenefitActivated(benefits, [{ benefitId: windows, syncState: 'pending' }])).toBe(true);
		expect(softwareBenefitActivated(benefits, [{ benefitId: windows }])).toBe(true);
	});

	it('ignores an activation the server refused, and a benefit the offer does not list', () => {
		expect(softwareBenefitActivated(benefits, [{ benefitId: windows, syncState: 'failed' }])).toBe(false);
		expect(softwareBenefitActivated(benefits, [{ benefitId: 'not-a-benefit' }])).toBe(false);
	});
});
