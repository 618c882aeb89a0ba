/**
 * Reminder choices the partner makes on this device: dismissing an in-app reminder and turning
 * device reminders on or off. Local only (src/lib/db/reminders.ts says why no outbox entry).
 */
import { getDb } from '$lib/db/db';
import { DISMISSED_REMINDERS, readReminderFlags, writeDevice, writeKeys } from '$lib/db/reminders';
import { pruneReminderKeys } from '$lib/domain/reminders';
import type { ReminderLocale } from '$lib/i18n/messages-reminders';

/** `storedKey`: the domain's `storedReminderKey`. It stays dismissed; the next one in the schedule still shows. */
export async function dismissReminder(storedKey: string): Promise<void> {
	const db = getDb();
	await db.transaction('rw', db.meta, db.subscriptions, async () => {
		const [{ dismissed }, subs] = await Promise.all([readReminderFlags(db), db.subscriptions.toArray()]);
		await writeKeys(db, DISMISSED_REMINDERS, pruneReminderKeys([...dismissed, storedKey], subs));
	});
}

/** Called once the browser granted notifications: the service worker reads this. */
export async function enableDeviceReminders(locale: ReminderLocale): Promise<void> {
	await writeDevice(getDb(), { enabled: true, locale });
}

export async function disableDeviceReminders(): Promise<void> {
	const db = getDb();
	await db.transaction('rw', db.meta, async () => {
		const { device } = await readReminderFlags(db);
		await writeDevice(db, { enabled: false, locale: device?.locale ?? 'en' });
	});
}
