import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/svelte';
import { waitFor } from 'xstate';
import { i18n } from '$lib/i18n/i18n.svelte';
import { CheckoutActorError, checkoutStep, type SavedCard } from '$lib/machines/checkout.machine';
import PaymentStep from './payment-step.svelte';
import { mountStep, purchaseInput, startCheckout, toPayment, VISA, type CheckoutActor } from './step-test-kit';

const MC: SavedCard = { id: 'pm_mc', brand: 'mastercard', last4: '4444', expMonth: 3, expYear: 2030, holderName: 'Ada Lovelace' };

function startAtPayment(savedCards: SavedCard[]) {
	return toPayment(
		startCheckout(purchaseInput({ savedCards }), {
			placeOrder: async (input) => {
				if (input.paymentMethodId === 'pm_mc') throw new CheckoutActorError('card_declined', 'Declined');
				return { status: 'confirmed', orderId: input.orderId };
			}
		})
	);
}

function mount(actor: CheckoutActor) {
	mountStep(PaymentStep, actor);
}

afterEach(() => i18n.set('en'));

describe('payment step', () => {
	it('with no saved card offers "Get started! Add a way to pay." as the main action', async () => {
		const actor = startAtPayment([]);
		mount(actor);
		expect(screen.getByRole('heading', { level: 2, name: 'Payment' })).toBeInTheDocument();
		const cta = screen.getByRole('button', { name: 'Get started! Add a way to pay.' });
		expect(cta).toHaveClass('primary');
		expect(screen.queryByRole('radio')).toBeNull();
		await fireEvent.click(cta);
		expect(checkoutStep(actor.getSnapshot())).toBe('addCard');
	});

	it('lists saved cards; Next waits for a choice', async () => {
		const actor = startAtPayment([VISA, MC]);
		mount(actor);
		expect(screen.getByRole('radio', { name: 'Visa •••• 4242, expires 12/28' })).not.toBeChecked();
		expect(screen.getByRole('radio', { name: 'Mastercard •••• 4444, expires 03/30' })).toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Get started! Add a way to pay.' })).not.toHaveClass('primary');
		const next = screen.getByRole('button', { name: 'Next' });
		expect(next).toBeDisabled();
		expect(next).toHaveAccessibleDescription('Choose a card to continue.');

		await fireEvent.click(screen.getByRole('radio', { name: /Visa/ }));
		expect(actor.getSnapshot().context.paymentMethodId).toBe('pm_visa');
		expect(screen.getByRole('radio', { name: /Visa/ })).toBeChecked();
		expect(next).toBeEnabled();
		await fireEvent.click(next);
		expect(checkoutStep(actor.getSnapshot())).toBe('review');
	});

	it('after a decline says so plainly and keeps the choice', async () => {
		const actor = startAtPayment([VISA, MC]);
		actor.send({ type: 'payment.choose', id: 'pm_mc' });
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'order.purchase' });
		await waitFor(actor, (s) => s.matches('payment'));
		mount(actor);
		expect(screen.getByRole('alert')).toHaveTextContent('Your card was declined. Choose another card or add a new one.');
		expect(screen.getByRole('radio', { name: /Mastercard/ })).toBeChecked();
		await fireEvent.click(screen.getByRole('radio', { name: /Visa/ }));
		expect(screen.queryByRole('alert')).toBeNull();
	});

	it('Back returns to the terms', async () => {
		const actor = startAtPayment([VISA]);
		mount(actor);
		await fireEvent.click(screen.getByRole('button', { name: 'Back' }));
		expect(checkoutStep(actor.getSnapshot())).toBe('terms');
	});

	it('speaks Korean', async () => {
		await i18n.set('ko');
		mount(startAtPayment([]));
		expect(screen.getByRole('heading', { level: 2, name: '결제' })).toBeInTheDocument();
		expect(screen.getByRole('button', { name: '시작하세요. 결제 방법을 추가하세요.' })).toBeInTheDocument();
		expect(screen.getByRole('button', { name: '다음' })).toBeInTheDocument();
	});
});
