/**
 * What the benefits and subscription pages read through the benefit rules (domain/benefits).
 * Same rules as queries.ts: liveQuery observables, `undefined` while loading.
 */
import { liveQuery } from 'dexie';
import type { BenefitAssignBody } from '$lib/api/schemas';
import { localToday } from '$lib/app/today';
import { benefitRows, softwareBenefitActivated } from '$lib/domain/benefits';
import { refundEligibility } from '$lib/domain/subscription';
import { getDb, localAssignmentId } from './db';

/**
 * The "Activate benefits" page: one row per benefit of the subscription's offer (domain
 * `benefitRows`), with the activation behind it and whether its write still waits or was refused.
 * `null` when the subscription (or its offer) is not on this device.
 */
export const benefitRows$ = (subscriptionId: string, today: string = localToday()) =>
	liveQuery(async () => {
		const d = getDb();
		const [sub, session, activations, entries] = await Promise.all([
			d.subscriptions.get(subscriptionId),
			d.session.get('current'),
			d.benefitActivations.where('subscriptionId').equals(subscriptionId).toArray(),
			d.outbox.where('group').equals(`subscription:${subscriptionId}`).toArray()
		]);
		if (!sub || !session) return null;
		const offer = await d.offers.get(sub.offerId);
		if (!offer) return null;
		const rows = benefitRows({ benefits: offer.benefits, activations, subscription: sub, role: session.user.role, today });
		return {
			subscription: sub,
			role: session.user.role,
			user: session.user,
			rows: rows.map((row) => {
				const activation = activations.find((a) => a.benefitId === row.benefit.id) ?? null;
				const entry = activation ? entries.find((e) => e.kind === 'benefit.activate' && e.target === activation.id) : undefined;
				// The latest assignment of this benefit still waiting (or refused): it shows at once,
				// whatever a pull wrote into the row meanwhile.
				const assignTarget = localAssignmentId(subscriptionId, row.benefit.id);
				const assigning = entries.filter((e) => e.target === assignTarget).sort((a, b) => b.seq - a.seq)[0];
				const waitingAssignee = assigning && assigning.state !== 'failed' ? (assigning.body as BenefitAssignBody).assignee : undefined;
				return {
					...row,
					activation,
					waiting: !!entry && entry.state !== 'failed',
					refused: entry?.state === 'failed' ? entry : undefined,
					/** Who it is assigned to, as the partner will see it once sent. */
					assignee: waitingAssignee ?? activation?.assignee ?? null,
					assignWaiting: !!waitingAssignee,
					assignRefused: assigning?.state === 'failed' ? assigning : undefined,
					// Someone is being assigned: not "waiting for a Global admin" any more.
					needsAssignee: row.needsAssignee && !waitingAssignee
				};
			})
		};
	});

/**
 * Whether cancelling the subscription today is refundable (domain `refundEligibility`), fed by
 * this device's activations of it: a software benefit's activation counts from the moment it is
 * queued here, offline too, not only once Partner Center answers. `null` when the subscription
 * (or its offer) is not on this device.
 */
export const refundEligibility$ = (subscriptionId: string, today: string = localToday()) =>
	liveQuery(async () => {
		const d = getDb();
		const [sub, activations] = await Promise.all([
			d.subscriptions.get(subscriptionId),
			d.benefitActivations.where('subscriptionId').equals(subscriptionId).toArray()
		]);
		if (!sub) return null;
		const offer = await d.offers.get(sub.offerId);
		if (!offer) return null;
		return refundEligibility({ startDate: sub.startDate, softwareBenefitActivated: softwareBenefitActivated(offer.benefits, activations) }, today);
	});
