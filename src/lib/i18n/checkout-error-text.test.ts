import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from './i18n.svelte';
import { checkoutErrorText } from './messages-checkout';

afterEach(() => i18n.set('en'));

describe('checkoutErrorText', () => {
	it('never says "nothing was charged" when the answer to the order was lost or came too late', async () => {
		for (const code of ['expired', 'unreadable']) {
			expect(checkoutErrorText(code)).toMatch(/^This order may have reached Partner Center/);
			expect(checkoutErrorText(code)).not.toMatch(/Nothing was charged/i);
		}
		await i18n.set('ko');
		expect(checkoutErrorText('unreadable')).not.toContain('청구되지 않았습니다');
	});

	it('says nothing was charged for a refusal, and for a code it does not know', () => {
		expect(checkoutErrorText('unavailable')).toMatch(/Nothing was charged/);
		expect(checkoutErrorText('something_new')).toBe('The order was not placed. Nothing was charged; try again later.');
	});
});
