import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { createActor } from 'xstate';
import type { Offer } from '$lib/api/schemas';
import { actionPackOffer } from '$lib/domain/offers';
import { i18n } from '$lib/i18n/i18n.svelte';
import { checkoutMachine, checkoutStep, type CheckoutEvent, type CheckoutInput } from '$lib/machines/checkout.machine';
import OfferStep from './offer-step.svelte';

const input: CheckoutInput = { mode: 'purchase', offerId: 'action-pack', termsVersion: '2017-07', savedCards: [], orderId: 'ord_0123456789' };

function mount(offer: Offer) {
	const actor = createActor(checkoutMachine, { input }).start();
	const send = vi.fn((event: CheckoutEvent) => actor.send(event));
	const view = render(OfferStep, { snapshot: actor.getSnapshot(), send, offer });
	actor.subscribe((snapshot) => void view.rerender({ snapshot }));
	return { actor, send };
}

afterEach(() => i18n.set('en'));

describe('offer step', () => {
	it('shows the offer, its price with tax in the partner currency and its benefits', () => {
		mount(actionPackOffer('US') as Offer);
		expect(screen.getByRole('heading', { level: 2, name: 'Offer' })).toBeInTheDocument();
		expect(screen.getByRole('heading', { name: 'Microsoft Action Pack' })).toBeInTheDocument();
		expect(screen.getByText('$513.00 a year, tax included')).toBeInTheDocument();
		expect(screen.getByText('$475.00 + $38.00 tax')).toBeInTheDocument();
		expect(screen.getAllByRole('listitem')).toHaveLength(7);
		expect(screen.getByText('3 Visual Studio Professional licenses')).toBeInTheDocument();
	});

	it('Next goes to the terms, Back leaves the wizard', async () => {
		const { actor } = mount(actionPackOffer('US') as Offer);
		await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
		expect(checkoutStep(actor.getSnapshot())).toBe('terms');

		const other = mount(actionPackOffer('US') as Offer);
		await fireEvent.click(screen.getAllByRole('button', { name: 'Back' })[1]);
		expect(checkoutStep(other.actor.getSnapshot())).toBe('closed');
	});

	it('speaks Korean, with the won price', async () => {
		await i18n.set('ko');
		mount(actionPackOffer('KR') as Offer);
		expect(screen.getByRole('heading', { level: 2, name: '제품' })).toBeInTheDocument();
		expect(screen.getByRole('button', { name: '다음' })).toBeInTheDocument();
		expect(screen.getByRole('button', { name: '뒤로' })).toBeInTheDocument();
		expect(screen.getByText(/₩616,000/)).toBeInTheDocument();
	});
});
