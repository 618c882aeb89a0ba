/**
 * Whether this browser can show the app's reminders as notifications, and what the user
 * decided. Read without asking anything: the prompt only ever follows a tap
 * (device-reminders.ts).
 */

/** `unsupported`: no notifications or no service worker here (e.g. Safari in a tab on iOS). */
export type NotificationSupport = 'unsupported' | 'default' | 'granted' | 'denied';

export function notificationSupport(): NotificationSupport {
	if (typeof window === 'undefined' || !('Notification' in window) || !('serviceWorker' in navigator)) return 'unsupported';
	if (typeof ServiceWorkerRegistration === 'undefined' || !('showNotification' in ServiceWorkerRegistration.prototype)) return 'unsupported';
	return Notification.permission;
}
