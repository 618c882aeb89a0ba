/**
 * Sign-in and sign-out. Both take the sync lock, so a session never changes in the middle of a
 * flush: a flush sends its entries with the token it read together with them, and applies the
 * answers before another user's session can begin.
 *
 * Switching to another user clears everything shown for the previous one, but never the writes
 * it still has waiting: they stay in the outbox, tagged with their user, and are sent when that
 * user signs in again (the engine only sends the signed-in user's entries).
 */
import { ApiError, type ApiClient } from '$lib/api/client';
import type { ServiceRequestBody, SignInBody } from '$lib/api/schemas';
import { api } from '$lib/app/context';
import { getDb, type PartnerDB } from '$lib/db/db';
import { webLock, type Lock } from '$lib/sync/lock';
import { ATTEMPT_PREFIX, outboxInOrder, WRITE_COUNTER } from '$lib/db/outbox';

export interface SessionDeps {
	client?: ApiClient;
	db?: PartnerDB;
	lock?: Lock;
}

function deps(d: SessionDeps = {}) {
	return { client: d.client ?? api(), db: d.db ?? getDb(), lock: d.lock ?? webLock };
}

export type SignInResult = { ok: true } | { ok: false; reason: 'bad_credentials' | 'offline' | 'throttled' | 'other' };

export async function signIn(body: SignInBody, options?: SessionDeps): Promise<SignInResult> {
	const { client, db, lock } = deps(options);
	try {
		const session = await client.signIn(body);
		await lock(() =>
			db.transaction('rw', db.tables, async () => {
				const previous = await db.session.get('current');
				// The same user signing in again (an expired session) keeps everything; another user
				// starts from nothing but the writes still waiting, which stay theirs.
				if (previous?.user.id !== session.user.id) {
					for (const t of db.tables) if (t.name !== db.outbox.name && t.name !== db.meta.name) await t.clear();
					// `meta` keeps only what describes the kept entries: the write counter that numbers
					// them and the marks of their attempts.
					await db.meta.filter((m) => m.key !== WRITE_COUNTER && !m.key.startsWith(ATTEMPT_PREFIX)).delete();
					await db.outbox.where('state').equals('done').delete();
				}
				await db.session.put({ key: 'current', token: session.token, user: session.user, partner: session.partner, signedInAt: new Date().toISOString() });
				await restoreWaitingRows(db, session.user.id);
			})
		);
		return { ok: true };
	} catch (e) {
		if (e instanceof ApiError) {
			if (e.status === 401 || e.code === 'bad_credentials') return { ok: false, reason: 'bad_credentials' };
			if (e.kind === 'network') return { ok: false, reason: 'offline' };
			if (e.status === 429) return { ok: false, reason: 'throttled' };
		}
		return { ok: false, reason: 'other' };
	}
}

/**
 * A user back after someone else used the device finds the rows of their waiting writes again:
 * the switch cleared every row, but not the outbox, and a request waiting (or refused) with no
 * row would be invisible, and could not be retried or discarded.
 */
async function restoreWaitingRows(db: PartnerDB, userId: string): Promise<void> {
	const entries = (await outboxInOrder(db)).filter((e) => e.userId === userId && e.state !== 'done');
	for (const e of entries) {
		if (e.kind !== 'serviceRequest.create' && e.kind !== 'serviceRequest.note') continue;
		const row = await db.serviceRequests.get(e.target);
		const syncState = e.state === 'failed' ? ('failed' as const) : ('pending' as const);
		if (e.kind === 'serviceRequest.create' && !row) {
			const body = e.body as ServiceRequestBody;
			await db.serviceRequests.add({
				...body,
				localId: e.target,
				status: 'open',
				createdDate: e.createdAt,
				lastModifiedDate: e.createdAt,
				notes: [],
				history: [],
				pendingNotes: [],
				syncState,
				bucket: 'open'
			});
		} else if (e.kind === 'serviceRequest.note' && row && !row.pendingNotes.some((n) => n.requestId === e.id)) {
			const text = (e.body as { newNote: { text: string } }).newNote.text;
			await db.serviceRequests.update(e.target, {
				pendingNotes: [...row.pendingNotes, { requestId: e.id, text, createdDate: e.createdAt }],
				syncState: row.syncState === 'failed' ? 'failed' : syncState
			});
		}
	}
}

/**
 * Whose writes wait on this device, as far as the device knows them: the last session's user.
 * The sign-in page says so before another user signs in (their writes would keep waiting).
 */
export async function waitingOwner(options?: SessionDeps): Promise<{ email: string; count: number } | null> {
	const { db } = deps(options);
	const session = await db.session.get('current');
	if (!session) return null;
	const count = await db.outbox.filter((e) => e.state !== 'done' && e.userId === session.user.id).count();
	return count > 0 ? { email: session.user.email, count } : null;
}

/** Writes still waiting (any user's); signing out drops them, so the UI asks first. */
export async function pendingWrites(options?: SessionDeps): Promise<number> {
	return deps(options).db.outbox.filter((e) => e.state !== 'done').count();
}

export async function signOut(options?: SessionDeps): Promise<void> {
	const { client, db, lock } = deps(options);
	const token = (await db.session.get('current'))?.token;
	// Best effort: offline, the server-side session simply expires; local data goes now.
	await (token ? client.as(token) : client).signOut().catch(() => undefined);
	await lock(() => db.transaction('rw', db.tables, async () => Promise.all(db.tables.map((t) => t.clear()))));
}
