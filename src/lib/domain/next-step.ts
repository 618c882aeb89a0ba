/**
 * The dashboard's one next thing to do (issue 9): renew, resume a draft, activate benefits, or
 * nothing. A partner opens the app rarely and on the move, so it names one step, the most
 * urgent: money and service first (a lapse loses the benefits), then work already started,
 * then what the subscription was bought for.
 */
import type { IsoDate } from './dates.ts';
import { can, type Role } from './membership.ts';
import { canRenewOn, daysLeft, REMINDER_SCHEDULE, subscriptionStatus, type SubscriptionTerm } from './subscription.ts';

export interface NextStepSubscription extends SubscriptionTerm {
	id: string;
	offerId: string;
}

/** A saved draft, as the drafts table keeps it; `stage` is where its flow stopped. */
export interface NextStepDraft {
	kind: string;
	mode?: 'purchase' | 'renew';
	subscriptionId?: string;
	updatedAt: string;
	stage?: string;
}

export interface NextStepInput {
	role: Role;
	today: IsoDate;
	subscriptions: readonly NextStepSubscription[];
	drafts: readonly NextStepDraft[];
	/** Subscriptions with at least one benefit activation, the device's queued ones included. */
	activated: ReadonlySet<string>;
}

export type NextStep =
	| { kind: 'renew'; subscriptionId: string; daysLeft: number; resume: boolean }
	| { kind: 'resume'; flow: 'purchase' | 'renew' | 'request'; subscriptionId?: string }
	| { kind: 'activate'; subscriptionId: string }
	| null;

/** Renewing is suggested from the first reminder on (60 days before), not the day the window opens. */
const RENEW_FROM_DAYS = REMINDER_SCHEDULE[0];

/** A checkout whose order is confirmed is finished business, not a draft to resume. */
const resumable = (d: NextStepDraft) => d.stage !== 'confirmed';

export function nextStep(input: NextStepInput): NextStep {
	const { role, today } = input;
	const packs = input.subscriptions.filter((s) => s.offerId === 'action-pack' && !s.cancelled);
	const drafts = input.drafts.filter(resumable).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

	if (can(role, 'renew')) {
		const due = packs
			.filter((s) => !s.autoRenew || subscriptionStatus(s, today) === 'expired')
			.filter((s) => canRenewOn(s, today).ok && daysLeft(s.endDate, today) <= RENEW_FROM_DAYS)
			.sort((a, b) => a.endDate.localeCompare(b.endDate));
		if (due.length) {
			const s = due[0];
			const resume = drafts.some((d) => d.kind === 'checkout' && d.mode === 'renew' && d.subscriptionId === s.id);
			return { kind: 'renew', subscriptionId: s.id, daysLeft: daysLeft(s.endDate, today), resume };
		}
	}

	const draft = drafts[0];
	if (draft) {
		const flow = draft.kind === 'checkout' ? (draft.mode ?? 'purchase') : 'request';
		return { kind: 'resume', flow, ...(draft.subscriptionId ? { subscriptionId: draft.subscriptionId } : {}) };
	}

	if (can(role, 'activateBenefit')) {
		const fresh = packs.find((s) => subscriptionStatus(s, today) === 'active' && !input.activated.has(s.id));
		if (fresh) return { kind: 'activate', subscriptionId: fresh.id };
	}
	return null;
}
