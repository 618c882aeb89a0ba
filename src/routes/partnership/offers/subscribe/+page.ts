import { checkoutStringsReady } from '$lib/i18n/messages-checkout';

// The wizard's Korean strings come with the page and before its first paint (English users
// never download them).
export const load = () => checkoutStringsReady();
