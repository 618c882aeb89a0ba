/**
 * What the wizard steps' component tests share (imported by tests only): the checkout machine
 * started with scripted actors, walked the way a user walks it, and a step rendered from the
 * actor's snapshot and kept current, as `checkout-wizard.svelte` renders it. The machine is the
 * real one; only its network actors are replaced, through `.provide()`.
 */
import { render } from '@testing-library/svelte';
import type { Component } from 'svelte';
import { createActor, fromPromise } from 'xstate';
import { checkoutMachine } from '$lib/machines/checkout.machine';
import type * as Checkout from '$lib/machines/checkout.machine';

export const VISA: Checkout.SavedCard = { id: 'pm_visa', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2028, holderName: 'Ada Lovelace' };

export function purchaseInput(over: Partial<Checkout.CheckoutInput> = {}): Checkout.CheckoutInput {
	return { mode: 'purchase', offerId: 'action-pack', termsVersion: '2017-07', savedCards: [VISA], orderId: 'ord_0123456789', ...over };
}

export interface ScriptedActors {
	placeOrder?: (input: Checkout.PlaceOrderInput) => Promise<Checkout.PlaceOrderOutput>;
	addPaymentMethod?: (input: Checkout.AddPaymentMethodInput) => Promise<Checkout.SavedCard>;
}

export function startCheckout(input: Checkout.CheckoutInput, actors: ScriptedActors = {}) {
	const { placeOrder = async (i) => ({ status: 'confirmed', orderId: i.orderId }), addPaymentMethod = async () => VISA } = actors;
	const machine = checkoutMachine.provide({
		actors: {
			placeOrder: fromPromise<Checkout.PlaceOrderOutput, Checkout.PlaceOrderInput>(({ input }) => placeOrder(input)),
			addPaymentMethod: fromPromise<Checkout.SavedCard, Checkout.AddPaymentMethodInput>(({ input }) => addPaymentMethod(input))
		}
	});
	return createActor(machine, { input }).start();
}

export type CheckoutActor = ReturnType<typeof startCheckout>;

/** Offer → Terms (accepted) → Payment. */
export function toPayment(actor: CheckoutActor): CheckoutActor {
	actor.send({ type: 'wizard.next' });
	actor.send({ type: 'terms.set', accepted: true });
	actor.send({ type: 'wizard.next' });
	return actor;
}

/** … → Payment (the saved Visa chosen) → Review. */
export function toReview(actor: CheckoutActor): CheckoutActor {
	toPayment(actor);
	actor.send({ type: 'payment.choose', id: VISA.id });
	actor.send({ type: 'wizard.next' });
	return actor;
}

/**
 * Renders a step with the actor's snapshot and `send`, re-rendered on every transition.
 * `send` may be a spy that forwards to the actor.
 */
export function mountStep(
	// Each step has props of its own; what they are is the step's test's business.
	step: Component<any>,
	actor: CheckoutActor,
	props: Record<string, unknown> = {},
	send: (event: Checkout.CheckoutEvent) => void = (event) => actor.send(event)
) {
	const view = render(step, { snapshot: actor.getSnapshot(), send, ...props });
	actor.subscribe((snapshot: Checkout.CheckoutSnapshot) => void view.rerender({ snapshot }));
	return view;
}
