/**
 * The hand-written date, time and count formats must print exactly what Intl prints, or a
 * partner would see two spellings of one date. Checked against Node's Intl (the same CLDR as
 * Chromium) day by day over seven years and every few minutes across days that matter: month
 * ends, a leap day, a year end, clock changes, in several time zones. Node's ICU has no Korean
 * day periods (it prints "AM"), so Korean times are checked against what Chromium prints.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { calendarDate, groupedInteger, localDateTime } from './format';
import { formatDate, formatDateTime, i18n } from './i18n.svelte';

const savedTz = process.env.TZ;
afterEach(async () => {
	process.env.TZ = savedTz;
	await i18n.set('en');
});

const TAG = { en: 'en-US', ko: 'ko-KR' } as const;

describe('calendarDate', () => {
	for (const locale of ['en', 'ko'] as const)
		for (const style of ['medium', 'long'] as const)
			it(`prints every day of 2023–2029 as Intl does (${locale}, ${style})`, () => {
				const intl = new Intl.DateTimeFormat(TAG[locale], { dateStyle: style, timeZone: 'UTC' });
				const misses: string[] = [];
				for (let t = Date.UTC(2023, 0, 1); t <= Date.UTC(2029, 11, 31); t += 86_400_000) {
					const d = new Date(t);
					const ours = calendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), locale, style);
					if (ours !== intl.format(d)) misses.push(`${d.toISOString().slice(0, 10)}: ${ours} ≠ ${intl.format(d)}`);
				}
				expect(misses).toEqual([]);
			});

	it('prints the leap day and the month ends around it', () => {
		expect(calendarDate(2028, 2, 29, 'en', 'medium')).toBe('Feb 29, 2028');
		expect(calendarDate(2028, 2, 29, 'ko', 'long')).toBe('2028년 2월 29일');
		expect(calendarDate(2026, 12, 31, 'en', 'long')).toBe('December 31, 2026');
		expect(calendarDate(2027, 1, 1, 'ko', 'medium')).toBe('2027. 1. 1.');
	});

	it('leaves years outside 1000–9999 to Intl', () => {
		expect(calendarDate(999, 1, 1, 'en', 'medium')).toBeNull();
		expect(calendarDate(10000, 1, 1, 'ko', 'long')).toBeNull();
	});
});

describe('localDateTime', () => {
	const zones = ['UTC', 'Asia/Seoul', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/London'];
	// Days around a month end, the 2028 leap day, a year end, and the US and EU clock changes.
	const days = ['2026-01-31', '2028-02-28', '2028-02-29', '2026-12-31', '2026-03-08', '2026-03-29', '2026-11-01', '2026-10-25'];

	for (const zone of zones)
		it(`prints every 7th minute of those days as Intl does, in ${zone} (en)`, () => {
			process.env.TZ = zone;
			const intl = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
			const misses: string[] = [];
			for (const day of days) {
				const start = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
				for (let t = start; t < start + 3 * 86_400_000; t += 7 * 60_000) {
					const d = new Date(t);
					if (localDateTime(d, 'en') !== intl.format(d)) misses.push(`${d.toISOString()}: ${localDateTime(d, 'en')} ≠ ${intl.format(d)}`);
				}
			}
			expect(misses.slice(0, 5)).toEqual([]);
		});

	it('prints Korean times as Chromium does: 오전 and 오후, 12 at midnight and noon', () => {
		process.env.TZ = 'Asia/Seoul';
		const at = (iso: string) => localDateTime(new Date(iso), 'ko');
		expect(at('2026-01-04T15:07:00Z')).toBe('2026. 1. 5. 오전 12:07');
		expect(at('2026-01-05T00:07:00Z')).toBe('2026. 1. 5. 오전 9:07');
		expect(at('2026-01-05T03:00:00Z')).toBe('2026. 1. 5. 오후 12:00');
		expect(at('2026-01-05T04:07:00Z')).toBe('2026. 1. 5. 오후 1:07');
		expect(at('2028-02-29T14:59:00Z')).toBe('2028. 2. 29. 오후 11:59');
		// Korean dates without the time are Node's and Chromium's alike.
		expect(at('2026-12-31T15:00:00Z')!.startsWith(new Intl.DateTimeFormat('ko-KR', { dateStyle: 'medium', timeZone: 'Asia/Seoul' }).format(new Date('2026-12-31T15:00:00Z')))).toBe(true);
	});

	it('leaves years outside 1000–9999 to Intl', () => {
		expect(localDateTime(new Date('0900-01-01T12:00:00Z'), 'en')).toBeNull();
	});
});

describe('groupedInteger', () => {
	it('groups thousands as Intl does in both languages', () => {
		for (const n of [0, 7, 999, 1000, 10_000, 123_456, 1_234_567, -1234, Number.MAX_SAFE_INTEGER]) {
			expect(groupedInteger(n)).toBe(new Intl.NumberFormat('en-US').format(n));
			expect(groupedInteger(n)).toBe(new Intl.NumberFormat('ko-KR').format(n));
		}
	});

	it('leaves fractions and non-numbers to Intl', () => {
		expect(groupedInteger(1.5)).toBeNull();
		expect(groupedInteger(Number.NaN)).toBeNull();
		expect(groupedInteger(Infinity)).toBeNull();
	});
});

describe('formatDate and formatDateTime, in the current language', () => {
	it('use the hand-written forms and keep their guards', async () => {
		process.env.TZ = 'America/Los_Angeles';
		expect(formatDate('2028-02-29')).toBe('Feb 29, 2028');
		expect(formatDate('2026-12-31T23:30:00Z', 'long')).toBe('December 31, 2026');
		expect(formatDateTime('2027-01-01T07:30:00Z')).toBe('Dec 31, 2026, 11:30 PM');
		expect(formatDate('not a date')).toBe('not a date');
		expect(formatDateTime('')).toBe('');
		await i18n.set('ko');
		expect(formatDate('2028-02-29', 'long')).toBe('2028년 2월 29일');
		expect(formatDateTime('2027-01-01T07:30:00Z')).toBe('2026. 12. 31. 오후 11:30');
	});
});
