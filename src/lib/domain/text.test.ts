// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { hasControlCharacters, hasVisibleText } from './text.ts';

describe('hasControlCharacters', () => {
	it('finds NUL and other controls anywhere, but allows tab and line breaks', () => {
		for (const s of ['a\u0000b', '\u0000', 'title\u0007', '\u001b[31mred', 'x\u007f', 'x\u0085y']) expect(hasControlCharacters(s), JSON.stringify(s)).toBe(true);
		for (const s of ['plain', 'two\nlines', 'tab\there', 'crlf\r\n', '한국어', 'emoji 🎉']) expect(hasControlCharacters(s), s).toBe(false);
	});
});

describe('hasVisibleText', () => {
	it('refuses text made only of invisible characters', () => {
		for (const s of ['', '   ', '\u200b\u200b', '\ufeff', '\u200d\u200c\u2060', '\u00a0\u3000', '\u3164', '\u2800', '\u0301', '\u202e\u202d', '\t\n']) {
			expect(hasVisibleText(s), JSON.stringify(s)).toBe(false);
		}
	});
	it('accepts text with anything visible, in any script', () => {
		for (const s of ['a', ' \u200b x', '구독 취소', '🎉', '1', 'é']) expect(hasVisibleText(s), s).toBe(true);
	});
});
