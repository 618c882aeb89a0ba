import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/svelte';
import type { Offer } from '$lib/api/schemas';
import { actionPackOffer } from '$lib/domain/offers';
import { i18n } from '$lib/i18n/i18n.svelte';
import { checkoutStep, type CheckoutInput } from '$lib/machines/checkout.machine';
import TermsStep from './terms-step.svelte';
import { mountStep, purchaseInput, startCheckout } from './step-test-kit';

const offer = actionPackOffer('US') as Offer;

function mount(mode: CheckoutInput['mode'] = 'purchase') {
	const actor = startCheckout(purchaseInput({ offerId: offer.id, savedCards: [], mode }));
	actor.send({ type: 'wizard.next' });
	mountStep(TermsStep, actor, { offer });
	return actor;
}

afterEach(() => i18n.set('en'));

describe('terms step', () => {
	it('keeps Next disabled, with the reason, until the terms are accepted', async () => {
		const actor = mount();
		expect(screen.getByRole('heading', { level: 2, name: 'Terms of internal-use rights' })).toBeInTheDocument();
		const next = screen.getByRole('button', { name: 'Next' });
		expect(next).toBeDisabled();
		expect(next).toHaveAccessibleDescription('Accept the terms to continue.');

		await fireEvent.click(screen.getByRole('checkbox', { name: 'I accept the terms' }));
		expect(actor.getSnapshot().context.acceptedTermsVersion).toBe('2017-07');
		expect(screen.getByRole('checkbox', { name: 'I accept the terms' })).toBeChecked();
		expect(next).toBeEnabled();
		expect(screen.queryByText('Accept the terms to continue.')).toBeNull();

		await fireEvent.click(next);
		expect(checkoutStep(actor.getSnapshot())).toBe('payment');
	});

	it('unchecking takes the acceptance back', async () => {
		const actor = mount();
		const box = screen.getByRole('checkbox', { name: 'I accept the terms' });
		await fireEvent.click(box);
		await fireEvent.click(box);
		expect(actor.getSnapshot().context).toMatchObject({ termsAccepted: false, acceptedTermsVersion: null });
		expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
	});

	it('shows the summary, version and a link to the full terms', () => {
		mount();
		expect(screen.getByText(/internal use only/)).toBeInTheDocument();
		expect(screen.getByText('Version 2017-07')).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Read the full terms' })).toHaveAttribute('href', offer.terms.url);
	});

	it('Back returns to the offer, or to the order details when renewing', async () => {
		const actor = mount();
		await fireEvent.click(screen.getByRole('button', { name: 'Back' }));
		expect(checkoutStep(actor.getSnapshot())).toBe('offer');
		cleanup();
		const renew = mount('renew');
		await fireEvent.click(screen.getByRole('button', { name: 'Back' }));
		expect(checkoutStep(renew.getSnapshot())).toBe('reviewRenewal');
	});

	it('speaks Korean', async () => {
		await i18n.set('ko');
		mount();
		expect(screen.getByRole('heading', { level: 2, name: '내부 사용 권한 약관' })).toBeInTheDocument();
		expect(screen.getByRole('checkbox', { name: '약관에 동의합니다' })).toBeInTheDocument();
		expect(screen.getByRole('button', { name: '다음' })).toBeDisabled();
	});
});
