/**
 * Activating a benefit (flow G): a write like any other. The local row (pending) and its outbox
 * entry are written in one transaction, so it works offline and reaches the API exactly once
 * (the entry's id is its MS-RequestId). A benefit that already has a row is never queued again.
 */
import type { Assignee, BenefitActivationBody, BenefitAssignBody } from '$lib/api/schemas';
import { localToday } from '$lib/app/today';
import { getDb, localActivationId, localAssignmentId, type LocalBenefitActivation } from '$lib/db/db';
import { enqueue, groupHead, writeTransaction } from '$lib/db/outbox';
import { subscriptionGroup } from './subscription';

/** The benefit is already activated (or its activation is queued): the UI should not offer it. */
export class BenefitAlreadyActivatedError extends Error {
	constructor(readonly existing: LocalBenefitActivation) {
		super('This benefit is already activated');
		this.name = 'BenefitAlreadyActivatedError';
	}
}

export class SubscriptionMissingError extends Error {
	constructor(readonly subscriptionId: string) {
		super('This subscription is not on this device');
		this.name = 'SubscriptionMissingError';
	}
}

export const activationPath = (subscriptionId: string, benefitId: string) =>
	`/v1/subscriptions/${encodeURIComponent(subscriptionId)}/benefits/${encodeURIComponent(benefitId)}/activation`;

/** Queues the activation; resolves with the local row's id (also the entry's target). */
export async function activateBenefit(subscriptionId: string, benefitId: string, body: BenefitActivationBody = {}): Promise<string> {
	const d = getDb();
	const id = localActivationId(subscriptionId, benefitId);
	// Always an object: `{}` or `{contact}` / `{assignee}`, never undefined.
	const sent: BenefitActivationBody = {};
	if (body.contact) sent.contact = body.contact;
	if (body.assignee) sent.assignee = body.assignee;
	await writeTransaction(d, [d.benefitActivations, d.subscriptions], async () => {
		const sub = await d.subscriptions.get(subscriptionId);
		if (!sub) throw new SubscriptionMissingError(subscriptionId);
		const rows = await d.benefitActivations.where('subscriptionId').equals(subscriptionId).toArray();
		const existing = rows.find((r) => r.benefitId === benefitId);
		// A refused local activation may be asked for again: it replaces the refused entry.
		if (existing && existing.syncState !== 'failed') throw new BenefitAlreadyActivatedError(existing);
		await enqueue(d, {
			kind: 'benefit.activate',
			method: 'POST',
			path: activationPath(subscriptionId, benefitId),
			body: sent,
			group: subscriptionGroup(subscriptionId),
			target: id,
			replacesFailed: existing?.syncState === 'failed'
		});
		const now = new Date().toISOString();
		const row: LocalBenefitActivation = {
			id,
			subscriptionId,
			benefitId,
			status: 'pending',
			activatedDate: localToday(),
			expiresOn: sub.endDate,
			...(sent.contact ? { contact: sent.contact } : {}),
			...(sent.assignee ? { assignee: sent.assignee } : {}),
			lastModifiedDate: now,
			syncState: 'pending'
		};
		if (existing) await d.benefitActivations.delete(existing.id);
		await d.benefitActivations.put(row);
	});
	return id;
}

/** A refused activation leaves the outbox and its local row; the benefit can be activated again. */
export async function discardBenefitActivation(entryId: string): Promise<void> {
	const d = getDb();
	await d.transaction('rw', [d.outbox, d.benefitActivations], async () => {
		const entry = await d.outbox.get(entryId);
		if (!entry) return;
		await d.outbox.delete(entryId);
		const row = await d.benefitActivations.get(entry.target);
		if (row?.syncState) await d.benefitActivations.delete(row.id);
	});
}

/** Assigning needs an activation first (queued here or on the server): the UI offers it only then. */
export class BenefitNotActivatedError extends Error {
	constructor(
		readonly subscriptionId: string,
		readonly benefitId: string
	) {
		super('Activate this benefit before assigning it');
		this.name = 'BenefitNotActivatedError';
	}
}

/**
 * Queues assigning an activated benefit to a person (a Global admin's write; the API refuses
 * anyone else, and the page does not offer it to them). The outbox entry is the local effect:
 * the benefits page shows the waiting assignee from it at once, offline too, so a pull that
 * rewrites the activation row meanwhile cannot hide it. The entry travels in the
 * subscription's group, after a queued activation of the same benefit, and a new assignment of
 * a benefit whose earlier one was refused replaces that one.
 *
 * The engine knows what an answer holds by the entry's kind; the PATCH answers with the
 * activation, like an activation does, so it travels as `benefit.activate` with its own method,
 * path and target (`localAssignmentId`, which no row has: the engine's "replace the local row"
 * and "mark the row refused" steps have nothing to touch, and the answer's row is put as is).
 */
export async function assignBenefit(subscriptionId: string, benefitId: string, assignee: Assignee): Promise<string> {
	const d = getDb();
	const target = localAssignmentId(subscriptionId, benefitId);
	const body: BenefitAssignBody = { assignee: { name: assignee.name, email: assignee.email } };
	await writeTransaction(d, [d.benefitActivations, d.subscriptions], async () => {
		const sub = await d.subscriptions.get(subscriptionId);
		if (!sub) throw new SubscriptionMissingError(subscriptionId);
		const rows = await d.benefitActivations.where('subscriptionId').equals(subscriptionId).toArray();
		const activation = rows.find((r) => r.benefitId === benefitId && r.syncState !== 'failed');
		if (!activation) throw new BenefitNotActivatedError(subscriptionId, benefitId);
		const group = subscriptionGroup(subscriptionId);
		const refused = (await d.outbox.where('target').equals(target).toArray()).find((e) => e.state === 'failed');
		// Only this benefit's own refused assignment is replaced; any other refused write of the
		// subscription still blocks (enqueue says so), to be retried or discarded first.
		const head = await groupHead(d, group);
		await enqueue(d, {
			kind: 'benefit.activate',
			method: 'PATCH',
			path: activationPath(subscriptionId, benefitId),
			body,
			group,
			target,
			replacesFailed: head?.state === 'failed' && head.target === target
		});
		// A refused assignment that was not the group's head (so not replaced above) is
		// superseded by this one: it leaves with it.
		if (refused) await d.outbox.delete(refused.id);
	});
	return target;
}

/** A refused assignment leaves the outbox; the benefit shows its assignee as the server has it. */
export async function discardBenefitAssignment(entryId: string): Promise<void> {
	const d = getDb();
	await d.transaction('rw', [d.outbox], async () => {
		const entry = await d.outbox.get(entryId);
		if (entry?.target.startsWith('assign:')) await d.outbox.delete(entryId);
	});
}
