import { afterEach, describe, expect, it } from 'vitest';
import { todayIn } from '$lib/domain/dates';
import { localToday } from './today';

const saved = process.env.TZ;
afterEach(() => {
	process.env.TZ = saved;
});

describe('localToday (the device’s calendar date)', () => {
	it.each([
		['Asia/Seoul', '2024-02-28T15:30:00Z', '2024-02-29'], // leap day begins in Seoul first
		['America/Los_Angeles', '2025-01-01T07:59:00Z', '2024-12-31'], // still New Year's Eve
		['America/Los_Angeles', '2025-01-01T08:00:00Z', '2025-01-01'],
		['Pacific/Kiritimati', '2023-12-31T10:00:00Z', '2024-01-01'], // UTC+14
		['Pacific/Pago_Pago', '2024-03-01T10:59:00Z', '2024-02-29'], // UTC−11, leap day lasts
		['Europe/Berlin', '2024-03-31T00:59:59Z', '2024-03-31'] // the night clocks go forward
	])('in %s at %s it is %s', (zone, instant, day) => {
		process.env.TZ = zone;
		expect(localToday(new Date(instant))).toBe(day);
	});

	it('agrees with the domain’s todayIn for the device’s zone, hour by hour across a year-end and a leap day', () => {
		for (const zone of ['Asia/Seoul', 'America/New_York', 'Australia/Lord_Howe', 'UTC']) {
			process.env.TZ = zone;
			for (const start of ['2023-12-30T00:00:00Z', '2024-02-27T00:00:00Z']) {
				for (let h = 0; h < 96; h++) {
					const at = new Date(Date.parse(start) + h * 3_600_000);
					expect(localToday(at), `${zone} ${at.toISOString()}`).toBe(todayIn(at, zone));
				}
			}
		}
	});
});
