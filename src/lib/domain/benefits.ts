/**
 * Benefit activation rules (flow G): what state a benefit shows, who may activate or assign it,
 * and what an activation must carry. The sandbox enforces these and the UI explains them with
 * the same functions, so the two cannot disagree about (say) whether a button is offered.
 */
import type { IsoDate } from './dates.ts';
import { can, type Role } from './membership.ts';
import type { Benefit, BenefitKind } from './offers.ts';
import { subscriptionStatus, type SubscriptionTerm } from './subscription.ts';

/** What the server stores; `expired` is never stored, it follows from the subscription's dates. */
export type StoredActivationStatus = 'pending' | 'active';
/** What the API answers. */
export type ActivationStatus = StoredActivationStatus | 'expired';
/** What a benefit row shows: a benefit with no activation is `not_activated`. */
export type BenefitState = 'not_activated' | ActivationStatus;

/**
 * The state a benefit row shows. The subscription wins over the activation: once it has ended
 * (expired or cancelled) every benefit has stopped, activated or not, and a renewal inside the
 * window brings active ones back because nothing about expiry is stored.
 *
 * `activation` may be the server's answer (whose status can already say `expired`) or a local
 * optimistic copy (`pending` while its outbox entry waits).
 */
export function benefitState(
	activation: { status: ActivationStatus } | null | undefined,
	subscription: SubscriptionTerm,
	today: IsoDate
): BenefitState {
	if (subscriptionStatus(subscription, today) !== 'active') return 'expired';
	if (!activation) return 'not_activated';
	// A stored `expired` with an active subscription means the answer predates a renewal.
	return activation.status === 'expired' ? 'active' : activation.status;
}

/** What activating a benefit of this kind hands over or needs. */
export type BenefitRequirement = 'product_keys' | 'contact' | 'assignee';

export function benefitRequirement(kind: BenefitKind): BenefitRequirement {
	switch (kind) {
		case 'software':
			return 'product_keys';
		case 'contact':
			return 'contact';
		case 'assign':
			return 'assignee';
	}
}

/**
 * Product keys handed out cannot be taken back, which is why activating a software benefit
 * ends the refund of a cancellation (DESIGN §3).
 */
export function endsRefund(kind: BenefitKind): boolean {
	return kind === 'software';
}

/**
 * Whether a software benefit of this subscription counts as activated for the refund rule
 * (`refundEligibility`): from the moment its activation is queued on this device (a local row,
 * pending and offline too), not only once the server answers. An activation the server refused
 * (`syncState` failed) never happened, so it does not count; one whose benefit is unknown to
 * the offer is not software as far as this device can tell.
 */
export function softwareBenefitActivated(
	benefits: readonly Pick<Benefit, 'id' | 'kind'>[],
	activations: readonly { benefitId: string; syncState?: string }[]
): boolean {
	const software = new Set(benefits.filter((b) => endsRefund(b.kind)).map((b) => b.id));
	return activations.some((a) => software.has(a.benefitId) && a.syncState !== 'failed');
}

export type ActivationCheck =
	| { ok: true }
	| { ok: false; reason: 'forbidden_role' | 'subscription_not_active' | 'benefit_already_activated' };

/**
 * Whether this user may activate this benefit now. The subscription comes before the role, as
 * in purchaseEligibility: a fact about the partner explains itself to every user.
 */
export function activationCheck(input: {
	role: Role;
	subscription: SubscriptionTerm;
	/** Any activation of this benefit on this subscription (local or from the server). */
	existing: { status: ActivationStatus } | null | undefined;
	today: IsoDate;
}): ActivationCheck {
	if (subscriptionStatus(input.subscription, input.today) !== 'active') return { ok: false, reason: 'subscription_not_active' };
	// An activation belongs to the subscription, not to a term: expired ones revive on renewal,
	// so even an expired activation blocks a second one.
	if (input.existing) return { ok: false, reason: 'benefit_already_activated' };
	if (!can(input.role, 'activateBenefit')) return { ok: false, reason: 'forbidden_role' };
	return { ok: true };
}

export type AssignCheck =
	| { ok: true }
	| { ok: false; reason: 'forbidden_role' | 'subscription_not_active' | 'benefit_not_activated' };

/** Whether this user may assign this benefit to a person now (Global admin only). */
export function assignCheck(input: {
	role: Role;
	subscription: SubscriptionTerm;
	existing: { status: ActivationStatus } | null | undefined;
	today: IsoDate;
}): AssignCheck {
	if (!can(input.role, 'assignBenefit')) return { ok: false, reason: 'forbidden_role' };
	if (subscriptionStatus(input.subscription, input.today) !== 'active') return { ok: false, reason: 'subscription_not_active' };
	if (!input.existing) return { ok: false, reason: 'benefit_not_activated' };
	return { ok: true };
}

export interface ActivationInput {
	contact?: unknown;
	assignee?: unknown;
}

export type ActivationInputError = 'contact_required' | 'assignee_forbidden';

/**
 * What an activation body must carry for this benefit and role: an online service needs
 * someone to set it up with (a contact, or the person it is assigned to), and only a role that
 * may assign can name an assignee. Software and the Azure credit activate without anyone; the
 * Azure credit is then shown as waiting for a Global admin to assign it (needsAssignee).
 */
export function activationInputError(kind: BenefitKind, role: Role, input: ActivationInput): ActivationInputError | null {
	if (input.assignee !== undefined && !can(role, 'assignBenefit')) return 'assignee_forbidden';
	if (kind === 'contact' && input.contact === undefined && input.assignee === undefined) return 'contact_required';
	return null;
}

/** An active benefit that is not usable until a person is assigned to it. */
export function needsAssignee(kind: BenefitKind, state: BenefitState, assignee: unknown): boolean {
	return kind === 'assign' && (state === 'pending' || state === 'active') && (assignee === undefined || assignee === null);
}

/** Product keys are shown only while the benefit is active (never pending, never expired). */
export function visibleProductKeys(state: BenefitState, productKeys: readonly string[] | undefined): readonly string[] {
	return state === 'active' ? (productKeys ?? []) : [];
}

/**
 * One row of the "Activate benefits" page: everything it shows and offers, for one user.
 * `activate`/`assign` are null when the action is offered, else the reason it is not.
 */
export interface BenefitRow {
	benefit: Benefit;
	state: BenefitState;
	/** The subscription's end date: benefits stop with it. */
	expiresOn: IsoDate;
	productKeys: readonly string[];
	needsAssignee: boolean;
	activate: null | Exclude<ActivationCheck, { ok: true }>['reason'];
	assign: null | Exclude<AssignCheck, { ok: true }>['reason'];
}

export function benefitRows(input: {
	benefits: readonly Benefit[];
	activations: readonly { benefitId: string; status: ActivationStatus; assignee?: unknown; productKeys?: readonly string[] }[];
	subscription: SubscriptionTerm;
	role: Role;
	today: IsoDate;
}): BenefitRow[] {
	const { subscription, role, today } = input;
	return input.benefits.map((benefit) => {
		const activation = input.activations.find((a) => a.benefitId === benefit.id);
		const state = benefitState(activation, subscription, today);
		const activate = activationCheck({ role, subscription, existing: activation, today });
		const assign = assignCheck({ role, subscription, existing: activation, today });
		return {
			benefit,
			state,
			expiresOn: subscription.endDate,
			productKeys: visibleProductKeys(state, activation?.productKeys),
			needsAssignee: needsAssignee(benefit.kind, state, activation?.assignee),
			activate: activate.ok ? null : activate.reason,
			assign: assign.ok ? null : assign.reason
		};
	});
}
