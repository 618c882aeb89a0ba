import { describe, expect, it } from 'vitest';
import {
	ACTION_PACK_OFFER_ID,
	can,
	hasActiveActionPack,
	membershipLevel,
	purchaseEligibility,
	ROLES,
	type Action,
	type OwnedSubscription,
	type Role
} from './membership.ts';

const ACTIONS: Action[] = ['buy', 'renew', 'autoRenewOff', 'activateBenefit', 'fileSupport', 'assignBenefit', 'read'];

describe('can', () => {
	// The whole matrix of DESIGN §3, written out so a change to it is a deliberate change here.
	const expected: Record<Role, Action[]> = {
		global_admin: ['buy', 'renew', 'autoRenewOff', 'activateBenefit', 'fileSupport', 'assignBenefit', 'read'],
		mpn_admin: ['buy', 'renew', 'autoRenewOff', 'activateBenefit', 'fileSupport', 'read'],
		account_admin: ['fileSupport', 'read'],
		user: ['read']
	};
	for (const role of ROLES) {
		for (const action of ACTIONS) {
			const allowed = expected[role].includes(action);
			it(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
				expect(can(role, action)).toBe(allowed);
			});
		}
	}

	it('denies an unknown role', () => {
		expect(can('owner' as Role, 'read')).toBe(false);
	});
});

const activePack: OwnedSubscription = {
	offerId: ACTION_PACK_OFFER_ID,
	startDate: '2025-03-01',
	endDate: '2026-03-01',
	autoRenew: false
};
const network = { networkMember: true, competencies: [] };

describe('membershipLevel', () => {
	it('ranks competency over Action Pack over network over none', () => {
		expect(membershipLevel({ networkMember: false, competencies: [] }, [], '2026-01-01')).toBe('none');
		expect(membershipLevel(network, [], '2026-01-01')).toBe('network');
		expect(membershipLevel(network, [activePack], '2026-01-01')).toBe('action_pack');
		expect(membershipLevel({ networkMember: true, competencies: [{}] }, [activePack], '2026-01-01')).toBe('competency');
	});

	it('drops back to network when the Action Pack expires', () => {
		expect(membershipLevel(network, [activePack], '2026-03-01')).toBe('action_pack');
		expect(membershipLevel(network, [activePack], '2026-03-02')).toBe('network');
	});
});

describe('hasActiveActionPack', () => {
	it('ignores expired, cancelled and other offers', () => {
		expect(hasActiveActionPack([{ ...activePack, cancelled: true }], '2026-01-01')).toBe(false);
		expect(hasActiveActionPack([{ ...activePack, offerId: 'other' }], '2026-01-01')).toBe(false);
		expect(hasActiveActionPack([activePack], '2027-01-01')).toBe(false);
		expect(hasActiveActionPack([activePack], '2026-01-01')).toBe(true);
	});
});

describe('purchaseEligibility', () => {
	const today = '2026-01-01';
	it('lets a network member admin without an active Action Pack buy', () => {
		expect(purchaseEligibility({ partner: network, subscriptions: [], role: 'global_admin', today })).toEqual({ ok: true });
		expect(purchaseEligibility({ partner: network, subscriptions: [], role: 'mpn_admin', today })).toEqual({ ok: true });
	});

	it('refuses a partner that is not a network member', () => {
		expect(
			purchaseEligibility({ partner: { networkMember: false, competencies: [] }, subscriptions: [], role: 'global_admin', today })
		).toEqual({ ok: false, reason: 'not_network_member' });
	});

	it('refuses while an Action Pack is active', () => {
		expect(purchaseEligibility({ partner: network, subscriptions: [activePack], role: 'global_admin', today })).toEqual({
			ok: false,
			reason: 'already_subscribed'
		});
	});

	it('allows again once the previous one expired', () => {
		expect(
			purchaseEligibility({ partner: network, subscriptions: [activePack], role: 'global_admin', today: '2026-03-02' })
		).toEqual({ ok: true });
	});

	it('refuses roles that may not buy', () => {
		for (const role of ['account_admin', 'user'] as const) {
			expect(purchaseEligibility({ partner: network, subscriptions: [], role, today })).toEqual({
				ok: false,
				reason: 'forbidden_role'
			});
		}
	});
});
