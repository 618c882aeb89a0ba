import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, waitFor, type EventObject } from 'xstate';
import { getShortestPaths, getSimplePaths, type StatePath } from '@xstate/graph';
import type { CardInput } from '$lib/api/schemas';
import {
	CheckoutActorError,
	checkoutMachine,
	checkoutStep,
	isSettled,
	type AddPaymentMethodInput,
	type CheckoutEvent,
	type CheckoutInput,
	type CheckoutSnapshot,
	type PlaceOrderInput,
	type PlaceOrderOutput,
	type SavedCard
} from './checkout.machine';

const VISA: SavedCard = { id: 'pm_visa', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2028, holderName: 'Ada Lovelace' };
const DECLINES: SavedCard = { id: 'pm_declines', brand: 'mastercard', last4: '0002', expMonth: 1, expYear: 2029, holderName: 'Ada Lovelace' };
const NEW_CARD: SavedCard = { id: 'pm_new', brand: 'visa', last4: '1111', expMonth: 5, expYear: 2031, holderName: 'Grace Hopper' };
const CARD: CardInput = { cardNumber: '4111111111111111', expMonth: 5, expYear: 2031, securityCode: '987', holderName: 'Grace Hopper' };
const ORDER_ID = 'ord_0123456789abcdef';

const purchaseNoCards: CheckoutInput = {
	mode: 'purchase',
	offerId: 'action-pack',
	termsVersion: '2017-07',
	savedCards: [],
	orderId: ORDER_ID
};
const purchaseWithCards: CheckoutInput = { ...purchaseNoCards, savedCards: [VISA, DECLINES] };
const renewWithCards: CheckoutInput = { ...purchaseWithCards, mode: 'renew', subscriptionId: 'sub_1' };

// ---- Actor outcomes, as events for the traversal and as behaviour for the fakes ---------------

type OutcomeEvent = { type: string; output?: unknown; error?: unknown };

const addDone: OutcomeEvent = { type: 'xstate.done.actor.addPaymentMethod', output: NEW_CARD };
const addOffline: OutcomeEvent = {
	type: 'xstate.error.actor.addPaymentMethod',
	error: new CheckoutActorError('offline', 'No connection')
};
const addInvalid: OutcomeEvent = {
	type: 'xstate.error.actor.addPaymentMethod',
	error: new CheckoutActorError('validation', 'Invalid card', { cardNumber: 'The issuer refused this number' })
};
const placeConfirmed: OutcomeEvent = { type: 'xstate.done.actor.placeOrder', output: { status: 'confirmed', orderId: ORDER_ID } };
const placeQueued: OutcomeEvent = { type: 'xstate.done.actor.placeOrder', output: { status: 'queued' } };
const placeDeclined: OutcomeEvent = {
	type: 'xstate.error.actor.placeOrder',
	error: new CheckoutActorError('card_declined', 'Declined')
};
const placeUnavailable: OutcomeEvent = {
	type: 'xstate.error.actor.placeOrder',
	error: new CheckoutActorError('unavailable', 'Try later')
};

const userEvents: CheckoutEvent[] = [
	{ type: 'wizard.next' },
	{ type: 'wizard.back' },
	{ type: 'wizard.close' },
	{ type: 'terms.set', accepted: true },
	{ type: 'terms.set', accepted: false },
	{ type: 'payment.choose', id: 'pm_visa' },
	{ type: 'payment.choose', id: 'pm_declines' },
	{ type: 'payment.choose', id: 'pm_new' },
	{ type: 'payment.addNew' },
	{ type: 'card.submit', card: CARD },
	{ type: 'card.cancel' },
	{ type: 'order.purchase' },
	{ type: 'order.landed', orderId: ORDER_ID },
	{ type: 'order.landed', orderId: 'ord_someone_else' },
	{ type: 'order.failed', code: 'card_declined', message: 'Declined' }
];

/** The events possible in a snapshot; the declining card can only ever be declined. */
function eventsFor(snapshot: CheckoutSnapshot): EventObject[] {
	if (snapshot.matches({ addCard: 'saving' })) return [...userEvents, addDone, addOffline, addInvalid];
	if (snapshot.matches('placing')) {
		return snapshot.context.paymentMethodId === 'pm_declines'
			? [...userEvents, placeDeclined]
			: [...userEvents, placeConfirmed, placeQueued, placeUnavailable];
	}
	return userEvents;
}

