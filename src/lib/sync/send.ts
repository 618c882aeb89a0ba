/**
 * One batch of the outbox, sent: claim it, resolve its paths, send it, classify every answer.
 *
 * Invariants
 * - The attempt is recorded before the request leaves (one small transaction, one mark for the
 *   whole batch: attempts.ts): any context that looks at the entry afterwards knows the server
 *   may have it (pull.ts relies on this).
 * - The token is read in that same transaction, with the entries, and only the signed-in user's
 *   entries are claimed: an entry never travels with another user's token.
 * - Every claimed entry ends with exactly one outcome: ok, retry or failed. None is skipped.
 */
import * as v from 'valibot';
import { ApiError, isRetryable, type ApiClient } from '$lib/api/client';
import { BATCH_BYTES, BATCH_MAX } from '$lib/api/schemas';
import type { EntryError, OutboxEntry, PartnerDB } from '$lib/db/db';
import { outboxInOrder } from '$lib/db/outbox-base';
import { parseAnswer, type Outcome } from './apply';
import { attempted, foldMarks, mark } from './attempts';
import { ageOf, backoffDelay, isDue, UNREADABLE_LIMIT } from './retry';

export interface SendOptions {
	db: PartnerDB;
	client: ApiClient;
	backoff: { baseMs: number; capMs: number };
	wallClock: () => number;
	random: () => number;
	signal?: AbortSignal;
	/** The marks of this flush's batches in flight (attempts.ts): not folded, their entries not claimed. */
	own: Set<string>;
}

export type BatchResult = { outcomes: Outcome[]; stop?: 'auth'; networkError?: boolean };

interface Claimed {
	entry: OutboxEntry;
	path: string;
}

/** Heads of the signed-in user's groups, in creation order: a group waits for its first entry. */
export function groupHeads(all: OutboxEntry[], userId: string): OutboxEntry[] {
	const heads = new Map<string, OutboxEntry>();
	for (const e of all) {
		if (e.state === 'done' || e.userId !== userId) continue;
		if (!heads.has(e.group)) heads.set(e.group, e);
	}
	return [...heads.values()].filter((e) => e.state !== 'failed');
}

/** The user's entries still to deliver; those behind a refused head wait for the user, not for us. */
export function unfinishedOf(all: OutboxEntry[], heads: OutboxEntry[], userId: string): number {
	const open = new Set(heads.map((e) => e.group));
	return all.filter((e) => e.userId === userId && open.has(e.group) && e.state !== 'done').length;
}

const RETRY_BATCH_SIZE = 25;
/** Attempts of one entry within one flush; past them, the periodic retry takes over. */
const TRIES_PER_FLUSH = 5;

/**
 * Claims up to `size` due heads. `tried` counts the attempts this flush has made per entry:
 * "Sync now" (`force`) overrides the backoff of an entry once, not in a loop, and no entry is
 * tried more than TRIES_PER_FLUSH times in one flush, so a flush against a failing server ends.
 */
export async function claim(
	o: SendOptions,
	size: number,
	force: boolean,
	tried: Map<string, number>
): Promise<{ token: string; claimed: Claimed[]; outcomes: Outcome[]; mark?: string; more?: boolean; unfinished?: number } | null> {
	const { db } = o;
	return db.transaction('rw', [db.session, db.outbox, db.serviceRequests, db.meta], async () => {
		const session = await db.session.get('current');
		if (!session) return null;
		const now = o.wallClock();
		const all = await foldMarks(db, await outboxInOrder(db), o.own);
		const inFlight = new Set((await db.meta.bulkGet([...o.own])).flatMap((m) => (m?.value as { ids: string[] } | undefined)?.ids ?? []));
		const heads = groupHeads(all, session.user.id);
		const unfinished = unfinishedOf(all, heads, session.user.id);
		const candidates = heads
			.filter((e) => !inFlight.has(e.id))
			.filter((e) => (tried.get(e.id) ?? 0) < TRIES_PER_FLUSH)
			// "Sync now" also overrides another context's lease: that context holds no lock now (we
			// do), so it ended or died; a replay is harmless (the server answers a known id once).
			.filter((e) => isDue(e, now) || (force && !tried.has(e.id)));
		// Entries that already failed once go in small batches: a lost or refused batch costs
		// every entry in it a backoff, and a flaky link should not keep a thousand writes hostage.
		const fresh = candidates.filter((e) => e.attempts === 0);
		const due = withinBytes(fresh.length ? fresh.slice(0, Math.min(size, BATCH_MAX)) : candidates.slice(0, Math.min(size, RETRY_BATCH_SIZE)));
		if (due.length === 0) return { token: session.token, claimed: [], outcomes: [], unfinished };

		// A note names its request by local id until the request has a server id.
		const noteTargets = due.filter((e) => e.path.includes('{serverId}')).map((e) => e.target);
		const rows = noteTargets.length ? await db.serviceRequests.bulkGet(noteTargets) : [];
		const serverIdOf = new Map(rows.filter((r) => r?.serverId).map((r) => [r!.localId, r!.serverId!]));

		const claimed: Claimed[] = [];
		const outcomes: Outcome[] = [];
		for (const e of due) {
			tried.set(e.id, (tried.get(e.id) ?? 0) + 1);
			if (ageOf(e, now) === 'expired') {
				outcomes.push(failed(e, EXPIRED));
				continue;
			}
			let path = e.path;
			if (path.includes('{serverId}')) {
				const serverId = serverIdOf.get(e.target);
				// Its request was filed before it (groups run in order), so a missing server id
				// means the request is gone: say so, never skip it (a skipped head spins for ever).
				if (!serverId) {
					outcomes.push(failed(e, { code: 'orphan', message: 'The request this note belongs to was not found.' }));
					continue;
				}
				path = path.replace('{serverId}', encodeURIComponent(serverId));
			}
			claimed.push({ entry: attempted(e, now), path });
		}
		// Due entries left for another batch: worth a second request in parallel.
		const more = candidates.length > due.length;
		if (!claimed.length) return { token: session.token, claimed, outcomes, more, unfinished };
		const key = await mark(db, claimed.map((c) => c.entry), now);
		o.own.add(key);
		return { token: session.token, claimed, outcomes, mark: key, more, unfinished };
	});
}

