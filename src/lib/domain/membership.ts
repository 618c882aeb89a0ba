/**
 * Membership levels, roles and who may buy. The API enforces these; the UI only explains them,
 * so both call the same functions.
 */
import type { IsoDate } from './dates.ts';
import { subscriptionStatus, type SubscriptionTerm } from './subscription.ts';

export type Role = 'global_admin' | 'mpn_admin' | 'account_admin' | 'user';

export type Action =
	| 'buy'
	| 'renew'
	| 'autoRenewOff'
	| 'activateBenefit'
	| 'fileSupport'
	| 'assignBenefit'
	| 'read';

export const ROLES: readonly Role[] = ['global_admin', 'mpn_admin', 'account_admin', 'user'];

// DESIGN §3: global and MPN admins manage the subscription; they and the account admin handle
// support; only a global admin assigns a benefit to a person; everyone reads.
const PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
	global_admin: new Set<Action>([
		'buy',
		'renew',
		'autoRenewOff',
		'activateBenefit',
		'fileSupport',
		'assignBenefit',
		'read'
	]),
	mpn_admin: new Set<Action>(['buy', 'renew', 'autoRenewOff', 'activateBenefit', 'fileSupport', 'read']),
	account_admin: new Set<Action>(['fileSupport', 'read']),
	user: new Set<Action>(['read'])
};

export function can(role: Role, action: Action): boolean {
	return PERMISSIONS[role]?.has(action) ?? false;
}

export type MembershipLevel = 'none' | 'network' | 'action_pack' | 'competency';

/** Ordered lowest to highest, so a level's index compares levels. */
export const MEMBERSHIP_LEVELS: readonly MembershipLevel[] = ['none', 'network', 'action_pack', 'competency'];

export const ACTION_PACK_OFFER_ID = 'action-pack';

/** What these rules read from a partner; the API's Partner fits. */
export interface PartnerMembership {
	networkMember: boolean;
	competencies: readonly unknown[];
}

export interface OwnedSubscription extends SubscriptionTerm {
	offerId: string;
}

export function hasActiveActionPack(subscriptions: readonly OwnedSubscription[], today: IsoDate): boolean {
	return subscriptions.some(
		(s) => s.offerId === ACTION_PACK_OFFER_ID && subscriptionStatus(s, today) === 'active'
	);
}

/** The partner's highest level: competency, then an active Action Pack, then network. */
export function membershipLevel(
	partner: PartnerMembership,
	subscriptions: readonly OwnedSubscription[],
	today: IsoDate
): MembershipLevel {
	if (partner.competencies.length > 0) return 'competency';
	if (hasActiveActionPack(subscriptions, today)) return 'action_pack';
	if (partner.networkMember) return 'network';
	return 'none';
}

export type PurchaseEligibility =
	| { ok: true }
	| { ok: false; reason: 'not_network_member' | 'already_subscribed' | 'forbidden_role' };

/**
 * Whether this user may buy an Action Pack now. Partner facts come first: they hold for every
 * user of the partner, so the UI can explain them even to someone who may only read.
 */
export function purchaseEligibility(input: {
	partner: PartnerMembership;
	subscriptions: readonly OwnedSubscription[];
	role: Role;
	today: IsoDate;
}): PurchaseEligibility {
	if (!input.partner.networkMember) return { ok: false, reason: 'not_network_member' };
	if (hasActiveActionPack(input.subscriptions, input.today)) return { ok: false, reason: 'already_subscribed' };
	if (!can(input.role, 'buy')) return { ok: false, reason: 'forbidden_role' };
	return { ok: true };
}