function isOutcome(event: EventObject): event is OutcomeEvent {
	return event.type.startsWith('xstate.done.actor.') || event.type.startsWith('xstate.error.actor.');
}

/** Fakes that answer with what the path says, in order; pm_declines is always declined. */
function fakeActors(script: OutcomeEvent[] = []) {
	const calls = { addPaymentMethod: [] as AddPaymentMethodInput[], placeOrder: [] as PlaceOrderInput[] };
	const next = (prefix: string) => {
		const i = script.findIndex((e) => e.type.endsWith(prefix));
		return i >= 0 ? script.splice(i, 1)[0] : undefined;
	};
	const machine = checkoutMachine.provide({
		actors: {
			addPaymentMethod: fromPromise<SavedCard, AddPaymentMethodInput>(async ({ input }) => {
				calls.addPaymentMethod.push(input);
				const outcome = next('.addPaymentMethod') ?? addDone;
				if (outcome.error) throw outcome.error;
				return outcome.output as SavedCard;
			}),
			placeOrder: fromPromise<PlaceOrderOutput, PlaceOrderInput>(async ({ input }) => {
				calls.placeOrder.push(input);
				const outcome = next('.placeOrder') ?? placeConfirmed;
				if (input.paymentMethodId === 'pm_declines') throw new CheckoutActorError('card_declined', 'Declined');
				if (outcome.error) throw outcome.error;
				return outcome.output as PlaceOrderOutput;
			})
		}
	});
	return { machine, calls };
}

function plain(snapshot: CheckoutSnapshot) {
	return { value: snapshot.value, context: JSON.parse(JSON.stringify(snapshot.context)) };
}

async function replay(path: StatePath<CheckoutSnapshot, EventObject>, input: CheckoutInput) {
	const script = path.steps.map((s) => s.event).filter(isOutcome);
	const { machine } = fakeActors(script);
	const actor = createActor(machine, { input }).start();
	for (const step of path.steps.slice(1)) {
		if (isOutcome(step.event)) {
			// The fake answers on its own; the path only says which answer it gives.
			await waitFor(actor, (s) => isSettled(s) || s.status === 'done', { timeout: 1000 });
		} else {
			actor.send(step.event as CheckoutEvent);
		}
		expect(plain(actor.getSnapshot())).toEqual(plain(step.state));
	}
	expect(plain(actor.getSnapshot())).toEqual(plain(path.state));
	actor.stop();
}

const inputs: [string, CheckoutInput][] = [
	['purchase, no saved card', purchaseNoCards],
	['purchase, saved cards', purchaseWithCards],
	['renew, saved cards', renewWithCards]
];

function pathName(path: StatePath<CheckoutSnapshot, EventObject>): string {
	const events = path.steps.slice(1).map((s) => s.event.type.replace(/^xstate\.(done|error)\.actor\./, '$1:'));
	return `${JSON.stringify(path.state.value)} via ${events.join(' → ') || '(start)'}`;
}

describe('checkout machine: model-based (every reachable state, by its shortest path)', () => {
	for (const [name, input] of inputs) {
		const paths = getShortestPaths(checkoutMachine, { input, events: eventsFor as never });
		const steps = new Set(paths.map((p) => checkoutStep(p.state)));

		it(`${name}: reaches every step it should`, () => {
			const expected =
				input.mode === 'renew'
					? ['reviewRenewal', 'terms', 'payment', 'addCard', 'review', 'placing', 'confirmed', 'queued', 'closed']
					: ['offer', 'terms', 'payment', 'addCard', 'review', 'placing', 'confirmed', 'queued', 'closed'];
			expect([...steps].sort()).toEqual(expected.sort());
			expect(steps.has(input.mode === 'renew' ? 'offer' : 'reviewRenewal')).toBe(false);
		});

		it(`${name}: replays all ${paths.length} paths with fake actors`, async () => {
			for (const path of paths) {
				try {
					await replay(path, input);
				} catch (e) {
					throw new Error(`Path failed: ${pathName(path)}\n${String(e)}`);
				}
			}
		});
	}
});