/** The longest prefix whose bodies fit in one batch (at least one entry: a lone write goes alone). */
function withinBytes(entries: OutboxEntry[]): OutboxEntry[] {
	let bytes = 0;
	for (let i = 0; i < entries.length; i++) {
		bytes += JSON.stringify(entries[i].body ?? null).length + entries[i].path.length + 100;
		if (bytes > BATCH_BYTES) return entries.slice(0, Math.max(1, i));
	}
	return entries;
}

/**
 * The fields a refusal names (a problem's `errors[].field`), kept with the entry so that Edit and
 * retry can point at them. An item's body is whatever the server sent: read defensively.
 */
function namedFields(problem: unknown): Pick<EntryError, 'fields'> {
	const errors = (problem as { errors?: unknown } | null | undefined)?.errors;
	if (!Array.isArray(errors)) return {};
	const fields = errors.flatMap((e) => (typeof (e as { field?: unknown } | null)?.field === 'string' ? [(e as { field: string }).field] : []));
	return fields.length ? { fields } : {};
}

const EXPIRED: EntryError = { code: 'expired', message: 'This change waited too long to be sent safely.' };

function failed(entry: OutboxEntry, error: EntryError): Outcome {
	return { entry, kind: 'failed', error };
}

/** Sends claimed entries (alone, or together in one $batch) and classifies every answer. */
export async function sendClaimed(o: SendOptions, token: string, claimed: Claimed[]): Promise<BatchResult> {
	const api = o.client.as(token, o.signal);
	const retry = (entry: OutboxEntry, error: EntryError, unreadable = 0): Outcome => ({
		entry,
		kind: 'retry',
		error,
		retryAfterMs: backoffDelay(entry.attempts, o.backoff.baseMs, o.backoff.capMs, o.random),
		unreadable
	});

	// The claim checked each entry's age, but a tab frozen in the background (or a clock moved)
	// between that transaction and this send could replay an id the server has forgotten. Checked
	// again here, in the same task as the fetch, so nothing can run in between.
	const now = o.wallClock();
	const stale = claimed.filter((c) => ageOf(c.entry, now) === 'expired');
	if (stale.length) {
		const rest = await sendClaimed(o, token, claimed.filter((c) => !stale.includes(c)));
		return { ...rest, outcomes: [...stale.map((c) => failed(c.entry, EXPIRED)), ...rest.outcomes] };
	}

	let answers: { entry: OutboxEntry; status: number; body: unknown }[];
	try {
		if (claimed.length === 0) return { outcomes: [] };
		if (claimed.length === 1) {
			// One write alone goes as itself, with the MS-RequestId header.
			const [{ entry, path }] = claimed;
			answers = [{ entry, status: 200, body: await api.send(entry.method, path, entry.body, { requestId: entry.id }) }];
		} else {
			const res = await api.batch(
				claimed.map(({ entry, path }) => ({ id: entry.id, method: entry.method, url: path, headers: { 'MS-RequestId': entry.id }, body: entry.body })),
				{ requestId: crypto.randomUUID() }
			);
			const byId = new Map(res.responses.map((r) => [r.id, r]));
			answers = claimed.map(({ entry }) => {
				const r = byId.get(entry.id);
				return r ? { entry, status: r.status, body: r.body } : { entry, status: 503, body: undefined };
			});
		}
	} catch (err) {
		const e = err instanceof ApiError ? err : new ApiError('network', 'Network error');
		const error: EntryError = { status: e.status, code: e.code, message: e.message, ...namedFields(e.problem) };
		const entries = claimed.map((c) => c.entry);
		if (e.status === 401) return { outcomes: entries.map((entry) => retry(entry, error)), stop: 'auth' };
		// A lone write's refusal is its own; a batch envelope's refusal is nobody's final word.
		if (e.kind === 'http' && !e.retryable && entries.length === 1) return { outcomes: [failed(entries[0], error)] };
		if (e.kind === 'schema' && entries.length === 1) return { outcomes: [unreadable(entries[0], e.message, e.status ?? 200)] };
		return { outcomes: entries.map((entry) => retry(entry, error)), networkError: e.kind === 'network' };
	}

	function unreadable(entry: OutboxEntry, message: string, status: number): Outcome {
		const count = (entry.unreadable ?? 0) + 1;
		const error = { status, code: 'unreadable', message: `Unexpected answer: ${message}` };
		return count >= UNREADABLE_LIMIT ? failed(entry, error) : retry(entry, error, count);
	}

	return {
		outcomes: answers.map(({ entry, status, body }) => {
			if (status >= 200 && status < 300) {
				try {
					return { entry, kind: 'ok', answer: parseAnswer(entry, body) };
				} catch (err) {
					const paths = err instanceof v.ValiError ? err.issues.map((i) => v.getDotPath(i) ?? '(root)').join(', ') : 'body';
					return unreadable(entry, `fields ${paths}`, status);
				}
			}
			const problem = (body ?? {}) as { detail?: string; title?: string; code?: string };
			const error = { status, code: problem.code, message: problem.detail ?? problem.title ?? `HTTP ${status}`, ...namedFields(body) };
			return isRetryable(status, problem.code) ? retry(entry, error) : failed(entry, error);
		})
	};
}
