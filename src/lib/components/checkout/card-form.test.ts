import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { waitFor } from 'xstate';
import { i18n } from '$lib/i18n/i18n.svelte';
import {
	CheckoutActorError,
	checkoutStep,
	type AddPaymentMethodInput,
	type CheckoutEvent,
	type CheckoutSnapshot,
	type SavedCard
} from '$lib/machines/checkout.machine';
import type { CardInput } from '$lib/api/schemas';
import CardForm from './card-form.svelte';
import { purchaseInput, startCheckout, toPayment } from './step-test-kit';

const TODAY = '2025-06-15';
const NEW_CARD: SavedCard = { id: 'pm_new', brand: 'visa', last4: '1111', expMonth: 5, expYear: 2031, holderName: 'Grace Hopper' };

function mount(addPaymentMethod: (input: AddPaymentMethodInput) => Promise<SavedCard>) {
	const actor = toPayment(startCheckout(purchaseInput({ savedCards: [] }), { addPaymentMethod }));
	actor.send({ type: 'payment.addNew' });
	const send = vi.fn((event: CheckoutEvent) => actor.send(event));
	// As the wizard shows it (checkout-wizard.svelte): the machine's state as props.
	const props = (s: CheckoutSnapshot) => ({ saving: s.matches({ addCard: 'saving' }), error: s.context.error });
	const view = render(CardForm, {
		...props(actor.getSnapshot()),
		today: TODAY,
		onsubmit: (card: CardInput) => void send({ type: 'card.submit', card }),
		oncancel: () => void send({ type: 'card.cancel' })
	});
	actor.subscribe((snapshot) => void view.rerender(props(snapshot)));
	return { actor, send };
}

async function fill(values: { number: string; expiry: string; code: string; name: string }) {
	await fireEvent.input(screen.getByLabelText('Card number'), { target: { value: values.number } });
	await fireEvent.input(screen.getByLabelText('Expiration date'), { target: { value: values.expiry } });
	await fireEvent.input(screen.getByLabelText('Security code'), { target: { value: values.code } });
	await fireEvent.input(screen.getByLabelText('Cardholder name'), { target: { value: values.name } });
}

const GOOD = { number: '4111 1111 1111 1111', expiry: '05/31', code: '987', name: ' Grace Hopper ' };

afterEach(() => i18n.set('en'));

describe('card form', () => {
	it('shows the Luhn message at the card number field and sends nothing', async () => {
		const { send } = mount(async () => NEW_CARD);
		await fill({ ...GOOD, number: '4111 1111 1111 1112' });
		await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
		const field = screen.getByLabelText('Card number');
		expect(field).toHaveAttribute('aria-invalid', 'true');
		expect(field).toHaveAccessibleDescription('This card number is not valid. Check the digits.');
		expect(field).toHaveFocus();
		expect(send).not.toHaveBeenCalled();
	});

	it('shows each field its own message', async () => {
		const { send } = mount(async () => NEW_CARD);
		await fill({ number: '', expiry: '01/24', code: '12', name: '  ' });
		await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
		expect(screen.getByLabelText('Card number')).toHaveAccessibleDescription('Enter the card number.');
		expect(screen.getByLabelText('Expiration date')).toHaveAccessibleDescription('MM/YY This card has expired.');
		expect(screen.getByLabelText('Security code')).toHaveAttribute('aria-invalid', 'true');
		expect(screen.getByText('Enter the 3-digit security code (4 digits for American Express).')).toBeInTheDocument();
		expect(screen.getByLabelText('Cardholder name')).toHaveAccessibleDescription('Enter the cardholder name.');
		expect(send).not.toHaveBeenCalled();
	});

	it('sends a valid card once, clears number and code, and is busy while saving', async () => {
		let release!: (card: SavedCard) => void;
		const addPaymentMethod = vi.fn((_: AddPaymentMethodInput) => new Promise<SavedCard>((resolve) => (release = resolve)));
		const { actor, send } = mount(addPaymentMethod);
		await fill(GOOD);
		await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
		expect(send).toHaveBeenCalledWith({
			type: 'card.submit',
			card: { cardNumber: '4111111111111111', expMonth: 5, expYear: 2031, securityCode: '987', holderName: 'Grace Hopper' }
		});
		expect(addPaymentMethod).toHaveBeenCalledTimes(1);
		expect(screen.getByLabelText('Card number')).toHaveValue('');
		expect(screen.getByLabelText('Security code')).toHaveValue('');
		expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
		expect(screen.getByRole('status')).toHaveTextContent('Saving your card…');
		expect(JSON.stringify(actor.getPersistedSnapshot())).not.toContain('4111111111111111');

		release(NEW_CARD);
		await waitFor(actor, (s) => s.matches('payment'));
		expect(actor.getSnapshot().context.paymentMethodId).toBe('pm_new');
	});

	it('offline: says why and keeps the draft', async () => {
		const { actor } = mount(async () => {
			throw new CheckoutActorError('offline', 'No connection');
		});
		await fill(GOOD);
		await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
		await waitFor(actor, (s) => s.matches({ addCard: 'editing' }));
		expect(await screen.findByRole('alert')).toHaveTextContent(
			'Adding a card needs a connection. You are offline; your order draft is kept.'
		);
		expect(actor.getSnapshot().context.acceptedTermsVersion).toBe('2017-07');
		expect(screen.getByLabelText('Cardholder name')).toHaveValue(' Grace Hopper ');
	});

	it('shows the API field errors at their fields', async () => {
		const { actor } = mount(async () => {
			throw new CheckoutActorError('validation', 'Invalid', { expMonth: 'The issuer says this card has expired' });
		});
		await fill(GOOD);
		await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
		await waitFor(actor, (s) => s.matches({ addCard: 'editing' }));
		const expiry = await screen.findByLabelText('Expiration date');
		expect(expiry).toHaveAttribute('aria-invalid', 'true');
		// In the user's words and language, not the API's.
		expect(expiry).toHaveAccessibleDescription('MM/YY Partner Center did not accept this. Check it and try again.');
		expect(screen.queryByText(/issuer says/)).toBeNull();
	});

	it('has card autofill hints and a numeric keypad', () => {
		mount(async () => NEW_CARD);
		const number = screen.getByLabelText('Card number');
		expect(number).toHaveAttribute('autocomplete', 'cc-number');
		expect(number).toHaveAttribute('inputmode', 'numeric');
		expect(screen.getByLabelText('Expiration date')).toHaveAttribute('autocomplete', 'cc-exp');
		expect(screen.getByLabelText('Security code')).toHaveAttribute('autocomplete', 'cc-csc');
		expect(screen.getByLabelText('Cardholder name')).toHaveAttribute('autocomplete', 'cc-name');
	});

	it('Back cancels to the payment step', async () => {
		const { actor } = mount(async () => NEW_CARD);
		await fireEvent.click(screen.getByRole('button', { name: 'Back' }));
		expect(checkoutStep(actor.getSnapshot())).toBe('payment');
	});

	it('speaks Korean', async () => {
		await i18n.set('ko');
		mount(async () => NEW_CARD);
		for (const label of ['카드 번호', '만료 날짜', '보안 코드', '카드 소유자 이름']) {
			expect(screen.getByLabelText(label)).toBeInTheDocument();
		}
		expect(screen.getByRole('button', { name: '다음' })).toBeInTheDocument();
	});
});

