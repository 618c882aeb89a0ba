/**
 * "Add to calendar": an RFC 5545 iCalendar file with one all-day event on the subscription's
 * end date and an alarm before it. Hand-written (about 100 lines) rather than a dependency:
 * the npm `ics` package (3.12.0, checked for issue 9) depends on yup, nanoid and runes2 — a
 * validation library of its own next to valibot — for what is a fixed template here, and this
 * must run unchanged in the page, the service worker and Node. The details page loads it only
 * when "Add to calendar" is tapped.
 *
 * RFC 5545 details that matter to real calendar apps:
 * - every line ends in CRLF, the last one included (§3.1);
 * - lines longer than 75 octets are folded with CRLF + one space (§3.1), counted in UTF-8
 *   octets, never splitting a character (Korean summaries are 3 octets a character);
 * - TEXT values escape backslash, semicolon, comma and newlines (§3.3.11);
 * - an all-day event is DTSTART;VALUE=DATE with an exclusive DTEND the day after (§3.6.1);
 * - DTSTAMP is required in a VEVENT, in UTC (§3.8.7.2); it is passed in, so this stays pure.
 */
import { addDays, isIsoDate, type IsoDate } from './dates.ts';

/** Octets a line may hold before the CRLF (§3.1). */
const MAX_OCTETS = 75;

/** Days before the end date at which the calendar alarm fires. */
export const CALENDAR_ALARM_DAYS_BEFORE = 7;

export interface CalendarEventInput {
	/** Globally unique and stable for this event: importing the file again updates, not duplicates. */
	uid: string;
	/** The all-day event's date. */
	date: IsoDate;
	summary: string;
	description?: string;
	/** An https link back to the subscription. */
	url?: string;
	/** When the file is made (an ISO instant); becomes DTSTAMP in UTC. */
	stamp: string;
	/** Days before `date` at which the alarm fires; none when omitted. */
	alarmDaysBefore?: number;
	/** The alarm's text; the summary when omitted. */
	alarmDescription?: string;
}

/** Escapes a TEXT value (§3.3.11). Other control characters have no meaning here: dropped. */
export function escapeIcsText(value: string): string {
	return value
		.replace(/\r\n|\r|\n/g, '\n')
		.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\n/g, '\\n');
}

function utf8Length(codePoint: number): number {
	return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line (without its CRLF) into lines of at most 75 octets, joined by CRLF +
 * space. The space of a continuation line counts toward its 75.
 */
export function foldIcsLine(line: string): string {
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const ch of line) {
		// for…of walks code points, so a surrogate pair is never split either.
		const n = utf8Length(ch.codePointAt(0)!);
		const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
		if (octets + n > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += ch;
		octets += n;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** YYYY-MM-DD → YYYYMMDD (a DATE value, §3.3.4). */
function dateValue(date: IsoDate): string {
	if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
	return date.replace(/-/g, '');
}

/** An ISO instant → YYYYMMDDTHHMMSSZ (a UTC DATE-TIME, §3.3.5). */
function utcStamp(instant: string): string {
	const ms = Date.parse(instant);
	if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${instant}`);
	return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A URI value is not escaped (§3.3.13), so it must not be able to break the line. */
function uriValue(url: string): string {
	if (!/^https:\/\/[^\s\u0000-\u001F\u007F]+$/.test(url)) throw new RangeError('The event URL must be an https URL without spaces or controls');
	return url;
}

/** A whole VCALENDAR with one VEVENT, CRLF line ends and folded lines. */
export function icsEvent(input: CalendarEventInput): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Partner Membership//Renewal reminder//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		`UID:${escapeIcsText(input.uid)}`,
		`DTSTAMP:${utcStamp(input.stamp)}`,
		`DTSTART;VALUE=DATE:${dateValue(input.date)}`,
		`DTEND;VALUE=DATE:${dateValue(addDays(input.date, 1))}`,
		`SUMMARY:${escapeIcsText(input.summary)}`
	];
	if (input.description !== undefined) lines.push(`DESCRIPTION:${escapeIcsText(input.description)}`);
	if (input.url !== undefined) lines.push(`URL:${uriValue(input.url)}`);
	// A day marker, not a meeting: it must not show the partner as busy.
	lines.push('TRANSP:TRANSPARENT');
	if (input.alarmDaysBefore !== undefined) {
		const days = input.alarmDaysBefore;
		if (!Number.isInteger(days) || days < 0) throw new RangeError(`Bad alarm offset: ${days}`);
		lines.push(
			'BEGIN:VALARM',
			'ACTION:DISPLAY',
			`DESCRIPTION:${escapeIcsText(input.alarmDescription ?? input.summary)}`,
			// Relative to DTSTART (the default RELATED=START): the end date's midnight, local time.
			`TRIGGER:${days === 0 ? 'PT0S' : `-P${days}D`}`,
			'END:VALARM'
		);
	}
	lines.push('END:VEVENT', 'END:VCALENDAR');
	return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}

/**
 * The renewal event of a subscription: on its end date, alarm 7 days before. The UID names the
 * end date, so after a renewal the new file is a new event rather than a silent move of the old.
 */
export function renewalCalendarEvent(input: {
	subscriptionId: string;
	endDate: IsoDate;
	summary: string;
	description?: string;
	url?: string;
	stamp: string;
	/** The alarm's text; the summary when omitted. */
	alarmDescription?: string;
}): string {
	return icsEvent({
		uid: `${input.subscriptionId}-${input.endDate.replace(/-/g, '')}@partner-membership`,
		date: input.endDate,
		summary: input.summary,
		description: input.description,
		url: input.url,
		stamp: input.stamp,
		alarmDaysBefore: CALENDAR_ALARM_DAYS_BEFORE,
		alarmDescription: input.alarmDescription
	});
}

/** The file's MIME type, for a Blob or a download. */
export const ICS_MIME_TYPE = 'text/calendar;charset=utf-8';
