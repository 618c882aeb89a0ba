// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { safeHttpsUrl } from './url.ts';

describe('safeHttpsUrl', () => {
	it('keeps https URLs', () => {
		expect(safeHttpsUrl('https://www.microsoft.com/licensing/terms')).toBe('https://www.microsoft.com/licensing/terms');
		expect(safeHttpsUrl(' https://example.com/a?b=1#c ')).toBe('https://example.com/a?b=1#c');
		expect(safeHttpsUrl('HTTPS://EXAMPLE.com')).toBe('https://example.com/');
	});

	it('refuses every other scheme, relative or malformed URLs, and non-strings', () => {
		for (const url of [
			'javascript:alert(1)',
			'JavaScript:alert(1)',
			' javascript:alert(1)',
			'java\tscript:alert(1)',
			'\u0001javascript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:msgbox(1)',
			'http://example.com',
			'ftp://example.com',
			'file:///etc/passwd',
			'//evil.example/x',
			'/relative',
			'https//missing-colon',
			'https://user:pass@example.com/',
			'',
			'https://' + 'a'.repeat(3000) + '.com',
			null,
			undefined,
			42
		]) {
			expect(safeHttpsUrl(url), String(url)).toBeNull();
		}
	});
});
