/**
 * The renewal notification's words, English and Korean. The service worker shows it, where
 * neither the page's language state (i18n.svelte.ts, rune state) nor localStorage exist, so the
 * language is passed in: the one stored with "Remind me on this device" (src/lib/db/reminders.ts).
 * Small on purpose: the worker bundles it.
 */
export type ReminderLocale = 'en' | 'ko';

const text = {
	en: {
		title: 'Renew your Action Pack subscription',
		today: 'It ends today ({date}). Auto-renew is off: renew it to keep your benefits.',
		tomorrow: 'It ends tomorrow ({date}). Auto-renew is off: renew it to keep your benefits.',
		days: 'It ends in {count} days, on {date}. Auto-renew is off: renew it to keep your benefits.'
	},
	ko: {
		title: 'Action Pack 구독을 갱신하세요',
		today: '오늘({date}) 종료됩니다. 자동 갱신이 꺼져 있으므로 혜택을 유지하려면 갱신하세요.',
		tomorrow: '내일({date}) 종료됩니다. 자동 갱신이 꺼져 있으므로 혜택을 유지하려면 갱신하세요.',
		days: '{count}일 후({date})에 종료됩니다. 자동 갱신이 꺼져 있으므로 혜택을 유지하려면 갱신하세요.'
	}
} satisfies Record<ReminderLocale, Record<string, string>>;

export function isReminderLocale(value: unknown): value is ReminderLocale {
	return value === 'en' || value === 'ko';
}

/** A calendar date in the language, pinned to UTC so no zone can move the day. */
function longDate(date: string, locale: ReminderLocale): string {
	return new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** Title and body of the notification for a reminder with `daysLeft` days to `endDate`. */
export function reminderNotificationText(locale: ReminderLocale, reminder: { daysLeft: number; endDate: string }): { title: string; body: string } {
	const t = text[locale];
	const template = reminder.daysLeft <= 0 ? t.today : reminder.daysLeft === 1 ? t.tomorrow : t.days;
	return {
		title: t.title,
		body: template.replace('{count}', String(reminder.daysLeft)).replace('{date}', longDate(reminder.endDate, locale))
	};
}