describe('checkout machine: model-based (every simple path between steps)', () => {
	// Keyed by step and the context that guards read, so the graph stays small enough for
	// simple paths yet no guard sees a state it was not computed from.
	const serializeState = (s: CheckoutSnapshot) =>
		JSON.stringify([
			s.value,
			s.context.termsAccepted,
			s.context.paymentMethodId,
			s.context.savedCards.map((c) => c.id),
			s.context.outcome
		]);
	// Fewer events keep the count of simple paths in the thousands, not the millions.
	const lean: CheckoutEvent[] = [
		{ type: 'wizard.next' },
		{ type: 'wizard.back' },
		{ type: 'terms.set', accepted: true },
		{ type: 'payment.choose', id: 'pm_visa' },
		{ type: 'payment.choose', id: 'pm_declines' },
		{ type: 'payment.addNew' },
		{ type: 'card.submit', card: CARD },
		{ type: 'order.purchase' },
		{ type: 'order.landed', orderId: ORDER_ID }
	];
	const leanEvents = (s: CheckoutSnapshot): EventObject[] => {
		if (s.matches({ addCard: 'saving' })) return [...lean, addDone, addOffline];
		if (s.matches('placing')) {
			return s.context.paymentMethodId === 'pm_declines' ? [...lean, placeDeclined] : [...lean, placeConfirmed, placeQueued];
		}
		return lean;
	};

	for (const [name, input] of inputs) {
		const paths = getSimplePaths(checkoutMachine, {
			input,
			events: leanEvents as never,
			serializeState: serializeState as never,
			toState: (s) => s.matches('confirmed')
		});
		it(`${name}: all ${paths.length} simple paths to a confirmed order replay`, async () => {
			expect(paths.length).toBeGreaterThan(0);
			for (const path of paths) {
				try {
					await replay(path, input);
				} catch (e) {
					throw new Error(`Path failed: ${pathName(path)}\n${String(e)}`);
				}
			}
			// Every confirmed order went through accepted terms and a chosen card.
			for (const path of paths) {
				expect(path.state.context.acceptedTermsVersion).toBe(input.termsVersion);
				expect(path.state.context.paymentMethodId).not.toBeNull();
			}
		});
	}
});

// ---- Ordinary unit tests -----------------------------------------------------------------

function start(input: CheckoutInput, script?: OutcomeEvent[]) {
	const { machine, calls } = fakeActors(script);
	const actor = createActor(machine, { input }).start();
	return { actor, calls, step: () => checkoutStep(actor.getSnapshot()) };
}

async function toReview(actor: ReturnType<typeof start>['actor'], cardId = 'pm_visa') {
	if (actor.getSnapshot().matches('offer') || actor.getSnapshot().matches('reviewRenewal')) actor.send({ type: 'wizard.next' });
	actor.send({ type: 'terms.set', accepted: true });
	actor.send({ type: 'wizard.next' });
	actor.send({ type: 'payment.choose', id: cardId });
	actor.send({ type: 'wizard.next' });
}

