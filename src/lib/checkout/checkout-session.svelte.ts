/**
 * One checkout in progress (flow B, purchase; flow D, renewal): the wizard's XState actor, its
 * draft in Dexie and the order it follows. The subscribe and renew pages create it; the wizard
 * component only shows its snapshot and calls what it exposes.
 *
 * Invariants
 * - Every settled step is the draft (a save mid-request would restore without its card).
 * - While an order waits in the outbox, the session follows it to its end (landed or refused),
 *   in this tab or after a reload (the draft restores the "queued" step).
 * - A card number never enters the actor's context, the draft or this object: the card form
 *   hands it to the addPaymentMethod actor, which sends it once to the API.
 */
import { onDestroy, untrack } from 'svelte';
import { createActor, fromPromise, type Actor } from 'xstate';
import { discardDraft, draftId, orderProgress$, placeOrder, saveDraft } from '$lib/actions/checkout';
import type { Offer, Order, PaymentMethod, Subscription } from '$lib/api/schemas';
import type { DraftRow } from '$lib/db/db';
import { order$ } from '$lib/db/account-queries';
import { checkoutErrorCode, checkoutMachine, type CheckoutEvent, type CheckoutSnapshot } from '$lib/machines/checkout.machine';

export interface CheckoutSessionInput {
	mode: 'purchase' | 'renew';
	offer: Offer;
	subscription?: Subscription;
	cards: PaymentMethod[];
	/** A saved draft of this checkout, if any. */
	draft: DraftRow | null;
	/** Called once the wizard is done (closed after confirmation). */
	ondone: () => void;
}

const machine = checkoutMachine.provide({
	actors: {
		// The API client loads only when a card is actually added.
		addPaymentMethod: fromPromise(async ({ input }) => (await import('$lib/actions/payment-methods')).addPaymentMethod(input.card)),
		placeOrder: fromPromise(({ input }) => placeOrder(input))
	}
});

export class CheckoutSession {
	snapshot = $state<CheckoutSnapshot | null>(null);
	/** A draft exists and the user has not yet chosen to resume or discard it. */
	askResume = $state(false);
	/** The order once it has landed: the confirmation links to it and its invoice. */
	placed = $state<Order | null>(null);

	readonly #input: CheckoutSessionInput;
	readonly #draftId: string;
	#actor: Actor<typeof machine> | null = null;
	#progress: { unsubscribe(): void } | null = null;
	#placedSub: { unsubscribe(): void } | null = null;

	constructor(input: CheckoutSessionInput) {
		this.#input = input;
		this.#draftId = draftId(input.mode, input.mode === 'renew' ? (input.subscription?.id ?? '') : input.offer.id);
		if (input.draft) this.askResume = true;
		else this.#start(null);
	}

	get draft(): DraftRow | null {
		return this.#input.draft;
	}

	send = (event: CheckoutEvent) => this.#actor?.send(event);

	resume = () => this.#start(this.#input.draft);

	discard = async () => {
		await discardDraft(this.#draftId);
		this.#start(null);
	};

	/**
	 * The saved list may change under the wizard (a card added in another tab, or removed). The
	 * same list again is not news: every event saves the draft, the page's draft query answers
	 * that save, and its answer calls this again, so passing it on would loop for ever (a
	 * thousand IndexedDB writes a second, found by counting a wizard's transactions).
	 */
	updateCards(cards: PaymentMethod[]) {
		if (sameJson(cards, this.#input.cards)) return;
		this.#input.cards = cards;
		this.#actor?.send({ type: 'cards.updated', cards });
	}

	destroy() {
		this.#progress?.unsubscribe();
		this.#placedSub?.unsubscribe();
		this.#actor?.stop();
	}

	#start(restore: DraftRow | null) {
		this.askResume = false;
		this.#actor?.stop();
		const { mode, offer, subscription, cards } = this.#input;
		const actor = createActor(machine, {
			...(restore ? { snapshot: restore.snapshot as never } : {}),
			input: {
				mode,
				offerId: offer.id,
				...(subscription ? { subscriptionId: subscription.id } : {}),
				termsVersion: offer.terms.version,
				savedCards: cards,
				orderId: crypto.randomUUID()
			}
		});
		this.#actor = actor;
		actor.subscribe((s) => {
			this.snapshot = s;
			void this.#persist(s);
			this.#follow(s);
			this.#watchPlaced(s.context.confirmedOrderId);
			if (s.status === 'done') void this.#finish();
		});
		actor.start();
		actor.send({ type: 'cards.updated', cards });
	}

	/** The last snapshot saved: an event that changes nothing is not written again. */
	#saved = '';

	async #persist(s: CheckoutSnapshot) {
		if (s.status === 'done' || s.hasTag('busy') || !this.#actor) return;
		const snapshot = this.#actor.getPersistedSnapshot();
		const json = JSON.stringify(snapshot);
		if (json === this.#saved) return;
		const { mode, subscription } = this.#input;
		await saveDraft({ id: this.#draftId, mode, ...(subscription ? { subscriptionId: subscription.id } : {}), snapshot });
		this.#saved = json;
	}

	#follow(s: CheckoutSnapshot) {
		if (!s.matches('queued')) {
			this.#progress?.unsubscribe();
			this.#progress = null;
			return;
		}
		if (this.#progress) return;
		this.#progress = orderProgress$(s.context.orderId).subscribe((p) => {
			if (p.state === 'confirmed') this.#actor?.send({ type: 'order.landed', orderId: p.orderId });
			else if (p.state === 'failed') this.#actor?.send({ type: 'order.failed', code: checkoutErrorCode(p.code), message: p.message });
		});
	}

	#watchedOrder: string | null = null;
	#watchPlaced(orderId: string | null | undefined) {
		if (!orderId || orderId === this.#watchedOrder) return;
		this.#watchedOrder = orderId;
		this.#placedSub?.unsubscribe();
		this.#placedSub = order$(orderId).subscribe((o) => (this.placed = o));
	}

	async #finish() {
		this.#progress?.unsubscribe();
		await discardDraft(this.#draftId);
		this.#input.ondone();
	}
}

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * For a page: the session, created once `input()` says the wizard may be shown (not before: a
 * session saves a draft at its first step), kept in step with the saved cards, and stopped
 * with the page.
 */
export function useCheckoutSession(input: () => CheckoutSessionInput | null): { readonly current: CheckoutSession | null } {
	let session = $state<CheckoutSession | null>(null);
	$effect(() => {
		const i = input();
		if (!i) return;
		if (session) session.updateCards(i.cards);
		else session = untrack(() => new CheckoutSession(i));
	});
	onDestroy(() => session?.destroy());
	return {
		get current() {
			return session;
		}
	};
}
