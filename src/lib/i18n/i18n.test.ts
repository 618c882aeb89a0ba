import { afterEach, describe, expect, it } from 'vitest';
import { i18n, t } from './i18n.svelte';

afterEach(() => i18n.set('en'));

describe('choosing a language', () => {
	it('is remembered at the tap, before its table has loaded, and shows once it has', async () => {
		const switching = i18n.set('ko');
		// A reload right now must already come up in Korean.
		expect(localStorage.getItem('pm.locale')).toBe('ko');
		await switching;
		expect(i18n.locale).toBe('ko');
		expect(t('dashboard')).toBe('대시보드');
	});

	it('keeps the last of two quick choices', async () => {
		const first = i18n.set('ko');
		const second = i18n.set('en');
		await Promise.all([first, second]);
		expect(localStorage.getItem('pm.locale')).toBe('en');
		expect(i18n.locale).toBe('en');
		expect(t('dashboard')).toBe('Dashboard');
	});
});