describe('checkout machine', () => {
	it('starts a purchase at the offer and a renewal at the order details', () => {
		expect(start(purchaseWithCards).step()).toBe('offer');
		expect(start(renewWithCards).step()).toBe('reviewRenewal');
	});

	it('cannot pass the terms without accepting them', () => {
		const { actor, step } = start(purchaseWithCards);
		actor.send({ type: 'wizard.next' });
		expect(step()).toBe('terms');
		actor.send({ type: 'wizard.next' });
		expect(step()).toBe('terms');
		actor.send({ type: 'terms.set', accepted: true });
		actor.send({ type: 'terms.set', accepted: false });
		actor.send({ type: 'wizard.next' });
		expect(step()).toBe('terms');
		expect(actor.getSnapshot().context.acceptedTermsVersion).toBeNull();
	});

	it('records the version of the terms accepted', () => {
		const { actor, step } = start(purchaseWithCards);
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'terms.set', accepted: true });
		expect(actor.getSnapshot().context.acceptedTermsVersion).toBe('2017-07');
		actor.send({ type: 'wizard.next' });
		expect(step()).toBe('payment');
	});

	it('goes back from every step that allows it', async () => {
		const { actor, step } = start(purchaseWithCards);
		await toReview(actor);
		expect(step()).toBe('review');
		actor.send({ type: 'wizard.back' });
		expect(step()).toBe('payment');
		actor.send({ type: 'payment.addNew' });
		expect(step()).toBe('addCard');
		actor.send({ type: 'wizard.back' });
		expect(step()).toBe('payment');
		actor.send({ type: 'payment.addNew' });
		actor.send({ type: 'card.cancel' });
		expect(step()).toBe('payment');
		actor.send({ type: 'wizard.back' });
		expect(step()).toBe('terms');
		actor.send({ type: 'wizard.back' });
		expect(step()).toBe('offer');
		actor.send({ type: 'wizard.back' });
		expect(step()).toBe('closed');
		expect(actor.getSnapshot().status).toBe('done');

		const renew = start(renewWithCards);
		renew.actor.send({ type: 'wizard.next' });
		renew.actor.send({ type: 'wizard.back' });
		expect(renew.step()).toBe('reviewRenewal');
	});

	it('keeps the choices made when going back and forth', async () => {
		const { actor } = start(purchaseWithCards);
		await toReview(actor);
		actor.send({ type: 'wizard.back' });
		actor.send({ type: 'wizard.back' });
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'wizard.next' });
		expect(actor.getSnapshot().matches('review')).toBe(true);
		expect(actor.getSnapshot().context).toMatchObject({ termsAccepted: true, paymentMethodId: 'pm_visa' });
	});

	it('closes from any step', async () => {
		const { actor, step } = start(purchaseWithCards);
		await toReview(actor);
		actor.send({ type: 'wizard.close' });
		expect(step()).toBe('closed');
	});

	it('with no saved card, Next from payment opens the card form', () => {
		const { actor, step } = start(purchaseNoCards);
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'terms.set', accepted: true });
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'wizard.next' });
		expect(step()).toBe('addCard');
	});

	it('with saved cards, Next from payment waits for a choice', () => {
		const { actor, step } = start(purchaseWithCards);
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'terms.set', accepted: true });
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'wizard.next' });
		expect(step()).toBe('payment');
		actor.send({ type: 'payment.choose', id: 'pm_unknown' });
		expect(actor.getSnapshot().context.paymentMethodId).toBeNull();
	});

	it('adds a card, selects it and stays at payment', async () => {
		const { actor, calls, step } = start(purchaseNoCards);
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'terms.set', accepted: true });
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'payment.addNew' });
		actor.send({ type: 'card.submit', card: CARD });
		expect(actor.getSnapshot().matches({ addCard: 'saving' })).toBe(true);
		await waitFor(actor, (s) => s.matches('payment'));
		expect(calls.addPaymentMethod).toHaveLength(1);
		// The actor still gets the card, though no copy of its input shows it.
		expect(calls.addPaymentMethod[0].card).toEqual(CARD);
		expect(JSON.stringify(calls.addPaymentMethod[0])).toBe('{}');
		expect(structuredClone(calls.addPaymentMethod[0])).toEqual({});
		expect(actor.getSnapshot().context.savedCards).toEqual([NEW_CARD]);
		expect(actor.getSnapshot().context.paymentMethodId).toBe('pm_new');
		actor.send({ type: 'wizard.next' });
		expect(step()).toBe('review');
	});

	it('never puts the card number or security code into the persisted snapshot', async () => {
		let release!: (card: SavedCard) => void;
		const machine = checkoutMachine.provide({
			actors: {
				addPaymentMethod: fromPromise<SavedCard, AddPaymentMethodInput>(
					() => new Promise<SavedCard>((resolve) => (release = resolve))
				)
			}
		});
		const actor = createActor(machine, { input: purchaseNoCards }).start();
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'terms.set', accepted: true });
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'payment.addNew' });
		actor.send({ type: 'card.submit', card: CARD });
		// Mid-save too: a draft written at this moment must not hold the card.
		const during = actor.getPersistedSnapshot();
		for (const text of [JSON.stringify(during), JSON.stringify(structuredClone(during))]) {
			expect(text).not.toContain(CARD.cardNumber);
			expect(text).not.toContain(CARD.securityCode);
		}
		expect(isSettled(actor.getSnapshot())).toBe(false);
		release(NEW_CARD);
		await waitFor(actor, (s) => s.matches('payment'));
		const after = JSON.stringify(actor.getPersistedSnapshot());
		expect(after).not.toContain(CARD.cardNumber);
		expect(after).not.toContain(CARD.securityCode);
		expect(after).toContain('1111');
	});

	it('refuses a card offline with a reason and keeps the draft', async () => {
		const { actor, step } = start(purchaseWithCards, [addOffline]);
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'terms.set', accepted: true });
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'payment.choose', id: 'pm_visa' });
		actor.send({ type: 'payment.addNew' });
		actor.send({ type: 'card.submit', card: CARD });
		await waitFor(actor, (s) => s.matches({ addCard: 'editing' }));
		expect(step()).toBe('addCard');
		const ctx = actor.getSnapshot().context;
		expect(ctx.error).toMatchObject({ code: 'offline' });
		expect(ctx).toMatchObject({ termsAccepted: true, acceptedTermsVersion: '2017-07', paymentMethodId: 'pm_visa' });
		expect(ctx.savedCards).toEqual([VISA, DECLINES]);
		actor.send({ type: 'card.cancel' });
		expect(step()).toBe('payment');
		expect(actor.getSnapshot().context.error).toBeNull();
	});

	it('shows the API field errors of a refused card at the card form', async () => {
		const { actor } = start(purchaseNoCards, [addInvalid]);
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'terms.set', accepted: true });
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'payment.addNew' });
		actor.send({ type: 'card.submit', card: CARD });
		await waitFor(actor, (s) => s.matches({ addCard: 'editing' }));
		expect(actor.getSnapshot().context.error).toEqual({
			code: 'validation',
			message: 'Invalid card',
			fields: { cardNumber: 'The issuer refused this number' }
		});
	});

	it('a declined card goes back to payment with the error and the draft intact', async () => {
		const { actor, calls, step } = start(purchaseWithCards);
		await toReview(actor, 'pm_declines');
		actor.send({ type: 'order.purchase' });
		await waitFor(actor, (s) => !s.hasTag('busy'));
		expect(step()).toBe('payment');
		const ctx = actor.getSnapshot().context;
		expect(ctx.error).toMatchObject({ code: 'card_declined' });
		expect(ctx).toMatchObject({ termsAccepted: true, acceptedTermsVersion: '2017-07', paymentMethodId: 'pm_declines', orderId: ORDER_ID });
		expect(calls.placeOrder[0]).toEqual({
			orderId: ORDER_ID,
			mode: 'purchase',
			offerId: 'action-pack',
			paymentMethodId: 'pm_declines',
			termsVersion: '2017-07'
		});
		// Choosing another card clears the message and the order goes through.
		actor.send({ type: 'payment.choose', id: 'pm_visa' });
		expect(actor.getSnapshot().context.error).toBeNull();
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'order.purchase' });
		await waitFor(actor, (s) => s.matches('confirmed'));
		expect(actor.getSnapshot().context.confirmedOrderId).toBe(ORDER_ID);
	});

	it('other order errors stay at review with the error', async () => {
		const { actor, step } = start(purchaseWithCards, [placeUnavailable]);
		await toReview(actor);
		actor.send({ type: 'order.purchase' });
		await waitFor(actor, (s) => !s.hasTag('busy'));
		expect(step()).toBe('review');
		expect(actor.getSnapshot().context.error).toMatchObject({ code: 'unavailable' });
	});

	it('a double Purchase places the order once', async () => {
		const placeOrder = vi.fn(async (): Promise<PlaceOrderOutput> => ({ status: 'confirmed', orderId: ORDER_ID }));
		const machine = checkoutMachine.provide({
			actors: { placeOrder: fromPromise<PlaceOrderOutput, PlaceOrderInput>(placeOrder) }
		});
		const actor = createActor(machine, { input: purchaseWithCards }).start();
		await toReview(actor as never);
		actor.send({ type: 'order.purchase' });
		actor.send({ type: 'order.purchase' });
		actor.send({ type: 'wizard.back' });
		expect(actor.getSnapshot().matches('placing')).toBe(true);
		await waitFor(actor, (s) => s.matches('confirmed'));
		actor.send({ type: 'order.purchase' });
		expect(placeOrder).toHaveBeenCalledTimes(1);
	});

	it('a queued order is confirmed when it lands, and only by its own id', async () => {
		const { actor, step } = start(purchaseWithCards, [placeQueued]);
		await toReview(actor);
		actor.send({ type: 'order.purchase' });
		await waitFor(actor, (s) => s.matches('queued'));
		expect(actor.getSnapshot().context.outcome).toBe('queued');
		actor.send({ type: 'order.landed', orderId: 'ord_other_order' });
		expect(step()).toBe('queued');
		actor.send({ type: 'order.landed', orderId: ORDER_ID });
		expect(step()).toBe('confirmed');
		expect(actor.getSnapshot().context).toMatchObject({ outcome: 'confirmed', confirmedOrderId: ORDER_ID });
		actor.send({ type: 'wizard.close' });
		expect(step()).toBe('closed');
	});

	it('a queued order that fails goes back to payment with the error', async () => {
		const { actor, step } = start(purchaseWithCards, [placeQueued]);
		await toReview(actor);
		actor.send({ type: 'order.purchase' });
		await waitFor(actor, (s) => s.matches('queued'));
		actor.send({ type: 'order.failed', code: 'card_declined', message: 'Declined' });
		expect(step()).toBe('payment');
		expect(actor.getSnapshot().context).toMatchObject({
			outcome: null,
			error: { code: 'card_declined', message: 'Declined' },
			paymentMethodId: 'pm_visa'
		});
	});

	it('renews through order details, terms, payment and review', async () => {
		const { actor, calls, step } = start(renewWithCards);
		expect(step()).toBe('reviewRenewal');
		await toReview(actor);
		expect(step()).toBe('review');
		actor.send({ type: 'order.purchase' });
		await waitFor(actor, (s) => s.matches('confirmed'));
		expect(calls.placeOrder[0]).toMatchObject({ mode: 'renew', subscriptionId: 'sub_1' });
	});

	it('a refreshed card list drops a selection that no longer exists', async () => {
		const { actor } = start(purchaseWithCards);
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'terms.set', accepted: true });
		actor.send({ type: 'wizard.next' });
		actor.send({ type: 'payment.choose', id: 'pm_declines' });
		actor.send({ type: 'cards.updated', cards: [VISA, NEW_CARD] });
		expect(actor.getSnapshot().context).toMatchObject({ savedCards: [VISA, NEW_CARD], paymentMethodId: null });
		actor.send({ type: 'payment.choose', id: 'pm_new' });
		actor.send({ type: 'cards.updated', cards: [VISA, NEW_CARD] });
		expect(actor.getSnapshot().context.paymentMethodId).toBe('pm_new');
	});

	it('a draft persisted at review restores and carries on', async () => {
		const first = start(purchaseWithCards);
		await toReview(first.actor);
		const persisted = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot()));
		first.actor.stop();

		const { machine, calls } = fakeActors([placeConfirmed]);
		const restored = createActor(machine, { snapshot: persisted, input: purchaseWithCards }).start();
		expect(restored.getSnapshot().matches('review')).toBe(true);
		expect(restored.getSnapshot().context).toMatchObject({ acceptedTermsVersion: '2017-07', paymentMethodId: 'pm_visa' });
		restored.send({ type: 'wizard.back' });
		restored.send({ type: 'wizard.next' });
		restored.send({ type: 'order.purchase' });
		await waitFor(restored, (s) => s.matches('confirmed'));
		expect(calls.placeOrder).toHaveLength(1);
	});

	it('a draft persisted while queued restores and waits for the order to land', async () => {
		const first = start(purchaseWithCards, [placeQueued]);
		await toReview(first.actor);
		first.actor.send({ type: 'order.purchase' });
		await waitFor(first.actor, (s) => s.matches('queued'));
		expect(isSettled(first.actor.getSnapshot())).toBe(true);
		const persisted = structuredClone(first.actor.getPersistedSnapshot());
		first.actor.stop();

		const restored = createActor(fakeActors().machine, { snapshot: persisted, input: purchaseWithCards }).start();
		restored.send({ type: 'order.landed', orderId: ORDER_ID });
		expect(checkoutStep(restored.getSnapshot())).toBe('confirmed');
	});
});
