import { afterEach, describe, expect, it } from 'vitest';
import {
	addDays,
	compareDates,
	daysBetween,
	formatDate,
	isIsoDate,
	maxDate,
	minDate,
	parseDate,
	todayIn,
	yearOf
} from './dates.ts';
import { anniversary } from './term.ts';

// Every assertion below compares strings, so it holds whatever zone the process runs in;
// the 'process time zone' block proves it by switching zones inside the run.

describe('isIsoDate / parseDate / formatDate', () => {
	it('accepts real calendar dates only', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2023-02-29')).toBe(false);
		expect(isIsoDate('2024-04-31')).toBe(false);
		expect(isIsoDate('2024-13-01')).toBe(false);
		expect(isIsoDate('2024-00-10')).toBe(false);
		expect(isIsoDate('2024-1-01')).toBe(false);
		expect(isIsoDate('2024-01-01T00:00:00Z')).toBe(false);
		expect(isIsoDate('')).toBe(false);
	});

	it('round-trips through the carrier Date', () => {
		for (const d of ['2024-02-29', '2025-12-31', '2026-01-01', '1999-03-28', '2026-03-08', '2026-11-01']) {
			expect(formatDate(parseDate(d))).toBe(d);
		}
	});

	it('keeps years below 100 as written', () => {
		expect(formatDate(parseDate('0099-06-15'))).toBe('0099-06-15');
	});

	it('throws on malformed input', () => {
		expect(() => parseDate('2023-02-29')).toThrow(RangeError);
		expect(() => parseDate('31/01/2024')).toThrow(RangeError);
		expect(() => formatDate(new Date(Number.NaN))).toThrow(RangeError);
	});

	it('reads the year', () => {
		expect(yearOf('2028-02-29')).toBe(2028);
	});
});

describe('addDays', () => {
	it('crosses month ends', () => {
		expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
		expect(addDays('2025-01-31', 28)).toBe('2025-02-28');
		expect(addDays('2024-01-31', 29)).toBe('2024-02-29');
		expect(addDays('2025-04-30', 1)).toBe('2025-05-01');
	});

	it('crosses leap days', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
		expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
	});

	it('crosses year boundaries both ways', () => {
		expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
		expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
		expect(addDays('2025-12-02', 30)).toBe('2026-01-01');
		expect(addDays('2026-03-01', -90)).toBe('2025-12-01');
	});

	it('counts 365 or 366 days a year', () => {
		expect(addDays('2023-03-01', 366)).toBe('2024-03-01');
		expect(addDays('2024-03-01', 365)).toBe('2025-03-01');
	});

	it('is unaffected by DST changes (US and EU 2026 transitions)', () => {
		expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
		expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
		expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
		expect(addDays('2026-10-31', 2)).toBe('2026-11-02');
	});

	it('adds zero', () => {
		expect(addDays('2024-02-29', 0)).toBe('2024-02-29');
	});
});

describe('daysBetween', () => {
	it('counts calendar days, signed', () => {
		expect(daysBetween('2026-01-01', '2026-01-21')).toBe(20);
		expect(daysBetween('2026-01-21', '2026-01-01')).toBe(-20);
		expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
		expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
		expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
		expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
		expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
		expect(daysBetween('2026-10-01', '2026-11-01')).toBe(31);
		expect(daysBetween('2026-05-05', '2026-05-05')).toBe(0);
	});

	it('inverts addDays', () => {
		for (const n of [-400, -90, -1, 0, 1, 30, 59, 365, 1000]) {
			expect(daysBetween('2024-02-29', addDays('2024-02-29', n))).toBe(n);
		}
	});
});

describe('anniversary', () => {
	it('keeps the calendar day', () => {
		expect(anniversary('2025-06-15', 1)).toBe('2026-06-15');
		expect(anniversary('2025-12-31', 1)).toBe('2026-12-31');
		expect(anniversary('2026-01-01', 1)).toBe('2027-01-01');
		expect(anniversary('2025-01-31', 1)).toBe('2026-01-31');
		expect(anniversary('2025-06-15', 0)).toBe('2025-06-15');
	});

	it('puts 29 February on 28 February in common years and back on 29 in leap years', () => {
		expect(anniversary('2024-02-29', 1)).toBe('2025-02-28');
		expect(anniversary('2024-02-29', 2)).toBe('2026-02-28');
		expect(anniversary('2024-02-29', 3)).toBe('2027-02-28');
		expect(anniversary('2024-02-29', 4)).toBe('2028-02-29');
		expect(anniversary('2024-02-29', 8)).toBe('2032-02-29');
	});

	it('is computed from the start, not chained (chaining loses the 29th)', () => {
		const chained = anniversary(anniversary(anniversary(anniversary('2024-02-29', 1), 1), 1), 1);
		expect(chained).toBe('2028-02-28');
		expect(anniversary('2024-02-29', 4)).toBe('2028-02-29');
	});

	it('goes backwards too', () => {
		expect(anniversary('2025-02-28', -1)).toBe('2024-02-28');
		expect(anniversary('2028-02-29', -1)).toBe('2027-02-28');
	});

	it('skips 2100, which is not a leap year', () => {
		expect(anniversary('2096-02-29', 4)).toBe('2100-02-28');
		expect(anniversary('2096-02-29', 8)).toBe('2104-02-29');
	});
});

