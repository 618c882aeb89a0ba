/**
 * Turning auto-renew off (flow C): a write like any other, local effect and outbox entry in
 * one transaction, so it works offline and reaches the API once. There is no "turn on": the
 * API only turns it back on by a renewal.
 */
import { getDb } from '$lib/db/db';
import { nextSeq, StorageError } from './support';

export async function turnOffAutoRenew(subscriptionId: string): Promise<void> {
	const d = getDb();
	try {
		await d.transaction('rw', [d.subscriptions, d.outbox, d.meta], async () => {
			const sub = await d.subscriptions.get(subscriptionId);
			if (!sub || !sub.autoRenew) return;
			const queued = await d.outbox.where('target').equals(subscriptionId).filter((e) => e.state !== 'failed').count();
			if (queued === 0) {
				await d.outbox.add({
					id: crypto.randomUUID(),
					seq: await nextSeq(d),
					kind: 'subscription.autoRenewOff',
					method: 'PATCH',
					path: `/v1/subscriptions/${encodeURIComponent(subscriptionId)}`,
					body: { autoRenew: false },
					group: `subscription:${subscriptionId}`,
					target: subscriptionId,
					state: 'pending',
					attempts: 0,
					nextAttemptAt: 0,
					createdAt: new Date().toISOString()
				});
			}
			await d.subscriptions.update(subscriptionId, { autoRenew: false });
		});
	} catch (e) {
		throw new StorageError(e);
	}
}

/** A refused change leaves the outbox; the next pull shows the server's state again. */
export async function discardSubscriptionChange(entryId: string): Promise<void> {
	await getDb().outbox.delete(entryId);
}
