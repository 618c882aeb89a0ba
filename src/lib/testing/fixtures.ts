/**
 * Values and helpers that several unit tests share (imported by tests only), so a change of
 * shape is made in one place.
 */
import type { Observable } from 'dexie';
import type { Subscription } from '$lib/api/schemas';

/** An Action Pack year that ends on a leap day, not renewed yet: the date rules' hardest case. */
export function leapDaySubscription(over: Partial<Subscription> = {}): Subscription {
	return {
		id: 'sub-1',
		partnerId: 'p-1',
		offerId: 'action-pack',
		status: 'active',
		startDate: '2023-02-28',
		endDate: '2024-02-29',
		autoRenew: false,
		renewableFrom: '2023-12-01',
		renewableUntil: '2024-03-30',
		refundableUntil: null,
		lastModifiedDate: '2024-01-01T00:00:00Z',
		...over
	};
}

/** A liveQuery's first answer; the subscription ends after it, so the test leaves nothing open. */
export function firstValue<T>(q: Observable<T>): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const sub = q.subscribe({
			next: (v) => {
				queueMicrotask(() => sub.unsubscribe());
				resolve(v);
			},
			error: reject
		});
	});
}