describe('card form on its own (Settings > Payment methods)', () => {
	function standalone(props: { onsubmit: (card: CardInput) => Promise<boolean>; unavailable?: string | null }) {
		return render(CardForm, { today: TODAY, title: 'Add a card', submitLabel: 'Add card', ...props });
	}

	it('says before typing why it cannot send, and its button is disabled with that reason', async () => {
		const onsubmit = vi.fn(async () => true);
		standalone({ onsubmit, unavailable: 'Adding a card needs a connection, and you are offline.' });
		const button = screen.getByRole('button', { name: 'Add card' });
		expect(button).toBeDisabled();
		expect(button).toHaveAccessibleDescription('Adding a card needs a connection, and you are offline.');
		expect(screen.queryByRole('button', { name: 'Back' })).toBeNull();
		await fill(GOOD);
		await fireEvent.submit(button.closest('form')!);
		expect(onsubmit).not.toHaveBeenCalled();
	});

	it('a refused card keeps everything typed; a saved one empties the form', async () => {
		const outcomes = [false, true];
		const onsubmit = vi.fn(async (_: CardInput) => outcomes.shift()!);
		const view = standalone({ onsubmit });
		await fill(GOOD);
		await fireEvent.click(screen.getByRole('button', { name: 'Add card' }));
		expect(onsubmit).toHaveBeenCalledTimes(1);
		await view.rerender({ error: { code: 'validation', message: 'Raw API text', fields: { cardNumber: 'Raw field text' } } });
		expect(screen.getByLabelText('Card number')).toHaveValue(GOOD.number);
		expect(screen.getByLabelText('Security code')).toHaveValue(GOOD.code);
		expect(screen.getByLabelText('Card number')).toHaveAccessibleDescription('Partner Center did not accept this. Check it and try again.');
		expect(screen.queryByText(/Raw/)).toBeNull();

		await view.rerender({ error: null });
		await fireEvent.click(screen.getByRole('button', { name: 'Add card' }));
		expect(onsubmit).toHaveBeenCalledTimes(2);
		await vi.waitFor(() => expect(screen.getByLabelText('Card number')).toHaveValue(''));
		for (const label of ['Expiration date', 'Security code', 'Cardholder name']) expect(screen.getByLabelText(label)).toHaveValue('');
	});

	it('says an attempt that went offline, or was refused, in the words it is given', async () => {
		const view = render(CardForm, { today: TODAY, onsubmit: async () => false, offlineText: 'Connection dropped.', failedText: 'Not accepted.', error: { code: 'offline' } });
		expect(screen.getByRole('alert')).toHaveTextContent('Connection dropped.');
		await view.rerender({ error: { code: 'forbidden_role', message: 'Raw API text' } });
		expect(screen.getByRole('alert')).toHaveTextContent('Not accepted.');
		expect(screen.queryByText(/Raw/)).toBeNull();
	});
});
