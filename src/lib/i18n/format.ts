/**
 * Dates, times and counts in the app's two languages, written from CLDR's patterns instead of
 * built with Intl. The first Intl.DateTimeFormat or Intl.NumberFormat a page builds makes V8
 * load ICU's calendar and number data: 120–230 ms of main thread at a phone's speed (Chromium,
 * 4× CPU slowdown), a long task on every cold start of the dashboard, which shows a date and
 * the last sync time before anything else. The output is exactly Intl's for en-US and ko-KR
 * (format.test.ts checks it against Intl, day by day and minute by minute); money stays with
 * Intl (currencies have too many rules), and so does anything outside these patterns' range.
 *
 * Patterns (CLDR 48, as Chromium and Node print them):
 * - date, medium: "Dec 7, 2026" / "2026. 12. 7."
 * - date, long:   "December 7, 2026" / "2026년 12월 7일"
 * - date and time, medium + short: "Dec 7, 2026, 2:05 PM" / "2026. 12. 7. 오후 2:05"
 */
export type FormatLocale = 'en' | 'ko';
export type DateStyle = 'medium' | 'long';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A calendar date (year, month 1–12, day); null when Intl should do it (a year outside 1000–9999). */
export function calendarDate(year: number, month: number, day: number, locale: FormatLocale, style: DateStyle): string | null {
	if (year < 1000 || year > 9999) return null;
	if (locale === 'ko') return style === 'long' ? `${year}년 ${month}월 ${day}일` : `${year}. ${month}. ${day}.`;
	const name = MONTHS[month - 1];
	return `${style === 'long' ? name : name.slice(0, 3)} ${day}, ${year}`;
}

/** An instant in the device's own time zone (Date's local fields are that zone, as Intl's default is). */
export function localDateTime(d: Date, locale: FormatLocale): string | null {
	const date = calendarDate(d.getFullYear(), d.getMonth() + 1, d.getDate(), locale, 'medium');
	if (date === null) return null;
	const h = d.getHours();
	const time = `${h % 12 || 12}:${String(d.getMinutes()).padStart(2, '0')}`;
	return locale === 'ko' ? `${date} ${h < 12 ? '오전' : '오후'} ${time}` : `${date}, ${time} ${h < 12 ? 'AM' : 'PM'}`;
}

/** A whole count with thousands separators (a comma in both languages); null for anything else. */
export function groupedInteger(n: number): string | null {
	if (!Number.isSafeInteger(n)) return null;
	const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
	return n < 0 ? `-${digits}` : digits;
}
