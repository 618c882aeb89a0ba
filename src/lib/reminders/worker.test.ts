/**
 * The service worker's reminder check on the real Dexie (fake-indexeddb), with a recording
 * registration in place of the browser's notification tray.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { leapDaySubscription } from '$lib/testing/fixtures';
import { dismissReminder, enableDeviceReminders, disableDeviceReminders } from '$lib/actions/reminders';
import { getDb, type PartnerDB } from '$lib/db/db';
import { NOTIFIED_REMINDERS, readReminderFlags } from '$lib/db/reminders';
import { checkReminders, openFromNotification } from './worker';

const SUB = leapDaySubscription();

function registration() {
	const shown: { title: string; options: NotificationOptions }[] = [];
	const reg = {
		showNotification: vi.fn(async (title: string, options: NotificationOptions) => {
			shown.push({ title, options });
		})
	};
	return { reg: reg as unknown as ServiceWorkerRegistration, shown, fn: reg.showNotification };
}

let db: PartnerDB;
beforeEach(async () => {
	db = getDb();
	await Promise.all(db.tables.map((t) => t.clear()));
	await db.session.put({
		key: 'current',
		token: 't',
		signedInAt: '2024-01-01T00:00:00Z',
		user: { id: 'u-1', email: 'a@p.example', displayName: 'A', role: 'global_admin' },
		partner: { id: 'p-1' }
	} as never);
	await db.subscriptions.put(SUB);
	vi.stubGlobal('Notification', { permission: 'granted' });
});
afterEach(() => vi.unstubAllGlobals());

describe('checkReminders', () => {
	it('nothing until the partner turned reminders on, nor without permission', async () => {
		const { reg, fn } = registration();
		expect(await checkReminders(db, reg, { today: '2024-02-22' })).toBe(0);
		await enableDeviceReminders('en');
		vi.stubGlobal('Notification', { permission: 'default' });
		expect(await checkReminders(db, reg, { today: '2024-02-22' })).toBe(0);
		expect(fn).not.toHaveBeenCalled();
	});

	it('shows the due reminder once, in the stored language, tagged and linked to the subscription', async () => {
		await enableDeviceReminders('ko');
		const { reg, shown } = registration();
		const [a, b] = await Promise.all([checkReminders(db, reg, { today: '2024-02-22' }), checkReminders(db, reg, { today: '2024-02-22' })]);
		expect(a + b).toBe(1);
		expect(await checkReminders(db, reg, { today: '2024-02-27' })).toBe(0);
		expect(shown).toHaveLength(1);
		expect(shown[0].title).toBe('Action Pack 구독을 갱신하세요');
		expect(shown[0].options).toMatchObject({ tag: 'sub-1/2024-02-29/7', lang: 'ko', data: { url: '/partnership/offers/sub-1' } });
		// The next reminder of the schedule is a new one; the page's language switch reaches it.
		expect(await checkReminders(db, reg, { today: '2024-02-28', locale: 'en' })).toBe(1);
		expect(shown[1].title).toBe('Renew your Action Pack subscription');
		expect((await readReminderFlags(db)).device).toEqual({ enabled: true, locale: 'en' });
	});

	it('not for a reminder dismissed in the app, another partner, or once turned off', async () => {
		await enableDeviceReminders('en');
		await dismissReminder('sub-1/2024-02-29/7');
		await db.subscriptions.put({ ...SUB, id: 'sub-other', partnerId: 'p-2' });
		const { reg, fn } = registration();
		expect(await checkReminders(db, reg, { today: '2024-02-22' })).toBe(0);
		await disableDeviceReminders();
		expect(await checkReminders(db, reg, { today: '2024-02-28' })).toBe(0);
		expect(fn).not.toHaveBeenCalled();
	});

	it('a notification that could not be shown is released for the next check', async () => {
		await enableDeviceReminders('en');
		const reg = { showNotification: vi.fn().mockRejectedValueOnce(new TypeError('no permission')).mockResolvedValue(undefined) };
		expect(await checkReminders(db, reg as never, { today: '2024-02-22' })).toBe(0);
		expect((await db.meta.get(NOTIFIED_REMINDERS))?.value).toEqual([]);
		expect(await checkReminders(db, reg as never, { today: '2024-02-22' })).toBe(1);
	});
});

describe('openFromNotification', () => {
	const origin = 'https://app.example';
	const win = (url: string) => ({ url, focus: vi.fn(async () => undefined), navigate: vi.fn(async (to: string) => win(to)) });

	it('focuses a window already on the subscription', async () => {
		const w = win(`${origin}/partnership/offers/sub-1`);
		const clients = { matchAll: vi.fn(async () => [w]), openWindow: vi.fn() };
		await openFromNotification(clients as never, origin, { url: '/partnership/offers/sub-1' });
		expect(w.focus).toHaveBeenCalled();
		expect(clients.openWindow).not.toHaveBeenCalled();
	});

	it('brings another window there, or opens one', async () => {
		const w = win(`${origin}/`);
		const clients = { matchAll: vi.fn(async () => [w]), openWindow: vi.fn() };
		await openFromNotification(clients as never, origin, { url: '/partnership/offers/sub-1' });
		expect(w.navigate).toHaveBeenCalledWith(`${origin}/partnership/offers/sub-1`);
		const none = { matchAll: vi.fn(async () => []), openWindow: vi.fn() };
		await openFromNotification(none as never, origin, { url: '/partnership/offers/sub-1' });
		expect(none.openWindow).toHaveBeenCalledWith(`${origin}/partnership/offers/sub-1`);
	});

	it('never opens another site from a notification’s data', async () => {
		const none = { matchAll: vi.fn(async () => []), openWindow: vi.fn() };
		await openFromNotification(none as never, origin, { url: 'https://evil.example/' });
		expect(none.openWindow).toHaveBeenCalledWith(`${origin}/`);
	});
});
