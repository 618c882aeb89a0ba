/**
 * Strings of the pages other than the dashboard (membership, offers, subscription, sign-in,
 * request details): a table of their own so the dashboard's first load does not carry them.
 * Korean users get the Korean half with the main Korean table (see routes/+layout.ts).
 */
import { pageTable } from './i18n.svelte';

export const pagesEn = {
	signIn: 'Sign in',
	earned: 'Earned designation',
	annual: 'Annual subscription',
	membershipTitle: 'Membership',
	silver: 'Silver',
	gold: 'Gold',
	notYet: 'Not yet',
	free: 'Free',
	competencySince: 'since {date}',
	offersTitle: 'Partnership > Offers',
	availableOffers: 'Available offers',
	purchasedOffers: 'Purchased offers',
	noAvailableOffers: 'No offers are available to your organization right now.',
	noPurchasedOffers: 'You have not purchased any offers yet.',
	subscribeNow: 'Subscribe now',
	perYear: 'per year',
	includesTax: '{tax} tax included · total {total}',
	benefitsIncluded: 'What it includes',
	alreadySubscribed: 'You already have an active Action Pack subscription.',
	cannotBuyNetwork: 'Only network members can subscribe.',
	cannotBuyRole: 'Only a Global admin or an MPN partner admin can buy offers.',
	startDate: 'Start date',
	on: 'On',
	off: 'Off',
	cancelSubscription: 'Cancel subscription',
	actions: 'Actions',
	turnOffAutoRenew: 'Turn off auto-renew',
	waitingToSync: 'Waiting to sync',
	renewalOpensOn: 'Renewal opens on {date}',
	renewalClosed: 'The renewal window closed on {date}.',
	cannotRenewRole: 'Only a Global admin or an MPN partner admin can renew.',
	invoices: 'Invoices',
	noInvoices: 'No invoices yet.',
	pendingOrder: 'Order not charged yet — will be placed when you are back online.',
	pendingOrderFailed: 'Partner Center did not accept the order, and nothing was charged. Buy it again to see why.',
	pendingOrderUnknown: 'This order may have reached Partner Center: its answer could not be confirmed. Check here after the next sync before you buy again.',
	errSave: 'This device could not save the change. Nothing was changed; try again.',
	errSaveFull: 'This device is out of storage space, so nothing was changed. Free some space, then try again.',
	resumeCheckout: 'Continue the order',
	draftWaiting: 'You have an unfinished order.',
	notFound: 'Not found',
	notFoundText: 'This page does not exist. Check the address or go back to the dashboard.',
} as const;

export type PagesMessageKey = keyof typeof pagesEn;

const table = pageTable(pagesEn, async () => (await import('./messages-pages-ko')).pagesKo);

/** `t` for these pages' strings. */
export const tp = table.t;
export const pagesStringsReady = table.ready;
