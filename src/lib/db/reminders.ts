/**
 * Per-device reminder flags, kept in the existing `meta` table (no new Dexie version):
 * - which in-app reminders were dismissed,
 * - which reminders this device already showed as a notification,
 * - whether the partner asked for reminders on this device, and in which language.
 * Why `meta` and not localStorage: the service worker must read all three (it has no
 * localStorage), liveQuery shows a dismissal in every open tab at once, and sign-out clears
 * `meta` with the rest of the partner's data, so the next user starts with none of these.
 * They are flags of this device, not the partner's data: no outbox entry, nothing synced.
 */
import type { PartnerDB } from './db';
import type { ReminderLocale } from '$lib/i18n/messages-reminders';

export const DISMISSED_REMINDERS = 'reminders.dismissed';
export const NOTIFIED_REMINDERS = 'reminders.notified';
export const DEVICE_REMINDERS = 'reminders.device';

export interface DeviceReminders {
	enabled: boolean;
	locale: ReminderLocale;
}

const keysOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : []);

export async function readReminderFlags(db: PartnerDB): Promise<{ dismissed: string[]; notified: string[]; device: DeviceReminders | null }> {
	const [dismissed, notified, device] = await db.meta.bulkGet([DISMISSED_REMINDERS, NOTIFIED_REMINDERS, DEVICE_REMINDERS]);
	const d = device?.value as Partial<DeviceReminders> | undefined;
	return {
		dismissed: keysOf(dismissed?.value),
		notified: keysOf(notified?.value),
		device: d && typeof d.enabled === 'boolean' ? { enabled: d.enabled, locale: d.locale === 'ko' ? 'ko' : 'en' } : null
	};
}

export function writeKeys(db: PartnerDB, key: typeof DISMISSED_REMINDERS | typeof NOTIFIED_REMINDERS, keys: readonly string[]) {
	return db.meta.put({ key, value: [...keys] });
}

export function writeDevice(db: PartnerDB, device: DeviceReminders) {
	return db.meta.put({ key: DEVICE_REMINDERS, value: device });
}
