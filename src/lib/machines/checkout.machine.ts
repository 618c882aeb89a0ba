/**
 * The checkout wizard: buying an Action Pack subscription (flow B) and renewing one (flow D).
 *
 * The snapshot is persisted to IndexedDB on every step so a draft survives reloads and days
 * offline. That is why nothing secret ever enters the context: the card number and security
 * code travel only inside the `card.submit` event and, from there, into the addPaymentMethod
 * actor's input as a non-enumerable property (neither JSON nor IndexedDB's structured clone
 * copies those, so even a snapshot taken mid-save holds no card).
 *
 * Side effects live in the two named actors, which the app (and the tests) supply with
 * `checkoutMachine.provide({ actors: { addPaymentMethod, placeOrder } })`.
 */
import { and, assertEvent, assign, fromPromise, setup, type SnapshotFrom } from 'xstate';
import type { CardInput, PaymentMethod, ProblemCode } from '$lib/api/schemas';

export type CheckoutMode = 'purchase' | 'renew';

/** A card as the API returns it after tokenizing: display fields only. */
export type SavedCard = PaymentMethod;

export interface CheckoutInput {
	mode: CheckoutMode;
	offerId: string;
	subscriptionId?: string;
	/** The version of the terms of internal-use rights shown to the user. */
	termsVersion: string;
	savedCards: SavedCard[];
	/** Made once per draft by the caller; the API deduplicates orders by it. */
	orderId: string;
}

/**
 * Where a checkout error comes from: the device ('offline'), the outbox ('blocked', 'expired',
 * 'unreadable'), or the API's problem code. 'unknown' when nothing says.
 */
export type CheckoutErrorCode = 'offline' | 'blocked' | 'expired' | 'unreadable' | 'unknown' | ProblemCode;

export interface CheckoutError {
	code: CheckoutErrorCode;
	message?: string;
	/** Field → message, as the API reported them (validation only). */
	fields?: Record<string, string>;
}

export interface CheckoutContext {
	mode: CheckoutMode;
	offerId: string;
	subscriptionId?: string;
	termsVersion: string;
	termsAccepted: boolean;
	acceptedTermsVersion: string | null;
	savedCards: SavedCard[];
	paymentMethodId: string | null;
	orderId: string;
	error: CheckoutError | null;
	outcome: 'confirmed' | 'queued' | null;
	confirmedOrderId: string | null;
}

export type CheckoutEvent =
	| { type: 'wizard.next' }
	| { type: 'wizard.back' }
	| { type: 'wizard.close' }
	| { type: 'terms.set'; accepted: boolean }
	| { type: 'payment.choose'; id: string }
	| { type: 'payment.addNew' }
	| { type: 'card.submit'; card: CardInput }
	| { type: 'card.cancel' }
	| { type: 'order.purchase' }
	| { type: 'order.landed'; orderId: string }
	| { type: 'order.failed'; code: CheckoutErrorCode; message?: string }
	| { type: 'cards.updated'; cards: SavedCard[] };

/** Top-level state names; `addCard` has the children `editing` and `saving`. */
export type CheckoutStep =
	| 'offer'
	| 'reviewRenewal'
	| 'terms'
	| 'payment'
	| 'addCard'
	| 'review'
	| 'placing'
	| 'confirmed'
	| 'queued'
	| 'closed';

/** `card` is non-enumerable: present for the actor, absent from every persisted copy. */
export interface AddPaymentMethodInput {
	readonly card: CardInput;
}

export interface PlaceOrderInput {
	orderId: string;
	mode: CheckoutMode;
	offerId: string;
	subscriptionId?: string;
	paymentMethodId: string;
	termsVersion: string;
}

export type PlaceOrderOutput = { status: 'confirmed'; orderId: string } | { status: 'queued' };

/** What the actors reject with; `code` decides where the wizard goes next. */
export class CheckoutActorError extends Error {
	readonly code: CheckoutErrorCode;
	readonly fields?: Record<string, string>;
	constructor(code: CheckoutErrorCode, message?: string, fields?: Record<string, string>) {
		super(message ?? code);
		this.name = 'CheckoutActorError';
		this.code = code;
		if (fields) this.fields = fields;
	}
}

/**
 * A code from the wire or the outbox, as a CheckoutErrorCode. It is trusted as a name only: the
 * UI shows a sentence per known code and a generic one for any other, never the code itself.
 */
export function checkoutErrorCode(code: string | undefined): CheckoutErrorCode {
	return (code || 'unknown') as CheckoutErrorCode;
}

/** Any rejection becomes plain data: errors in context must survive JSON and structured clone. */
export function toCheckoutError(err: unknown): CheckoutError {
	const e = (err ?? {}) as { code?: unknown; message?: unknown; fields?: unknown };
	const out: CheckoutError = { code: checkoutErrorCode(typeof e.code === 'string' ? e.code : undefined) };
	if (typeof e.message === 'string' && e.message) out.message = e.message;
	if (e.fields && typeof e.fields === 'object') {
		const fields: Record<string, string> = {};
		for (const [k, v] of Object.entries(e.fields as Record<string, unknown>)) fields[k] = String(v);
		out.fields = fields;
	}
	return out;
}

