import { checkoutStringsReady } from '$lib/i18n/messages-checkout';

// The card form's Korean strings come with the page and before its first paint.
export const load = () => checkoutStringsReady();
