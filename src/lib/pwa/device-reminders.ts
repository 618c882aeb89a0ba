/**
 * "Remind me on this device": the page's side of device notifications. Loaded only when the
 * details page shows its reminder section, and the permission prompt only ever follows a tap.
 */
import { disableDeviceReminders, enableDeviceReminders } from '$lib/actions/reminders';
import type { ReminderLocale } from '$lib/i18n/messages-reminders';
import { notificationSupport, type NotificationSupport } from './notification-support';
import { REMINDER_PERIODIC_MIN_MS, REMINDER_PERIODIC_TAG, requestReminderCheck } from '$lib/reminders/protocol';


interface PeriodicSyncManager {
	register(tag: string, options?: { minInterval: number }): Promise<void>;
}

/** Where the browser has Periodic Background Sync (Chromium, installed apps), a daily check. */
async function registerPeriodicCheck(reg: ServiceWorkerRegistration): Promise<void> {
	const periodic = (reg as ServiceWorkerRegistration & { periodicSync?: PeriodicSyncManager }).periodicSync;
	if (!periodic) return;
	try {
		const status = await navigator.permissions?.query({ name: 'periodic-background-sync' as PermissionName });
		if (status && status.state !== 'granted') return;
		await periodic.register(REMINDER_PERIODIC_TAG, { minInterval: REMINDER_PERIODIC_MIN_MS });
	} catch {
		// Not allowed here (a browser tab, not an installed app): start and sync still check.
	}
}

/**
 * Asks for permission (called from the button's click), remembers the choice for the service
 * worker, and asks it to check at once. Returns the permission the browser settled on.
 */
export async function turnOnDeviceReminders(locale: ReminderLocale): Promise<NotificationSupport> {
	if (notificationSupport() === 'unsupported') return 'unsupported';
	let permission: NotificationPermission;
	try {
		permission = await Notification.requestPermission();
	} catch {
		return 'unsupported';
	}
	if (permission !== 'granted') return permission;
	await enableDeviceReminders(locale);
	const reg = await navigator.serviceWorker.ready;
	await registerPeriodicCheck(reg);
	requestReminderCheck(locale);
	return 'granted';
}

/** "Stop reminders on this device": the worker stops notifying; the permission stays the browser's. */
export async function turnOffDeviceReminders(): Promise<void> {
	await disableDeviceReminders();
	try {
		const reg = await navigator.serviceWorker.ready;
		const periodic = (reg as ServiceWorkerRegistration & { periodicSync?: { unregister(tag: string): Promise<void> } }).periodicSync;
		await periodic?.unregister(REMINDER_PERIODIC_TAG);
	} catch {
		// Nothing was registered.
	}
}
