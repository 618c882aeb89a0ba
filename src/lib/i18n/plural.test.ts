import { afterEach, describe, expect, it } from 'vitest';
import { i18n, translate } from './i18n.svelte';

const en = { waiting: '{count, plural, one {# change is} other {# changes are}} waiting.', plain: '{count} items' };
const ko = { waiting: '변경 내용 {count}개가 대기 중입니다.', plain: '{count}개' };

afterEach(() => i18n.set('en'));

describe('plural messages', () => {
	it('choose the English form by Intl.PluralRules', () => {
		expect(translate(en, ko, 'waiting', { count: 1 })).toBe('1 change is waiting.');
		expect(translate(en, ko, 'waiting', { count: 0 })).toBe('0 changes are waiting.');
		expect(translate(en, ko, 'waiting', { count: 12 })).toBe('12 changes are waiting.');
		expect(translate(en, ko, 'plain', { count: 3 })).toBe('3 items');
	});

	it('write a count with its thousands separator, in either language', async () => {
		expect(translate(en, ko, 'waiting', { count: 10000 })).toBe('10,000 changes are waiting.');
		expect(translate(en, ko, 'plain', { count: 1500 })).toBe('1,500 items');
		await i18n.set('ko');
		expect(translate(en, ko, 'plain', { count: 10000 })).toBe('10,000개');
	});

	it('leave Korean, which has one form, as it is', async () => {
		await i18n.set('ko');
		expect(translate(en, ko, 'waiting', { count: 1 })).toBe('변경 내용 1개가 대기 중입니다.');
	});
});
