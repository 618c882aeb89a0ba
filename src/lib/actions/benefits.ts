/**
 * Activating a benefit (flow G): a write like any other. The local row (pending) and its outbox
 * entry are written in one transaction, so it works offline and reaches the API exactly once
 * (the entry's id is its MS-RequestId). A benefit that already has a row is never queued again.
 */
import type { BenefitActivationBody } from '$lib/api/schemas';
import { localToday } from '$lib/app/today';
import { getDb, localActivationId, type LocalBenefitActivation } from '$lib/db/db';
import { enqueue, writeTransaction } from '$lib/db/outbox';
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
