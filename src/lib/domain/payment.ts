/**
 * Card checks done before a card number leaves the form. They only catch typos: the issuer
 * (here the sandbox) decides whether a card is really good. Nothing here keeps a number.
 */
import type { IsoDate } from './dates.ts';

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'unknown';

/** Error codes, not text: the UI translates them. */
export type CardErrorCode = 'required' | 'luhn' | 'expired' | 'format';

/** Spaces and dashes are how people type card numbers; anything else is a real typo. */
export function normalizeCardNumber(input: string): string {
	return input.replace(/[\s-]/g, '');
}

export function luhnValid(number: string): boolean {
	const digits = normalizeCardNumber(number);
	if (!/^\d{2,}$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = digits.charCodeAt(digits.length - 1 - i) - 48;
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

function prefixIn(digits: string, length: number, from: number, to: number): boolean {
	if (digits.length < length) return false;
	const p = Number(digits.slice(0, length));
	return p >= from && p <= to;
}

/**
 * A number a card issuer could have given: the first digit names a card industry (2 to 6:
 * Mastercard's 2-series, travel and entertainment, Visa, Mastercard, Discover and others), and
 * not one digit repeated (0000 0000 0000 0000 passes Luhn, as does every all-zero number).
 */
export function plausibleIin(number: string): boolean {
	const d = normalizeCardNumber(number);
	if (!/^[2-6]\d+$/.test(d)) return false;
	return !/^(\d)\1*$/.test(d);
}

/** Brand from the issuer number ranges (IIN); 'unknown' is allowed, only shown differently. */
export function cardBrand(number: string): CardBrand {
	const d = normalizeCardNumber(number);
	if (!/^\d+$/.test(d)) return 'unknown';
	if (d.startsWith('4')) return 'visa';
	if (prefixIn(d, 2, 51, 55) || prefixIn(d, 4, 2221, 2720)) return 'mastercard';
	if (d.startsWith('34') || d.startsWith('37')) return 'amex';
	if (d.startsWith('6011') || d.startsWith('65') || prefixIn(d, 3, 644, 649) || prefixIn(d, 6, 622126, 622925)) {
		return 'discover';
	}
	if (prefixIn(d, 4, 3528, 3589)) return 'jcb';
	return 'unknown';
}

/** A card is good through the last day of its expiry month. */
export function expiryValid(month: number, year: number, today: IsoDate): boolean {
	if (!Number.isInteger(month) || !Number.isInteger(year) || month < 1 || month > 12) return false;
	const ty = Number(today.slice(0, 4));
	const tm = Number(today.slice(5, 7));
	return year > ty || (year === ty && month >= tm);
}

/** 'MM/YY' or 'MM/YYYY' (spaces allowed around the slash); two-digit years are 20YY. */
export function parseExpiry(input: string): { month: number; year: number } | null {
	const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(input);
	if (!m) return null;
	const month = Number(m[1]);
	if (month < 1 || month > 12) return null;
	const year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
	return { month, year };
}

export interface CardDraft {
	cardNumber: string;
	/** Either the typed 'MM/YY' text (errors go to `expiry`)… */
	expiry?: string;
	/** …or the parsed month and year (errors go to `expMonth`, as the API reports them). */
	expMonth?: number | null;
	expYear?: number | null;
	securityCode: string;
	holderName: string;
}

export type CardField = 'cardNumber' | 'expiry' | 'expMonth' | 'securityCode' | 'holderName';
export type CardErrors = Partial<Record<CardField, CardErrorCode>>;

/** Field → error code; an empty object means the card may be sent. */
export function validateCard(input: CardDraft, today: IsoDate): CardErrors {
	const errors: CardErrors = {};

	const number = normalizeCardNumber(input.cardNumber ?? '');
	if (number === '') errors.cardNumber = 'required';
	else if (!/^\d{12,19}$/.test(number)) errors.cardNumber = 'format';
	// An implausible issuer is reported as a mistyped number: it is one, for the person typing.
	else if (!luhnValid(number) || !plausibleIin(number)) errors.cardNumber = 'luhn';

	if (input.expiry !== undefined) {
		if (input.expiry.trim() === '') errors.expiry = 'required';
		else {
			const parsed = parseExpiry(input.expiry);
			if (!parsed) errors.expiry = 'format';
			else if (!expiryValid(parsed.month, parsed.year, today)) errors.expiry = 'expired';
		}
	} else {
		const month = input.expMonth;
		const year = input.expYear;
		if (month === undefined || month === null || year === undefined || year === null) errors.expMonth = 'required';
		else if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(year)) errors.expMonth = 'format';
		else if (!expiryValid(month, year, today)) errors.expMonth = 'expired';
	}

	const code = (input.securityCode ?? '').trim();
	// American Express prints 4 digits on the front; the others 3 on the back.
	const codeLength = cardBrand(number) === 'amex' ? 4 : 3;
	if (code === '') errors.securityCode = 'required';
	else if (!new RegExp(`^\\d{${codeLength}}$`).test(code)) errors.securityCode = 'format';

	if ((input.holderName ?? '').trim() === '') errors.holderName = 'required';

	return errors;
}

/** The only part of a number that may be kept and shown. */
export function last4(number: string): string {
	return normalizeCardNumber(number).slice(-4);
}