function hideCard(card: CardInput): AddPaymentMethodInput {
	const input = {} as AddPaymentMethodInput;
	Object.defineProperty(input, 'card', { value: card, enumerable: false });
	return input;
}

/** The step a snapshot is on (the top-level state name). */
export function checkoutStep(snapshot: { value: unknown }): CheckoutStep {
	const value = snapshot.value;
	return (typeof value === 'string' ? value : Object.keys(value as object)[0]) as CheckoutStep;
}

/**
 * Whether the snapshot may be written as the draft. While an actor is running (tag 'busy')
 * a restored copy would re-run it: harmless for placeOrder (deduplicated by orderId), but a
 * card save would restart without its card, so callers should skip or accept the retry.
 */
export function isSettled(snapshot: { hasTag: (tag: 'busy') => boolean }): boolean {
	return !snapshot.hasTag('busy');
}

export const checkoutMachine = setup({
	types: {
		context: {} as CheckoutContext,
		events: {} as CheckoutEvent,
		input: {} as CheckoutInput,
		tags: 'busy'
	},
	actors: {
		// Placeholders that fail loudly: the app must provide the real ones.
		addPaymentMethod: fromPromise<SavedCard, AddPaymentMethodInput>(async () => {
			throw new CheckoutActorError('unknown', 'addPaymentMethod is not provided');
		}),
		placeOrder: fromPromise<PlaceOrderOutput, PlaceOrderInput>(async () => {
			throw new CheckoutActorError('unknown', 'placeOrder is not provided');
		})
	},
	guards: {
		isRenew: ({ context }) => context.mode === 'renew',
		// Acceptance counts only for the version on screen: a newer version must be accepted anew.
		termsAccepted: ({ context }) => context.termsAccepted && context.acceptedTermsVersion === context.termsVersion,
		hasPaymentMethod: ({ context }) =>
			context.paymentMethodId !== null && context.savedCards.some((c) => c.id === context.paymentMethodId),
		hasNoSavedCards: ({ context }) => context.savedCards.length === 0,
		isSavedCard: ({ context, event }) => event.type === 'payment.choose' && context.savedCards.some((c) => c.id === event.id),
		isThisOrder: ({ context, event }) => event.type === 'order.landed' && event.orderId === context.orderId,
		orderConfirmed: (_, params: { output: PlaceOrderOutput }) => params.output.status === 'confirmed',
		isCardDeclined: (_, params: { error: unknown }) => toCheckoutError(params.error).code === 'card_declined'
	},
	actions: {
		clearError: assign({ error: null }),
		setTerms: assign(({ context, event }) => {
			assertEvent(event, 'terms.set');
			return {
				termsAccepted: event.accepted,
				acceptedTermsVersion: event.accepted ? context.termsVersion : null
			};
		}),
		choosePayment: assign(({ event }) => {
			assertEvent(event, 'payment.choose');
			return { paymentMethodId: event.id, error: null };
		}),
		updateCards: assign(({ context, event }) => {
			assertEvent(event, 'cards.updated');
			const cards = event.cards.map(cardDisplayFields);
			const stillThere = cards.some((c) => c.id === context.paymentMethodId);
			return { savedCards: cards, paymentMethodId: stillThere ? context.paymentMethodId : null };
		}),
		addSavedCard: assign(({ context }, params: { card: SavedCard }) => {
			const card = cardDisplayFields(params.card);
			// The sandbox may hand back a token it already gave: replace rather than list it twice.
			const others = context.savedCards.filter((c) => c.id !== card.id);
			return { savedCards: [...others, card], paymentMethodId: card.id, error: null };
		}),
		setActorError: assign((_, params: { error: unknown }) => ({ error: toCheckoutError(params.error) })),
		setConfirmed: assign(({ context }, params: { output: PlaceOrderOutput }) => {
			const { output } = params;
			return {
				outcome: 'confirmed' as const,
				confirmedOrderId: output.status === 'confirmed' ? output.orderId : context.orderId,
				error: null
			};
		}),
		setQueued: assign({ outcome: 'queued' as const, error: null }),
		setLanded: assign(({ event }) => {
			assertEvent(event, 'order.landed');
			return { outcome: 'confirmed' as const, confirmedOrderId: event.orderId, error: null };
		}),
		setFailed: assign(({ event }) => {
			assertEvent(event, 'order.failed');
			const error: CheckoutError = { code: event.code };
			if (event.message) error.message = event.message;
			return { outcome: null, error };
		})
	}
}).createMachine({
	id: 'checkout',
	context: ({ input }) => ({
		mode: input.mode,
		offerId: input.offerId,
		...(input.subscriptionId !== undefined ? { subscriptionId: input.subscriptionId } : {}),
		termsVersion: input.termsVersion,
		termsAccepted: false,
		acceptedTermsVersion: null,
		savedCards: input.savedCards.map(cardDisplayFields),
		paymentMethodId: null,
		orderId: input.orderId,
		error: null,
		outcome: null,
		confirmedOrderId: null
	}),
	initial: 'start',
	on: {
		'wizard.close': '.closed',
		'cards.updated': { actions: 'updateCards' }
	},
	states: {
		// Transient: purchase opens on the offer, renewal on the order details.
		start: {
			always: [{ guard: 'isRenew', target: 'reviewRenewal' }, { target: 'offer' }]
		},
		offer: {
			on: {
				'wizard.next': 'terms',
				// Back from the first step leaves the wizard.
				'wizard.back': 'closed'
			}
		},
		reviewRenewal: {
			on: {
				'wizard.next': 'terms',
				'wizard.back': 'closed'
			}
		},
		terms: {
			on: {
				'terms.set': { actions: 'setTerms' },
				'wizard.next': { guard: 'termsAccepted', target: 'payment' },
				'wizard.back': [{ guard: 'isRenew', target: 'reviewRenewal' }, { target: 'offer' }]
			}
		},
		payment: {
			on: {
				'payment.choose': { guard: 'isSavedCard', actions: 'choosePayment' },
				'payment.addNew': { target: 'addCard', actions: 'clearError' },
				'wizard.next': [
					{ guard: 'hasPaymentMethod', target: 'review', actions: 'clearError' },
					// With nothing to choose, Next is the same call to action as "Add a way to pay".
					{ guard: 'hasNoSavedCards', target: 'addCard', actions: 'clearError' }
				],
				'wizard.back': { target: 'terms', actions: 'clearError' }
			}
		},
		addCard: {
			initial: 'editing',
			states: {
				editing: {
					on: {
						'card.submit': { target: 'saving', actions: 'clearError' },
						'card.cancel': { target: '#checkout.payment', actions: 'clearError' },
						'wizard.back': { target: '#checkout.payment', actions: 'clearError' }
					}
				},
				// No Back or Cancel here: the card may already be saved by the API; wait for the answer.
				saving: {
					tags: 'busy',
					invoke: {
						id: 'addPaymentMethod',
						src: 'addPaymentMethod',
						input: ({ event }) => {
							assertEvent(event, 'card.submit');
							return hideCard(event.card);
						},
						onDone: { target: '#checkout.payment', actions: { type: 'addSavedCard', params: ({ event }) => ({ card: event.output }) } },
						onError: { target: 'editing', actions: { type: 'setActorError', params: ({ event }) => ({ error: event.error }) } }
					}
				}
			}
		},
		review: {
			on: {
				'order.purchase': { guard: and(['termsAccepted', 'hasPaymentMethod']), target: 'placing', actions: 'clearError' },
				'wizard.back': { target: 'payment', actions: 'clearError' }
			}
		},
		// A second Purchase while here has no handler, so it cannot start a second order.
		placing: {
			tags: 'busy',
			invoke: {
				id: 'placeOrder',
				src: 'placeOrder',
				input: ({ context }) => ({
					orderId: context.orderId,
					mode: context.mode,
					offerId: context.offerId,
					...(context.subscriptionId !== undefined ? { subscriptionId: context.subscriptionId } : {}),
					// The guard into this state ensures both are set.
					paymentMethodId: context.paymentMethodId ?? '',
					termsVersion: context.acceptedTermsVersion ?? context.termsVersion
				}),
				onDone: [
					{
						guard: { type: 'orderConfirmed', params: ({ event }) => ({ output: event.output }) },
						target: 'confirmed',
						actions: { type: 'setConfirmed', params: ({ event }) => ({ output: event.output }) }
					},
					{ target: 'queued', actions: 'setQueued' }
				],
				onError: [
					// The draft stays whole so the user only has to pick another card.
					{
						guard: { type: 'isCardDeclined', params: ({ event }) => ({ error: event.error }) },
						target: 'payment',
						actions: { type: 'setActorError', params: ({ event }) => ({ error: event.error }) }
					},
					{ target: 'review', actions: { type: 'setActorError', params: ({ event }) => ({ error: event.error }) } }
				]
			}
		},
		confirmed: {},
		// Written to the outbox but not charged; the sync engine reports back with these events.
		queued: {
			on: {
				'order.landed': { guard: 'isThisOrder', target: 'confirmed', actions: 'setLanded' },
				'order.failed': { target: 'payment', actions: 'setFailed' }
			}
		},
		closed: { type: 'final' }
	}
});

/** Keeps only the display fields, whatever extra the API or Dexie row carried. */
function cardDisplayFields(card: SavedCard): SavedCard {
	return {
		id: card.id,
		brand: card.brand,
		last4: card.last4,
		expMonth: card.expMonth,
		expYear: card.expYear,
		holderName: card.holderName
	};
}

export type CheckoutSnapshot = SnapshotFrom<typeof checkoutMachine>;
export type CheckoutSend = (event: CheckoutEvent) => void;
