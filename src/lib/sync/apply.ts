/**
 * Applying the server's answer to one outbox entry. Each function is one Dexie transaction
 * that both records the answer and removes (or fails) the entry, so a crash can never leave
 * an applied answer with its entry still queued, or the reverse.
 */
import * as v from 'valibot';
import { OrderResult, ServiceRequest, Subscription } from '$lib/api/schemas';
import type { OutboxEntry, PartnerDB } from '$lib/db/db';
import { fromServer } from './pull';

export interface EntryError {
	status?: number;
	code?: string;
	message: string;
}

export async function applySuccess(db: PartnerDB, entry: OutboxEntry, result: unknown): Promise<void> {
	await db.transaction('rw', [db.outbox, db.serviceRequests, db.subscriptions, db.orders, db.invoices, db.meta], async () => {
		// Discarded by the user while the request was in flight: the server has it anyway, and
		// the next pull shows it; nothing local to update.
		if (!(await db.outbox.get(entry.id))) return;
		switch (entry.kind) {
			case 'serviceRequest.create':
			case 'serviceRequest.note': {
				const sr = v.parse(ServiceRequest, result);
				const local = await db.serviceRequests.get(entry.target);
				// A pull may have inserted the server's copy under its own id before this answer
				// arrived (another device, or a lost answer): keep one row, the local one.
				const twin = await db.serviceRequests.where('serverId').equals(sr.id).first();
				if (twin && twin.localId !== entry.target) await db.serviceRequests.delete(twin.localId);
				const pendingNotes =
					entry.kind === 'serviceRequest.note'
						? (local?.pendingNotes ?? []).filter((n) => n.requestId !== entry.id)
						: (local?.pendingNotes ?? []);
				const rest = await db.outbox
					.where('target')
					.equals(entry.target)
					.filter((e) => e.id !== entry.id && e.state !== 'done')
					.count();
				await db.serviceRequests.put({
					...fromServer(sr, local),
					localId: entry.target,
					pendingNotes,
					syncState: rest > 0 ? 'pending' : 'done'
				});
				break;
			}
			case 'subscription.autoRenewOff': {
				await db.subscriptions.put(v.parse(Subscription, result));
				break;
			}
			case 'order.place': {
				const r = v.parse(OrderResult, result);
				await db.subscriptions.put(r.subscription);
				await db.orders.put(r.order);
				await db.invoices.put(r.invoice);
				await db.meta.put({ key: `orderResult:${entry.target}`, value: r.order.id });
				break;
			}
		}
		await db.outbox.delete(entry.id);
	});
}

export async function applyFailure(db: PartnerDB, entry: OutboxEntry, error: EntryError): Promise<void> {
	await db.transaction('rw', [db.outbox, db.serviceRequests], async () => {
		if (!(await db.outbox.get(entry.id))) return;
		await db.outbox.update(entry.id, { state: 'failed', lastError: error });
		if (entry.kind.startsWith('serviceRequest.')) {
			await db.serviceRequests.update(entry.target, { syncState: 'failed' });
		}
	});
}
