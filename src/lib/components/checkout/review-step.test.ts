import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/svelte';
import { waitFor } from 'xstate';
import type { Offer, Subscription } from '$lib/api/schemas';
import { actionPackOffer } from '$lib/domain/offers';
import { i18n } from '$lib/i18n/i18n.svelte';
import { CheckoutActorError, checkoutStep, type PlaceOrderOutput } from '$lib/machines/checkout.machine';
import ReviewStep from './review-step.svelte';
import { mountStep, purchaseInput, startCheckout, toReview, type CheckoutActor } from './step-test-kit';

const TODAY = '2025-06-15';
const offer = actionPackOffer('US') as Offer;
const subscription: Subscription = {
	id: 'sub_1',
	partnerId: 'p1',
	offerId: offer.id,
	status: 'active',
	startDate: '2024-02-29',
	endDate: '2025-02-28',
	autoRenew: false,
	renewableFrom: '2024-11-30',
	renewableUntil: '2025-03-30',
	refundableUntil: null,
	lastModifiedDate: '2024-02-29T10:00:00.000Z'
};
const purchase = purchaseInput({ offerId: offer.id });
const renew = purchaseInput({ offerId: offer.id, mode: 'renew', subscriptionId: 'sub_1' });

function mount(actor: CheckoutActor, sub?: Subscription) {
	mountStep(ReviewStep, actor, { offer, today: TODAY, ...(sub ? { subscription: sub } : {}) });
}

function fact(term: string): string {
	const dt = screen.getByText(term, { selector: 'dt' });
	return dt.nextElementSibling?.textContent ?? '';
}

afterEach(() => i18n.set('en'));

describe('review step', () => {
	it('shows price, tax, total, term dates, the card and the accepted terms', () => {
		const actor = startCheckout(purchase);
		toReview(actor);
		mount(actor);
		expect(screen.getByRole('heading', { level: 2, name: 'Review order details' })).toBeInTheDocument();
		expect(fact('Subtotal')).toBe('$475.00');
		expect(fact('Tax')).toBe('$38.00');
		expect(fact('Total')).toBe('$513.00');
		expect(fact('Starts')).toBe('Jun 15, 2025');
		expect(fact('Ends')).toBe('Jun 15, 2026');
		expect(fact('Payment method')).toBe('Paid with Visa ending in 4242');
		expect(fact('Terms accepted')).toContain('2017-07');
	});

	it('Purchase places the order once and is disabled while placing', async () => {
		let release!: (out: PlaceOrderOutput) => void;
		let calls = 0;
		const actor = startCheckout(purchase, {
			placeOrder: () => {
				calls++;
				return new Promise((resolve) => (release = resolve));
			}
		});
		toReview(actor);
		mount(actor);
		const button = screen.getByRole('button', { name: 'Purchase' });
		await fireEvent.click(button);
		expect(button).toBeDisabled();
		expect(screen.getByRole('button', { name: 'Back' })).toBeDisabled();
		expect(screen.getByRole('status')).toHaveTextContent('Placing your order…');
		await fireEvent.click(button);
		release({ status: 'confirmed', orderId: 'ord_0123456789' });
		await waitFor(actor, (s) => s.matches('confirmed'));
		expect(calls).toBe(1);
	});

	it('shows an order error and stays', async () => {
		const actor = startCheckout(purchase, {
			placeOrder: async () => {
				throw new CheckoutActorError('unavailable', 'Down');
			}
		});
		toReview(actor);
		mount(actor);
		await fireEvent.click(screen.getByRole('button', { name: 'Purchase' }));
		await waitFor(actor, (s) => s.matches('review'));
		expect(await screen.findByRole('alert')).toHaveTextContent('Nothing was charged');
		expect(screen.getByRole('button', { name: 'Purchase' })).toBeEnabled();
	});

	it('renewal opens here: from the current end date to the next anniversary, then Next', async () => {
		const actor = startCheckout(renew);
		mount(actor, subscription);
		expect(screen.getByText('Renew subscription')).toBeInTheDocument();
		expect(fact('Current end date')).toBe('Feb 28, 2025');
		// A 29 February purchase comes back to the 29th in a leap year… and 2026 is not one.
		expect(fact('New end date')).toBe('Feb 28, 2026');
		expect(screen.queryByRole('button', { name: 'Purchase' })).toBeNull();
		expect(screen.queryByText('Payment method')).toBeNull();
		await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
		expect(checkoutStep(actor.getSnapshot())).toBe('terms');
	});

	it('renewal review after payment offers Purchase', () => {
		const actor = startCheckout(renew);
		toReview(actor);
		mount(actor, subscription);
		expect(screen.getByRole('button', { name: 'Purchase' })).toBeEnabled();
		expect(fact('Payment method')).toBe('Paid with Visa ending in 4242');
	});

	it('speaks Korean', async () => {
		await i18n.set('ko');
		const actor = startCheckout(purchase);
		toReview(actor);
		mount(actor);
		expect(screen.getByRole('heading', { level: 2, name: '주문 세부 정보 검토' })).toBeInTheDocument();
		const actions = screen.getByRole('button', { name: '구입' }).parentElement as HTMLElement;
		expect(within(actions).getByRole('button', { name: '뒤로' })).toBeInTheDocument();
	});
});
