/**
 * Calendar dates as `YYYY-MM-DD` strings.
 *
 * A renewal date is a day on the calendar, not an instant: it must read the same on a phone in
 * Seoul and on a server in UTC. So dates travel and are stored as strings, and a `Date` object
 * is only a short-lived carrier inside these helpers. The carrier is built from local calendar
 * fields at noon and read back from local calendar fields, which keeps the round trip exact in
 * every process time zone (noon is never skipped by a DST change, midnight sometimes is).
 */

export type IsoDate = string;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (2023-02-29 is not one). */
export function isIsoDate(value: string): boolean {
	const m = ISO_DATE.exec(value);
	if (!m) return false;
	const year = Number(m[1]);
	const month = Number(m[2]);
	const day = Number(m[3]);
	if (month < 1 || month > 12 || day < 1) return false;
	return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
	// Day 0 of the next month is the last day of this one; UTC avoids any zone arithmetic.
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The carrier `Date` for a calendar date: local noon of that day. Throws on a bad date. */
export function parseDate(value: IsoDate): Date {
	const m = ISO_DATE.exec(value);
	if (!m || !isIsoDate(value)) throw new RangeError(`Not a YYYY-MM-DD date: ${value}`);
	const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, 0, 0, 0);
	// new Date(y, …) maps years 0–99 to 1900–1999; the calendar has no such quirk.
	d.setFullYear(Number(m[1]));
	return d;
}

/** The calendar date a carrier `Date` stands for, read from its local fields. */
export function formatDate(date: Date): IsoDate {
	if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date');
	// Not date-fns' format(): it brings its whole token parser (≈5 KB gzip) into the first
	// load for one fixed pattern.
	return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

export function addDays(date: IsoDate, n: number): IsoDate {
	return fromDayNumber(dayNumber(date) + n);
}

/** Whole calendar days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
	return dayNumber(b) - dayNumber(a);
}

/*
 * Day arithmetic on UTC day numbers rather than date-fns: a UTC day is always 86,400,000 ms
 * (no DST), so it is exact, and it keeps date-fns out of the dashboard's first load. date-fns
 * still does the calendar-aware part (addYears and its 29 February rule).
 */
const DAY_MS = 86_400_000;

function dayNumber(date: IsoDate): number {
	const d = parseDate(date);
	return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS;
}

function fromDayNumber(n: number): IsoDate {
	const d = new Date(n * DAY_MS);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** Sort order of two calendar dates: negative, zero or positive. */
export function compareDates(a: IsoDate, b: IsoDate): number {
	// Fixed-width ISO dates sort lexically; validating keeps a typo from sorting silently.
	if (!isIsoDate(a)) throw new RangeError(`Not a YYYY-MM-DD date: ${a}`);
	if (!isIsoDate(b)) throw new RangeError(`Not a YYYY-MM-DD date: ${b}`);
	return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
	return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
	return compareDates(a, b) >= 0 ? a : b;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date in an IANA time zone at an instant (what a wall calendar there shows). */
export function todayIn(instant: Date, timeZone: string): IsoDate {
	let f = formatters.get(timeZone);
	if (!f) {
		// en-US with explicit numeric parts; the parts are read by type, never by position.
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			calendar: 'gregory',
			numberingSystem: 'latn'
		});
		formatters.set(timeZone, f);
	}
	const parts = f.formatToParts(instant);
	const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
	const year = get('year').padStart(4, '0');
	return `${year}-${get('month')}-${get('day')}`;
}

/** The calendar year of a date. */
export function yearOf(date: IsoDate): number {
	return parseDate(date).getFullYear();
}