describe('compareDates / minDate / maxDate', () => {
	it('orders dates', () => {
		expect(compareDates('2025-12-31', '2026-01-01')).toBeLessThan(0);
		expect(compareDates('2026-01-01', '2025-12-31')).toBeGreaterThan(0);
		expect(compareDates('2026-01-01', '2026-01-01')).toBe(0);
		expect(['2026-01-02', '2024-02-29', '2025-12-31'].sort(compareDates)).toEqual([
			'2024-02-29',
			'2025-12-31',
			'2026-01-02'
		]);
		expect(minDate('2026-01-01', '2025-12-31')).toBe('2025-12-31');
		expect(maxDate('2026-01-01', '2025-12-31')).toBe('2026-01-01');
	});

	it('refuses non-dates rather than sorting them silently', () => {
		expect(() => compareDates('2026-1-1', '2026-01-01')).toThrow(RangeError);
	});
});

describe('todayIn', () => {
	it('gives different dates on both sides of the date line at one instant', () => {
		// 10:30 UTC: 00:30 next day in Kiritimati (UTC+14), 23:30 previous day in Pago Pago (UTC-11).
		const instant = new Date('2026-01-01T10:30:00Z');
		expect(todayIn(instant, 'Pacific/Kiritimati')).toBe('2026-01-02');
		expect(todayIn(instant, 'Pacific/Pago_Pago')).toBe('2025-12-31');
		expect(todayIn(instant, 'UTC')).toBe('2026-01-01');
	});

	it('Seoul is already tomorrow while Los Angeles is still today', () => {
		// 2026-07-15 16:00 UTC = 2026-07-16 01:00 KST = 2026-07-15 09:00 PDT.
		const instant = new Date('2026-07-15T16:00:00Z');
		expect(todayIn(instant, 'Asia/Seoul')).toBe('2026-07-16');
		expect(todayIn(instant, 'America/Los_Angeles')).toBe('2026-07-15');
	});

	it('handles midnight exactly and leap days', () => {
		expect(todayIn(new Date('2024-02-28T15:00:00Z'), 'Asia/Seoul')).toBe('2024-02-29');
		expect(todayIn(new Date('2024-02-29T14:59:59.999Z'), 'Asia/Seoul')).toBe('2024-02-29');
		expect(todayIn(new Date('2024-02-29T15:00:00Z'), 'Asia/Seoul')).toBe('2024-03-01');
		expect(todayIn(new Date('2025-01-01T07:59:59Z'), 'America/Los_Angeles')).toBe('2024-12-31');
		expect(todayIn(new Date('2025-01-01T08:00:00Z'), 'America/Los_Angeles')).toBe('2025-01-01');
	});

	it('throws on an unknown zone', () => {
		expect(() => todayIn(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
	});
});

describe('process time zone', () => {
	const original = process.env.TZ;
	afterEach(() => {
		if (original === undefined) delete process.env.TZ;
		else process.env.TZ = original;
	});

	// Node re-reads TZ when it is assigned, so each zone below really changes local time.
	const zones = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Seoul', 'America/Los_Angeles', 'America/Santiago', 'Asia/Kathmandu'];

	it('really switches the zone', () => {
		const instant = new Date('2026-01-01T00:00:00Z');
		process.env.TZ = 'Pacific/Kiritimati';
		expect(instant.getTimezoneOffset()).toBe(-14 * 60);
		process.env.TZ = 'Pacific/Pago_Pago';
		expect(instant.getTimezoneOffset()).toBe(11 * 60);
	});

	it.each(zones)('date arithmetic is the same in %s', (zone) => {
		process.env.TZ = zone;
		expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
		expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(daysBetween('2026-03-01', '2026-04-15')).toBe(45);
		expect(daysBetween('2026-09-01', '2026-11-15')).toBe(75);
		expect(anniversary('2024-02-29', 1)).toBe('2025-02-28');
		expect(anniversary('2024-02-29', 4)).toBe('2028-02-29');
		expect(formatDate(parseDate('2026-09-06'))).toBe('2026-09-06');
		expect(todayIn(new Date('2026-01-01T10:30:00Z'), 'Pacific/Kiritimati')).toBe('2026-01-02');
	});
});
