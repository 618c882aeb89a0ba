import { describe, expect, it } from 'vitest';
import { currencyDigits, priceWithTax, roundMoney } from './money.ts';

describe('currencyDigits', () => {
	it('comes from Intl', () => {
		expect(currencyDigits('USD')).toBe(2);
		expect(currencyDigits('KRW')).toBe(0);
		expect(currencyDigits('JPY')).toBe(0);
		expect(currencyDigits('EUR')).toBe(2);
		expect(currencyDigits('BHD')).toBe(3);
		expect(currencyDigits('usd')).toBe(2);
	});
});

describe('roundMoney', () => {
	it('rounds to minor units, half away from zero, without float residue', () => {
		expect(roundMoney(1.005, 'USD')).toBe(1.01);
		expect(roundMoney(1.004, 'USD')).toBe(1);
		expect(roundMoney(-1.005, 'USD')).toBe(-1.01);
		expect(roundMoney(0.1 + 0.2, 'USD')).toBe(0.3);
		expect(roundMoney(55999.5, 'KRW')).toBe(56000);
		expect(roundMoney(1.0005, 'BHD')).toBe(1.001);
		expect(Object.is(roundMoney(-0.001, 'USD'), 0)).toBe(true);
	});
	it('refuses non-finite amounts', () => {
		expect(() => roundMoney(Number.NaN, 'USD')).toThrow(RangeError);
		expect(() => roundMoney(Number.POSITIVE_INFINITY, 'USD')).toThrow(RangeError);
	});
});

describe('priceWithTax', () => {
	it('prices the Action Pack in the US and in Korea', () => {
		expect(priceWithTax(475, 0.08, 'USD')).toEqual({ currency: 'USD', amount: 475, taxRate: 0.08, tax: 38, total: 513 });
		expect(priceWithTax(560000, 0.1, 'KRW')).toEqual({ currency: 'KRW', amount: 560000, taxRate: 0.1, tax: 56000, total: 616000 });
	});
	it('rounds the tax once and adds rounded parts', () => {
		expect(priceWithTax(19.99, 0.0825, 'USD')).toEqual({ currency: 'USD', amount: 19.99, taxRate: 0.0825, tax: 1.65, total: 21.64 });
		expect(priceWithTax(12345, 0.1, 'KRW')).toEqual({ currency: 'KRW', amount: 12345, taxRate: 0.1, tax: 1235, total: 13580 });
	});
	it('handles no tax', () => {
		expect(priceWithTax(475, 0, 'USD')).toEqual({ currency: 'USD', amount: 475, taxRate: 0, tax: 0, total: 475 });
	});
});
