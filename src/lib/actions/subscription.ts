/**
 * Turning auto-renew off (flow C): a write like any other, local effect and outbox entry in
 * one transaction, so it works offline and reaches the API once. There is no "turn on": the
 * API only turns it back on by a renewal.
 */
import { getDb } from '$lib/db/db';
import { enqueue, writeTransaction } from '$lib/db/outbox';

/** Every change to one subscription travels in one group, so the server applies them in order. */
export const subscriptionGroup = (subscriptionId: string) => `subscription:${subscriptionId}`;

export async function turnOffAutoRenew(subscriptionId: string): Promise<void> {
	const d = getDb();
	await writeTransaction(d, [d.subscriptions], async () => {
		const sub = await d.subscriptions.get(subscriptionId);
		if (!sub) return;
		const entries = await d.outbox.where('target').equals(subscriptionId).toArray();
		const queued = entries.some((e) => e.kind === 'subscription.autoRenewOff' && e.state !== 'failed');
		const refused = entries.some((e) => e.kind === 'subscription.autoRenewOff' && e.state === 'failed');
		// Asking again after a refusal replaces the refused entry (same request, new id).
		if (!sub.autoRenew && !refused) return;
		if (!queued) {
			await enqueue(d, {
				kind: 'subscription.autoRenewOff',
				method: 'PATCH',
				path: `/v1/subscriptions/${encodeURIComponent(subscriptionId)}`,
				body: { autoRenew: false },
				group: subscriptionGroup(subscriptionId),
				target: subscriptionId,
				replacesFailed: true
			});
		}
		await d.subscriptions.update(subscriptionId, { autoRenew: false });
	});
}

/** A refused change leaves the outbox; the next pull shows the server's state again. */
export async function discardSubscriptionChange(entryId: string): Promise<void> {
	await getDb().outbox.delete(entryId);
}
