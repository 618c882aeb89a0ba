/**
 * Terms and anniversaries: the calendar-aware part of the date rules, with date-fns. Kept apart
 * from dates.ts so that the dashboard, which only counts days, does not load date-fns.
 */
import { addYears } from 'date-fns';
import { formatDate, parseDate, yearOf, type IsoDate } from './dates.ts';

/**
 * The same calendar day `years` later. A 29 February start falls on 28 February in common
 * years and on 29 February again in leap years: always counted from the original start, never
 * chained year by year (chaining would lose the 29th for good after the first common year).
 */
export function anniversary(startDate: IsoDate, years: number): IsoDate {
	return formatDate(addYears(parseDate(startDate), years));
}

/** End of the first term: one year after purchase, on the purchase anniversary. */
export function termEnd(startDate: IsoDate): IsoDate {
	return anniversary(startDate, 1);
}

/**
 * The end date after one more renewal. It extends from the current end date, not from today,
 * and lands on the purchase anniversary: counting years from the original start keeps a
 * 29 February purchase on 29 February in leap years even after common years in between.
 */
export function renewedEndDate(startDate: IsoDate, currentEndDate: IsoDate): IsoDate {
	const years = yearOf(currentEndDate) - yearOf(startDate);
	if (years >= 0 && anniversary(startDate, years) === currentEndDate) {
		return anniversary(startDate, years + 1);
	}
	// An end date off the anniversary (set by hand, or by a past rule) keeps its own day.
	return anniversary(currentEndDate, 1);
}
