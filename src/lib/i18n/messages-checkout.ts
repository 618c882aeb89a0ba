/**
 * Strings of the checkout wizard (flows B and D), in their own table so that they load with the
 * wizard routes only and stay out of the dashboard's first-load budget. Labels from the source
 * document are verbatim (DESIGN.md §4): tests find controls by these names.
 */
import { pageTable } from './i18n.svelte';

export const checkoutEn = {
	'co.next': 'Next',
	'co.back': 'Back',
	'co.close': 'Close',
	'co.purchase': 'Purchase',
	'co.purchasing': 'Placing your order…',
	'co.renewSubscription': 'Renew subscription',
	'co.addWayToPay': 'Get started! Add a way to pay.',
	// Step titles
	'co.stepOffer': 'Offer',
	'co.stepTerms': 'Terms of internal-use rights',
	'co.stepPayment': 'Payment',
	'co.stepAddCard': 'Enter payment info',
	'co.stepReview': 'Review order details',
	// Offer
	'co.priceWithTax': '{total} a year, tax included',
	'co.priceBreakdown': '{amount} + {tax} tax',
	'co.termOneYear': 'One-year term, renews automatically on the purchase date.',
	'co.benefits': 'What it includes',
	// Terms
	'co.termsVersion': 'Version {version}',
	'co.readTerms': 'Read the full terms',
	'co.acceptTerms': 'I accept the terms',
	'co.termsRequired': 'Accept the terms to continue.',
	// Payment
	'co.chooseCard': 'Choose how to pay',
	'co.cardLabel': '{brand} •••• {last4}, expires {exp}',
	'co.noCards': 'You have no saved way to pay yet.',
	'co.chooseCardRequired': 'Choose a card to continue.',
	'co.declined': 'Your card was declined. Choose another card or add a new one.',
	// Card form
	'co.cardNumber': 'Card number',
	'co.expiry': 'Expiration date',
	'co.expiryHint': 'MM/YY',
	'co.securityCode': 'Security code',
	'co.securityCodeHint': '3 digits on the back; 4 on the front for American Express.',
	'co.holderName': 'Cardholder name',
	'co.cardNotStored': 'Your card number is sent once to Partner Center and never kept on this device.',
	'co.saving': 'Saving your card…',
	'co.fixErrors': 'Check the highlighted fields.',
	'co.errCardNumberRequired': 'Enter the card number.',
	'co.errCardNumberFormat': 'Enter the 12 to 19 digits of the card number.',
	'co.errCardNumberLuhn': 'This card number is not valid. Check the digits.',
	'co.errExpiryRequired': 'Enter the expiration date.',
	'co.errExpiryFormat': 'Enter the expiration date as MM/YY.',
	'co.errExpiryExpired': 'This card has expired.',
	'co.errSecurityCodeRequired': 'Enter the security code.',
	'co.errSecurityCodeFormat': 'Enter the 3-digit security code (4 digits for American Express).',
	'co.errHolderNameRequired': 'Enter the cardholder name.',
	'co.addCardOffline': 'Adding a card needs a connection. You are offline; your order draft is kept.',
	'co.addCardFailed': 'The card could not be added. Check it, or try another card.',
	'co.cardFormUnavailable': 'The card form could not be opened. Check your connection, then try again.',
	'co.errFieldRefused': 'Partner Center did not accept this. Check it and try again.',
	// Review
	'co.offer': 'Offer',
	'co.subtotal': 'Subtotal',
	'co.tax': 'Tax',
	'co.total': 'Total',
	'co.starts': 'Starts',
	'co.ends': 'Ends',
	'co.currentEndDate': 'Current end date',
	'co.newEndDate': 'New end date',
	'co.paymentMethod': 'Payment method',
	'co.paidWith': 'Paid with {brand} ending in {last4}',
	'co.termsAccepted': 'Terms accepted',
	'co.chargedOnPurchase': 'Your card is charged when you select Purchase.',
	'co.errUnavailable': 'Partner Center could not take the order right now. Nothing was charged; try again.',
	'co.errOrder': 'The order was not placed. Nothing was charged; try again later.',
	'co.errOutcomeUnknown': 'This order may have reached Partner Center: its answer could not be confirmed, so it is not sent again. Check Purchased offers after the next sync before you buy again.',
	'co.errNotMember': 'Only network members can buy the Action Pack.',
	'co.errAlreadySubscribed': 'Your organization already has an active Action Pack subscription.',
	'co.errRole': 'Your role cannot buy or renew. Ask a Global admin or an MPN partner admin.',
	'co.errWindow': 'This subscription cannot be renewed today.',
	'co.errBlocked': 'An earlier change to this subscription was not accepted. Retry or discard it on the subscription page first.',
	'co.errInvalid': 'Some order details were not accepted. Go back, check them and try again.',
	// Outcome
	'co.confirmed': 'Your order is confirmed.',
	'co.renewsAutomatically': 'Your Action Pack subscription will renew automatically each year on this date.',
	'co.nextStepActivate': 'Next step: Activate your Action Pack subscription',
	'co.activateBenefits': 'Activate benefits',
	'co.orderNumber': 'Order {id}',
	'co.queuedTitle': 'Your order is saved on this device',
	'co.queuedBadge': 'Not charged yet',
	'co.queued': "Not charged yet — will be placed when you're back online.",
	// Draft
	'co.resumeDraft': 'Resume your draft?',
	'co.resume': 'Resume',
	'co.discardDraft': 'Discard draft',
	'inv.subscribeTitle': 'Subscribe to Microsoft Action Pack',
	'inv.renewTitle': 'Renew your Action Pack subscription',
	'inv.viewInvoice': 'View invoice'
} as const;

export type CheckoutMessageKey = keyof typeof checkoutEn;


const table = pageTable(checkoutEn, async () => (await import('./messages-checkout-ko')).checkoutKo);

/** `t` for the checkout strings. */
export const tc = table.t;
/** For the `load` of a page that shows these strings: its Korean, before the first paint. */
export const checkoutStringsReady = table.ready;

const brandNames: Record<string, string> = {
	visa: 'Visa',
	mastercard: 'Mastercard',
	amex: 'American Express',
	discover: 'Discover',
	jcb: 'JCB'
};

/** Why an order was not placed, in the user's words: never the server's own text or code. */
export function checkoutErrorText(code: string): string {
	const key: Partial<Record<string, CheckoutMessageKey>> = {
		unavailable: 'co.errUnavailable',
		not_network_member: 'co.errNotMember',
		already_subscribed: 'co.errAlreadySubscribed',
		forbidden_role: 'co.errRole',
		outside_renewal_window: 'co.errWindow',
		blocked: 'co.errBlocked',
		validation: 'co.errInvalid',
		card_declined: 'co.declined',
		// The answer was lost or came too late to trust: it may have been charged.
		expired: 'co.errOutcomeUnknown',
		unreadable: 'co.errOutcomeUnknown'
	};
	return tc(key[code] ?? 'co.errOrder');
}

/** Card brands are trade names: the same in every language. */
export function brandName(brand: string): string {
	return brandNames[brand.toLowerCase()] ?? (brand ? brand[0].toUpperCase() + brand.slice(1) : '');
}
