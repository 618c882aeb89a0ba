import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/svelte';
import { waitFor } from 'xstate';
import { i18n } from '$lib/i18n/i18n.svelte';
import { checkoutStep, type PlaceOrderOutput } from '$lib/machines/checkout.machine';
import ConfirmationStep from './confirmation-step.svelte';
import { mountStep, purchaseInput, startCheckout, toReview, type CheckoutActor } from './step-test-kit';

async function placed(output: PlaceOrderOutput) {
	const actor = toReview(startCheckout(purchaseInput(), { placeOrder: async () => output }));
	actor.send({ type: 'order.purchase' });
	await waitFor(actor, (s) => s.matches('confirmed') || s.matches('queued'));
	return actor;
}

function mount(actor: CheckoutActor, nextStepHref?: string) {
	mountStep(ConfirmationStep, actor, nextStepHref ? { nextStepHref } : {});
}

afterEach(() => i18n.set('en'));

describe('confirmation step', () => {
	it('confirms, explains renewal and the next step, and Close ends the wizard', async () => {
		const actor = await placed({ status: 'confirmed', orderId: 'ord_0123456789' });
		mount(actor, '/benefits');
		expect(screen.getByRole('heading', { level: 2, name: 'Your order is confirmed.' })).toBeInTheDocument();
		expect(screen.getByText('Your Action Pack subscription will renew automatically each year on this date.')).toBeInTheDocument();
		expect(screen.getByText('Next step: Activate your Action Pack subscription')).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Activate benefits' })).toHaveAttribute('href', '/benefits');
		await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
		expect(checkoutStep(actor.getSnapshot())).toBe('closed');
	});

	it('a queued order says it is not charged yet, then confirms when it lands', async () => {
		const actor = await placed({ status: 'queued' });
		mount(actor);
		expect(screen.getByText('Not charged yet', { selector: '.badge' })).toBeInTheDocument();
		expect(screen.getByText("Not charged yet — will be placed when you're back online.")).toBeInTheDocument();
		expect(screen.queryByText('Your order is confirmed.')).toBeNull();
		actor.send({ type: 'order.landed', orderId: 'ord_0123456789' });
		expect(await screen.findByRole('heading', { level: 2, name: 'Your order is confirmed.' })).toBeInTheDocument();
	});

	it('keeps the source wording in Korean', async () => {
		await i18n.set('ko');
		mount(await placed({ status: 'confirmed', orderId: 'ord_0123456789' }), '/partnership/offers/sub-1/benefits');
		expect(screen.getByRole('heading', { level: 2, name: 'Your order is confirmed.' })).toBeInTheDocument();
		expect(screen.getByRole('link', { name: '혜택 활성화' })).toHaveAttribute('href', '/partnership/offers/sub-1/benefits');
		expect(screen.getByRole('button', { name: '닫기' })).toBeInTheDocument();
	});

	it('without the subscription id the next step is a sentence, not a link', async () => {
		mount(await placed({ status: 'confirmed', orderId: 'ord_0123456789' }));
		expect(screen.getByText('Next step: Activate your Action Pack subscription')).toBeInTheDocument();
		expect(screen.queryByRole('link')).toBeNull();
	});
});
