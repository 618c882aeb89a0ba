/**
 * Money as a number in the currency's major unit, rounded to the currency's minor digits
 * (USD cents, KRW none). The digits come from Intl, so the client and the sandbox agree
 * on them without a table to keep in sync.
 */

const digitsCache = new Map<string, number>();

export function currencyDigits(currency: string): number {
	const code = currency.toUpperCase();
	let digits = digitsCache.get(code);
	if (digits === undefined) {
		digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
		digitsCache.set(code, digits);
	}
	return digits;
}

/** Half away from zero at the currency's minor unit, immune to binary float residue (1.005). */
export function roundMoney(amount: number, currency: string): number {
	if (!Number.isFinite(amount)) throw new RangeError(`Not a money amount: ${amount}`);
	const factor = 10 ** currencyDigits(currency);
	// toPrecision(15) drops the float noise (1.005 * 100 = 100.49999…) before rounding.
	const scaled = Number((Math.abs(amount) * factor).toPrecision(15));
	const rounded = (Math.sign(amount) * Math.round(scaled)) / factor;
	return rounded === 0 ? 0 : rounded;
}

export interface PriceWithTax {
	currency: string;
	amount: number;
	taxRate: number;
	tax: number;
	total: number;
}

/** Tax is rounded once, on the line; the total is the sum of the rounded parts. */
export function priceWithTax(amount: number, taxRate: number, currency: string): PriceWithTax {
	const net = roundMoney(amount, currency);
	const tax = roundMoney(net * taxRate, currency);
	return { currency, amount: net, taxRate, tax, total: roundMoney(net + tax, currency) };
}
