/**
 * The service worker's side of device reminders: reads Dexie (subscriptions and the per-device
 * flags of src/lib/db/reminders.ts), shows each due reminder once with
 * `registration.showNotification`, and opens the subscription when one is tapped.
 */
import { localToday } from '$lib/app/today';
import type { PartnerDB } from '$lib/db/db';
import { NOTIFIED_REMINDERS, readReminderFlags, writeDevice, writeKeys } from '$lib/db/reminders';
import { pruneReminderKeys, remindersToNotify, type ReminderToNotify } from '$lib/domain/reminders';
import { reminderNotificationText, type ReminderLocale } from '$lib/i18n/messages-reminders';

export const subscriptionPath = (id: string) => `/partnership/offers/${encodeURIComponent(id)}`;

function permissionGranted(): boolean {
	return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

/**
 * Shows the reminders due today that this device has not shown yet. Safe to run at any time,
 * twice and from two triggers at once: a reminder's key is claimed in one Dexie transaction
 * before it is shown (and released if showing fails), and the notification's tag is that key,
 * so even a race could only replace a notification, never add a second one.
 */
export async function checkReminders(db: PartnerDB, registration: ServiceWorkerRegistration, options: { locale?: ReminderLocale; today?: string } = {}): Promise<number> {
	if (!permissionGranted()) return 0;
	const today = options.today ?? localToday();
	let locale: ReminderLocale = 'en';
	const claimed = await db.transaction('rw', db.meta, db.subscriptions, db.session, async (): Promise<ReminderToNotify[]> => {
		const [{ dismissed, notified, device }, subs, session] = await Promise.all([readReminderFlags(db), db.subscriptions.toArray(), db.session.get('current')]);
		if (!device?.enabled || !session) return [];
		if (options.locale && options.locale !== device.locale) await writeDevice(db, { ...device, locale: options.locale });
		locale = options.locale ?? device.locale;
		const mine = subs.filter((s) => s.partnerId === session.partner.id);
		const due = remindersToNotify(mine, today, { notified, dismissed });
		if (due.length) await writeKeys(db, NOTIFIED_REMINDERS, pruneReminderKeys([...notified, ...due.map((d) => d.storedKey)], subs));
		return due;
	});
	let shown = 0;
	for (const item of claimed) {
		const { title, body } = reminderNotificationText(locale, item.reminder);
		try {
			await registration.showNotification(title, {
				body,
				lang: locale,
				tag: item.storedKey,
				icon: '/icons/icon-192.png',
				data: { url: subscriptionPath(item.subscriptionId) }
			});
			shown++;
		} catch {
			// Permission withdrawn meanwhile: release the key so the next check can try again.
			await db.transaction('rw', db.meta, async () => {
				const { notified } = await readReminderFlags(db);
				await writeKeys(db, NOTIFIED_REMINDERS, notified.filter((k) => k !== item.storedKey));
			});
		}
	}
	return shown;
}

/** A tap on a reminder: focus a window already on the subscription, else bring one there. */
export async function openFromNotification(clients: Clients, origin: string, data: unknown): Promise<void> {
	const raw = (data as { url?: unknown } | null)?.url;
	// Only ever a path of this app: a notification's data must not open another site.
	const path = typeof raw === 'string' && raw.startsWith('/partnership/offers/') ? raw : '/';
	const url = new URL(path, origin).href;
	const windows = (await clients.matchAll({ type: 'window', includeUncontrolled: true })) as WindowClient[];
	const same = windows.find((w) => w.url === url);
	if (same) {
		await same.focus();
		return;
	}
	for (const w of windows) {
		try {
			const moved = await w.navigate(url);
			if (moved) {
				await moved.focus();
				return;
			}
		} catch {
			// Not controlled by this worker: try the next, or open a new window.
		}
	}
	await clients.openWindow(url);
}
