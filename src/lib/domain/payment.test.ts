import { describe, expect, it } from 'vitest';
import { cardBrand, expiryValid, last4, luhnValid, normalizeCardNumber, parseExpiry, validateCard } from './payment.ts';

describe('normalizeCardNumber / last4', () => {
	it('strips spaces and dashes only', () => {
		expect(normalizeCardNumber('4242 4242-4242 4242')).toBe('4242424242424242');
		expect(normalizeCardNumber(' 4000\t0000 0000 0002 ')).toBe('4000000000000002');
		expect(normalizeCardNumber('4242.4242')).toBe('4242.4242');
	});
	it('keeps the last four digits', () => {
		expect(last4('4242 4242 4242 4242')).toBe('4242');
		expect(last4('3782-822463-10005')).toBe('0005');
	});
});

describe('luhnValid', () => {
	it('accepts well-known test numbers', () => {
		for (const n of ['4242424242424242', '4000 0000 0000 0002', '5555555555554444', '378282246310005', '6011111111111117', '3530111333300000', '2223003122003222']) {
			expect(luhnValid(n), n).toBe(true);
		}
	});
	it('rejects a changed digit and non-digits', () => {
		expect(luhnValid('4242424242424241')).toBe(false);
		expect(luhnValid('4000000000000001')).toBe(false);
		expect(luhnValid('')).toBe(false);
		expect(luhnValid('abcd')).toBe(false);
		expect(luhnValid('0')).toBe(false);
	});
});

describe('cardBrand', () => {
	it('recognises issuer ranges', () => {
		expect(cardBrand('4242424242424242')).toBe('visa');
		expect(cardBrand('5555555555554444')).toBe('mastercard');
		expect(cardBrand('2223003122003222')).toBe('mastercard');
		expect(cardBrand('2720990000000007')).toBe('mastercard');
		expect(cardBrand('378282246310005')).toBe('amex');
		expect(cardBrand('341111111111111')).toBe('amex');
		expect(cardBrand('6011111111111117')).toBe('discover');
		expect(cardBrand('6500000000000002')).toBe('discover');
		expect(cardBrand('6440000000000000')).toBe('discover');
		expect(cardBrand('3530111333300000')).toBe('jcb');
		expect(cardBrand('3566002020360505')).toBe('jcb');
	});
	it('says unknown otherwise', () => {
		expect(cardBrand('1234567812345670')).toBe('unknown');
		expect(cardBrand('2721000000000000')).toBe('unknown');
		expect(cardBrand('')).toBe('unknown');
		expect(cardBrand('x4242')).toBe('unknown');
	});
});

describe('expiryValid', () => {
	it('is valid through the last day of the expiry month', () => {
		expect(expiryValid(2, 2026, '2026-02-28')).toBe(true);
		expect(expiryValid(2, 2026, '2026-03-01')).toBe(false);
		expect(expiryValid(2, 2024, '2024-02-29')).toBe(true);
	});
	it('crosses year boundaries', () => {
		expect(expiryValid(12, 2025, '2025-12-31')).toBe(true);
		expect(expiryValid(12, 2025, '2026-01-01')).toBe(false);
		expect(expiryValid(1, 2026, '2025-12-31')).toBe(true);
	});
	it('rejects impossible months', () => {
		expect(expiryValid(0, 2030, '2026-01-01')).toBe(false);
		expect(expiryValid(13, 2030, '2026-01-01')).toBe(false);
		expect(expiryValid(1.5, 2030, '2026-01-01')).toBe(false);
	});
});

describe('parseExpiry', () => {
	it('reads MM/YY and MM/YYYY', () => {
		expect(parseExpiry('02/28')).toEqual({ month: 2, year: 2028 });
		expect(parseExpiry('2/2028')).toEqual({ month: 2, year: 2028 });
		expect(parseExpiry(' 12 / 30 ')).toEqual({ month: 12, year: 2030 });
	});
	it('rejects anything else', () => {
		for (const s of ['', '13/28', '00/28', '02-28', '0228', '02/2', '02/202', 'ab/cd']) {
			expect(parseExpiry(s), s).toBeNull();
		}
	});
});

describe('validateCard', () => {
	const today = '2026-01-15';
	const good = { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, securityCode: '123', holderName: 'Alex Admin' };

	it('passes a good card', () => {
		expect(validateCard(good, today)).toEqual({});
		expect(validateCard({ ...good, expMonth: undefined, expYear: undefined, expiry: '01/26' }, today)).toEqual({});
	});

	it('reports codes per field', () => {
		expect(validateCard({ cardNumber: '', expMonth: null, expYear: null, securityCode: '', holderName: ' ' }, today)).toEqual({
			cardNumber: 'required',
			expMonth: 'required',
			securityCode: 'required',
			holderName: 'required'
		});
		expect(validateCard({ ...good, cardNumber: '4242 4242 4242 4241' }, today)).toEqual({ cardNumber: 'luhn' });
		expect(validateCard({ ...good, cardNumber: '4242' }, today)).toEqual({ cardNumber: 'format' });
		expect(validateCard({ ...good, cardNumber: '4242x4242x4242x4242' }, today)).toEqual({ cardNumber: 'format' });
		expect(validateCard({ ...good, expMonth: 12, expYear: 2025 }, today)).toEqual({ expMonth: 'expired' });
		expect(validateCard({ ...good, expMonth: 13 }, today)).toEqual({ expMonth: 'format' });
		expect(validateCard({ ...good, securityCode: '12' }, today)).toEqual({ securityCode: 'format' });
	});

	it('accepts the current month and reports typed expiry on the expiry field', () => {
		expect(validateCard({ ...good, expMonth: 1, expYear: 2026 }, today)).toEqual({});
		const typed = { ...good, expMonth: undefined, expYear: undefined };
		expect(validateCard({ ...typed, expiry: '12/25' }, today)).toEqual({ expiry: 'expired' });
		expect(validateCard({ ...typed, expiry: '1225' }, today)).toEqual({ expiry: 'format' });
		expect(validateCard({ ...typed, expiry: '' }, today)).toEqual({ expiry: 'required' });
	});

	it('wants 4 security digits for American Express and 3 for the others', () => {
		expect(validateCard({ ...good, cardNumber: '378282246310005', securityCode: '1234' }, today)).toEqual({});
		expect(validateCard({ ...good, cardNumber: '378282246310005', securityCode: '123' }, today)).toEqual({ securityCode: 'format' });
		expect(validateCard({ ...good, securityCode: '1234' }, today)).toEqual({ securityCode: 'format' });
	});
});

describe('plausibleIin (issue 10)', () => {
	it('accepts the test numbers of every brand and refuses all-zero, one-digit and out-of-range issuers', async () => {
		const { plausibleIin, validateCard } = await import('./payment.ts');
		for (const n of ['4242424242424242', '5555555555554444', '378282246310005', '6011111111111117', '3530111333300000', '2223003122003222', '4000000000000002']) {
			expect(plausibleIin(n), n).toBe(true);
		}
		for (const n of ['0000000000000000', '000000000000', '4444444444444444', '1234567812345670', '7000000000000000', '9999999999999995']) {
			expect(plausibleIin(n), n).toBe(false);
		}
		const card = { expMonth: 12, expYear: 2030, securityCode: '123', holderName: 'A' };
		expect(validateCard({ ...card, cardNumber: '0000 0000 0000 0000' }, '2026-01-10').cardNumber).toBe('luhn');
		expect(validateCard({ ...card, cardNumber: '4242 4242 4242 4242' }, '2026-01-10').cardNumber).toBeUndefined();
	});
});
