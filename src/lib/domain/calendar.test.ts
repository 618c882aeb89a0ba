import { describe, expect, it } from 'vitest';
import { escapeIcsText, foldIcsLine, icsEvent, renewalCalendarEvent } from './calendar.ts';

const octets = (s: string) => new TextEncoder().encode(s).length;
/** RFC 5545 §3.1 unfolding: remove every CRLF followed by one space or tab. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const contentLines = (ics: string) => unfold(ics).split('\r\n').slice(0, -1);

const STAMP = '2026-01-10T08:30:05.123Z';

describe('renewalCalendarEvent', () => {
	const ics = renewalCalendarEvent({
		subscriptionId: 'sub-fabrikam-action-pack',
		endDate: '2026-01-30',
		summary: 'Microsoft Action Pack ends: renew',
		description: 'Renew in Partner Membership',
		url: 'https://partner.example/partnership/offers/sub-fabrikam-action-pack',
		stamp: STAMP
	});
	const lines = contentLines(ics);

	it('is one all-day VEVENT on the end date, inside a VCALENDAR 2.0', () => {
		expect(lines[0]).toBe('BEGIN:VCALENDAR');
		expect(lines).toContain('VERSION:2.0');
		expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
		expect(lines.at(-1)).toBe('END:VCALENDAR');
		expect(lines).toContain('DTSTART;VALUE=DATE:20260130');
		// DTEND of an all-day event is exclusive: the day after.
		expect(lines).toContain('DTEND;VALUE=DATE:20260131');
		expect(lines).toContain('DTSTAMP:20260110T083005Z');
		expect(lines).toContain('UID:sub-fabrikam-action-pack-20260130@partner-membership');
		expect(lines).toContain('SUMMARY:Microsoft Action Pack ends: renew');
		expect(lines).toContain('URL:https://partner.example/partnership/offers/sub-fabrikam-action-pack');
	});

	it('has a display alarm 7 days before, inside the event', () => {
		const begin = lines.indexOf('BEGIN:VALARM');
		const end = lines.indexOf('END:VALARM');
		expect(begin).toBeGreaterThan(lines.indexOf('BEGIN:VEVENT'));
		expect(end).toBeLessThan(lines.indexOf('END:VEVENT'));
		const alarm = lines.slice(begin, end);
		expect(alarm).toContain('ACTION:DISPLAY');
		expect(alarm).toContain('TRIGGER:-P7D');
		expect(alarm.some((l) => l.startsWith('DESCRIPTION:'))).toBe(true);
	});

	it('the alarm has its own words when given (the summary otherwise)', () => {
		const alarmOf = (text: string) => contentLines(text).slice(contentLines(text).indexOf('BEGIN:VALARM'));
		expect(alarmOf(ics)).toContain('DESCRIPTION:Microsoft Action Pack ends: renew');
		const own = renewalCalendarEvent({ subscriptionId: 's', endDate: '2028-02-29', summary: 'Ends', alarmDescription: '7일 후에 종료됩니다', stamp: STAMP });
		expect(contentLines(own)).toContain('DTSTART;VALUE=DATE:20280229');
		expect(alarmOf(own)).toContain('DESCRIPTION:7일 후에 종료됩니다');
		expect(alarmOf(own)).toContain('TRIGGER:-P7D');
	});

	it('ends every line with CRLF, the last one included, and has no bare LF or CR', () => {
		expect(ics.endsWith('\r\n')).toBe(true);
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	});

	it('a renewal (new end date) is a new event', () => {
		const later = renewalCalendarEvent({ subscriptionId: 'sub-fabrikam-action-pack', endDate: '2027-01-30', summary: 'x', stamp: STAMP });
		expect(contentLines(later)).toContain('UID:sub-fabrikam-action-pack-20270130@partner-membership');
		expect(contentLines(later)).toContain('DTSTART;VALUE=DATE:20270130');
	});

	it('29 February and year-end dates', () => {
		expect(contentLines(renewalCalendarEvent({ subscriptionId: 's', endDate: '2028-02-29', summary: 'x', stamp: STAMP }))).toContain('DTEND;VALUE=DATE:20280301');
		expect(contentLines(renewalCalendarEvent({ subscriptionId: 's', endDate: '2026-12-31', summary: 'x', stamp: STAMP }))).toContain('DTEND;VALUE=DATE:20270101');
	});
});

describe('escaping and folding', () => {
	it('escapes backslash, semicolon, comma and newlines in TEXT, and drops other controls', () => {
		expect(escapeIcsText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
		expect(escapeIcsText('x\u0000y\u0007z\tw')).toBe('xyz\tw');
	});

	it('folds long lines at 75 octets with CRLF + space, and unfolding gives the line back', () => {
		const line = 'DESCRIPTION:' + 'a'.repeat(200);
		const folded = foldIcsLine(line);
		for (const part of folded.split('\r\n')) expect(octets(part)).toBeLessThanOrEqual(75);
		expect(folded.split('\r\n').slice(1).every((p) => p.startsWith(' '))).toBe(true);
		expect(octets(folded.split('\r\n')[0])).toBe(75);
		expect(unfold(folded)).toBe(line);
	});

	it('leaves a line of exactly 75 octets alone', () => {
		const line = 'X'.repeat(75);
		expect(foldIcsLine(line)).toBe(line);
		expect(foldIcsLine(line + 'Y')).toBe(`${line}\r\n Y`);
	});

	it('never splits a multi-octet character (Korean, emoji)', () => {
		const line = 'SUMMARY:' + 'Microsoft Action Pack 구독이 곧 만료됩니다. 구독을 갱신하세요 😀'.repeat(4);
		const folded = foldIcsLine(line);
		for (const part of folded.split('\r\n')) {
			expect(octets(part)).toBeLessThanOrEqual(75);
			// A split character would decode to U+FFFD.
			expect(new TextDecoder().decode(new TextEncoder().encode(part))).toBe(part);
			expect(part).not.toMatch(/[\uD800-\uDBFF]$/);
		}
		expect(unfold(folded)).toBe(line);
	});

	it('every line of a whole file fits, and the Korean summary survives unfolding', () => {
		const summary = 'Microsoft Action Pack 구독 만료일, 갱신하세요; 알림: 7일 전';
		const ics = icsEvent({ uid: 'u@x', date: '2026-01-30', summary, description: '긴 설명 '.repeat(40), stamp: STAMP, alarmDaysBefore: 7 });
		for (const l of ics.split('\r\n')) expect(octets(l)).toBeLessThanOrEqual(75);
		expect(contentLines(ics)).toContain(`SUMMARY:${escapeIcsText(summary)}`);
		expect(contentLines(ics)).toContain('SUMMARY:Microsoft Action Pack 구독 만료일\\, 갱신하세요\\; 알림: 7일 전');
	});

	it('text cannot inject a property; a URL that could break a line is refused', () => {
		const ics = icsEvent({ uid: 'u', date: '2026-01-30', summary: 'x\r\nDTSTART:19700101', stamp: STAMP });
		expect(contentLines(ics).filter((l) => l.startsWith('DTSTART'))).toEqual(['DTSTART;VALUE=DATE:20260130']);
		expect(() => icsEvent({ uid: 'u', date: '2026-01-30', summary: 'x', url: 'https://a.example/\r\nX:y', stamp: STAMP })).toThrow(RangeError);
		expect(() => icsEvent({ uid: 'u', date: '2026-01-30', summary: 'x', url: 'javascript:alert(1)', stamp: STAMP })).toThrow(RangeError);
	});

	it('refuses a date that is not on the calendar and a bad stamp', () => {
		expect(() => icsEvent({ uid: 'u', date: '2026-02-30', summary: 'x', stamp: STAMP })).toThrow(RangeError);
		expect(() => icsEvent({ uid: 'u', date: '2026-01-30', summary: 'x', stamp: 'yesterday' })).toThrow(RangeError);
	});

	it('no alarm unless asked; 0 days is an alarm at the start', () => {
		expect(icsEvent({ uid: 'u', date: '2026-01-30', summary: 'x', stamp: STAMP })).not.toContain('VALARM');
		expect(icsEvent({ uid: 'u', date: '2026-01-30', summary: 'x', stamp: STAMP, alarmDaysBefore: 0 })).toContain('TRIGGER:PT0S');
	});
});
