import { todayIn } from '$lib/domain/dates';

/** The user's own calendar date: what "days left" and reminders are counted from. */
export function localToday(now: Date = new Date()): string {
	return todayIn(now, Intl.DateTimeFormat().resolvedOptions().timeZone);
}
