/**
 * The one place that creates outbox entries. Every user write calls `enqueue` inside its own
 * Dexie transaction, next to its local effect, so the row and its entry are kept together or
 * not at all (a full disk or a broken database refuses the write whole; the form keeps the text).
 *
 * Invariants
 * - An entry's id is its MS-RequestId on every attempt, fixed here, for ever.
 * - An entry belongs to the user and partner signed in when it was made; only that user's
 *   session sends it (the server scopes request ids to them).
 * - Entries of one group are sent in `seq` order. A group whose head was refused is blocked:
 *   a new write to it either replaces that head (when it says the same thing again) or is
 *   refused with the reason, never queued behind it where it could wait for ever.
 */
import Dexie, { type Table } from 'dexie';
import type { OutboxEntry, PartnerDB } from './db';
import { isStorageFull } from '$lib/domain/storage';
import { WRITE_COUNTER } from './outbox-base';

export class StorageError extends Error {
	/** Refused for want of space: what the user is told apart (isStorageFull). */
	readonly full: boolean;
	constructor(cause: unknown) {
		super(cause instanceof Error ? cause.message : String(cause));
		this.name = 'StorageError';
		this.full = isStorageFull(cause);
	}
}

/** A write refused before it was stored, with the reason the user must act on first. */
export class OutboxBlockedError extends Error {
	constructor(
		readonly reason: 'not_signed_in' | 'group_failed',
		readonly blockedBy?: OutboxEntry
	) {
		super(reason === 'not_signed_in' ? 'Sign in first' : 'An earlier change was not accepted; retry or discard it first');
		this.name = 'OutboxBlockedError';
	}
}

/** Tables every write transaction needs besides its own rows. */
export const outboxTables = (d: PartnerDB) => [d.outbox, d.meta, d.session];

/** Runs a write transaction; storage failures become StorageError (shown, never half-kept). */
export async function writeTransaction<T>(d: PartnerDB, tables: Table[], fn: () => Promise<T>): Promise<T> {
	try {
		return await d.transaction('rw', [...tables, ...outboxTables(d)], fn);
	} catch (e) {
		if (e instanceof OutboxBlockedError || e instanceof StorageError) throw e;
		if (e instanceof Dexie.DexieError || e instanceof DOMException) throw new StorageError(e);
		throw e;
	}
}

export type NewEntry = Pick<OutboxEntry, 'kind' | 'method' | 'path' | 'body' | 'group' | 'target'> & {
	/** When the group's head was refused and is the same kind: replace it instead of refusing. */
	replacesFailed?: boolean;
};

export { ATTEMPT_PREFIX, outboxInOrder, WRITE_COUNTER } from './outbox-base';

async function nextSeq(d: PartnerDB): Promise<number> {
	const row = await d.meta.get(WRITE_COUNTER);
	// Never below an entry already waiting: a sign-in as another user clears `meta` but keeps the
	// outbox, and a note numbered before its own request would be sent first (and fail).
	const last = (await d.outbox.orderBy('seq').last())?.seq ?? 0;
	const seq = Math.max((row?.value as number | undefined) ?? 0, last) + 1;
	await d.meta.put({ key: WRITE_COUNTER, value: seq });
	return seq;
}

/** The first unfinished entry of a group: what everything after it waits for. */
export async function groupHead(d: PartnerDB, group: string): Promise<OutboxEntry | undefined> {
	const entries = await d.outbox.where('group').equals(group).sortBy('seq');
	return entries.find((e) => e.state !== 'done');
}

/** Must run inside a transaction over `outboxTables(d)`. */
export async function enqueue(d: PartnerDB, fields: NewEntry): Promise<OutboxEntry> {
	const session = await d.session.get('current');
	if (!session) throw new OutboxBlockedError('not_signed_in');
	const head = await groupHead(d, fields.group);
	if (head?.state === 'failed') {
		if (!(fields.replacesFailed && head.kind === fields.kind)) throw new OutboxBlockedError('group_failed', head);
		await d.outbox.delete(head.id);
	}
	const { replacesFailed: _, ...rest } = fields;
	const entry: OutboxEntry = {
		...rest,
		id: crypto.randomUUID(),
		seq: await nextSeq(d),
		userId: session.user.id,
		partnerId: session.partner.id,
		state: 'pending',
		attempts: 0,
		createdAt: new Date().toISOString()
	};
	await d.outbox.add(entry);
	return entry;
}

/**
 * A refused entry sent again. After a 4xx the server applied nothing and keeps the refusal
 * under the old id, so the retry needs a new id. After an unreadable or expired answer the
 * server may have applied it, so the same id goes again and the server's first answer decides.
 */
export async function requeue(d: PartnerDB, old: OutboxEntry, body: unknown = old.body): Promise<OutboxEntry> {
	const refused = old.lastError?.status !== undefined && old.lastError.status >= 400 && old.lastError.status < 500;
	const fresh: OutboxEntry = {
		...old,
		id: refused ? crypto.randomUUID() : old.id,
		body: refused ? body : old.body,
		state: 'pending',
		attempts: refused ? 0 : old.attempts,
		firstAttemptAt: refused ? undefined : old.firstAttemptAt,
		lastAttemptAt: undefined,
		retryAfterMs: undefined,
		unreadable: 0,
		lastError: undefined
	};
	await d.outbox.delete(old.id);
	await d.outbox.add(fresh);
	// It keeps its place in its group (notes may wait behind it), but it is a write to follow.
	await nextSeq(d);
	return fresh;
}
