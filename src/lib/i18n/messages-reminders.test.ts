import { describe, expect, it } from 'vitest';
import { isReminderLocale, reminderNotificationText } from './messages-reminders';

describe('reminderNotificationText', () => {
	it('English: days, tomorrow and today, with the end date in words', () => {
		expect(reminderNotificationText('en', { daysLeft: 7, endDate: '2024-02-29' })).toEqual({
			title: 'Renew your Action Pack subscription',
			body: 'It ends in 7 days, on February 29, 2024. Auto-renew is off: renew it to keep your benefits.'
		});
		expect(reminderNotificationText('en', { daysLeft: 1, endDate: '2025-12-31' }).body).toMatch(/^It ends tomorrow \(December 31, 2025\)/);
		expect(reminderNotificationText('en', { daysLeft: 0, endDate: '2025-12-31' }).body).toMatch(/^It ends today/);
	});

	it('Korean', () => {
		const { title, body } = reminderNotificationText('ko', { daysLeft: 7, endDate: '2024-02-29' });
		expect(title).toBe('Action Pack 구독을 갱신하세요');
		expect(body).toBe('7일 후(2024년 2월 29일)에 종료됩니다. 자동 갱신이 꺼져 있으므로 혜택을 유지하려면 갱신하세요.');
		expect(reminderNotificationText('ko', { daysLeft: 1, endDate: '2024-02-29' }).body).toMatch(/^내일/);
	});

	it('knows its languages', () => {
		expect(isReminderLocale('ko')).toBe(true);
		expect(isReminderLocale('fr')).toBe(false);
	});
});
