/**
 * Between the page and the service worker about renewal reminders. Kept apart from
 * src/lib/sync/protocol.ts: reminders are not sync, they only run after it.
 */
import type { ReminderLocale } from '$lib/i18n/messages-reminders';

/** The Periodic Background Sync tag (Chromium, installed apps only): a daily reminder check. */
export const REMINDER_PERIODIC_TAG = 'pm-reminders';
/** How often the browser may wake the worker for it, at most. */
export const REMINDER_PERIODIC_MIN_MS = 12 * 60 * 60 * 1000;

/** "Check now": sent at app start, after each of the page's syncs and when reminders are turned on. */
export interface CheckRemindersMessage {
	type: 'pm.check-reminders';
	/** The page's language now: a switch of language reaches the next notification. */
	locale: ReminderLocale;
}

export function checkRemindersMessage(locale: ReminderLocale): CheckRemindersMessage {
	return { type: 'pm.check-reminders', locale };
}

export function isCheckRemindersMessage(data: unknown): data is CheckRemindersMessage {
	return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'pm.check-reminders';
}

/** The page side: ask the active worker to check. No worker (dev, unsupported): nothing to do. */
export function requestReminderCheck(locale: ReminderLocale): void {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	void navigator.serviceWorker.ready.then((reg) => reg.active?.postMessage(checkRemindersMessage(locale))).catch(() => {});
}
