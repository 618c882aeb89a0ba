import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/svelte';
import type { Offer } from '$lib/api/schemas';
import { actionPackOffer } from '$lib/domain/offers';
import { i18n } from '$lib/i18n/i18n.svelte';
import { checkoutStep, type CheckoutEvent } from '$lib/machines/checkout.machine';
import OfferStep from './offer-step.svelte';
import { mountStep, purchaseInput, startCheckout } from './step-test-kit';


function mount(offer: Offer) {
	const actor = startCheckout(purchaseInput({ savedCards: [] }));
	const send = vi.fn((event: CheckoutEvent) => actor.send(event));
	mountStep(OfferStep, actor, { offer }, send);
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
		// The API's description is English only: the page uses the app's own, in Korean.
		expect(screen.getByText(/^중소 규모 파트너 회사/)).toBeInTheDocument();
		expect(screen.queryByText(/annual subscription/)).toBeNull();
	});
});
