/**
 * Sign-in and sign-out. Signing in as another user replaces everything stored for the previous
 * one in one transaction, so one partner's data can never show under another's session.
 */
import { ApiError } from '$lib/api/client';
import type { SignInBody } from '$lib/api/schemas';
import { api, db } from '$lib/app/context';

const USER_TABLES = [
	'session',
	'offers',
	'subscriptions',
	'supportTopics',
	'serviceRequests',
	'outbox',
	'paymentMethods',
	'orders',
	'invoices',
	'drafts',
	'meta'
] as const;

async function clearUserData(): Promise<void> {
	const d = db();
	await d.transaction('rw', USER_TABLES.map((t) => d.table(t)), async () => {
		for (const t of USER_TABLES) await d.table(t).clear();
	});
}

export type SignInResult = { ok: true } | { ok: false; reason: 'bad_credentials' | 'offline' | 'other'; message?: string };

export async function signIn(body: SignInBody): Promise<SignInResult> {
	try {
		const session = await api().signIn(body);
		const d = db();
		await d.transaction('rw', USER_TABLES.map((t) => d.table(t)), async () => {
			const previous = await d.session.get('current');
			// The same user signing in again (an expired session) keeps everything, above all the
			// writes still waiting in the outbox; another user starts from nothing.
			if (previous?.user.id !== session.user.id) {
				for (const t of USER_TABLES) await d.table(t).clear();
			}
			await d.session.put({ key: 'current', token: session.token, user: session.user, partner: session.partner, signedInAt: new Date().toISOString() });
		});
		return { ok: true };
	} catch (e) {
		if (e instanceof ApiError) {
			if (e.status === 401 || e.code === 'bad_credentials') return { ok: false, reason: 'bad_credentials' };
			if (e.kind === 'network') return { ok: false, reason: 'offline' };
			return { ok: false, reason: 'other', message: e.message };
		}
		return { ok: false, reason: 'other', message: String(e) };
	}
}

/** Writes still waiting; signing out would drop them, so the UI asks first. */
export async function pendingWrites(): Promise<number> {
	return db().outbox.filter((e) => e.state !== 'done').count();
}

export async function signOut(): Promise<void> {
	// Best effort: offline, the server-side session simply expires; local data goes now.
	await api()
		.signOut()
		.catch(() => undefined);
	await clearUserData();
}
