/**
 * Attempts recorded in bulk. Before a batch leaves, one `meta` row lists its entries
 * (`attempt:<uuid>` → { ids, at }) instead of each entry being rewritten: at a thousand queued
 * writes, rewriting every entry cost a quarter of the flush (tests/bench/flush).
 *
 * Invariants
 * - A mark stands for exactly what the claim used to write on each entry: one more attempt,
 *   first attempted then if never before, and a sending lease (`attempted`). Whoever reads
 *   entries to decide anything about attempts (claim, pull) reads them with the marks.
 * - The transaction that applies a batch's answers deletes its mark, so an entry is never
 *   counted twice: by its mark and by the fields the answer wrote.
 * - A mark that outlived its flush (a crash, an abandoned flush, a closed tab) is folded into its
 *   entries by the next claim, which then sees them as attempted and leased, as before.
 * - Marks survive a switch of user (the outbox does too) and go with the outbox on sign-out.
 */
import type { OutboxEntry, PartnerDB } from '$lib/db/db';
import { ATTEMPT_PREFIX } from '$lib/db/outbox-base';
import { SENDING_LEASE_MS } from './retry';

export interface AttemptMark {
	key: string;
	ids: string[];
	at: number;
}

/** The entry as a claim at `at` leaves it. */
export function attempted(e: OutboxEntry, at: number): OutboxEntry {
	return { ...e, state: 'sending', attempts: e.attempts + 1, firstAttemptAt: e.firstAttemptAt ?? at, lastAttemptAt: at, retryAfterMs: SENDING_LEASE_MS };
}

export async function readMarks(db: PartnerDB): Promise<AttemptMark[]> {
	const rows = await db.meta.where('key').startsWith(ATTEMPT_PREFIX).toArray();
	return rows.map((r) => ({ key: r.key, ...(r.value as { ids: string[]; at: number }) }));
}

/** Entries as their marks say they are (pure; `all` in any order). */
export function withMarks(all: OutboxEntry[], marks: AttemptMark[]): OutboxEntry[] {
	if (marks.length === 0) return all;
	const at = new Map<string, number>();
	for (const m of marks) for (const id of m.ids) at.set(id, Math.max(at.get(id) ?? 0, m.at));
	return all.map((e) => (at.has(e.id) && e.state !== 'failed' && e.state !== 'done' ? attempted(e, at.get(e.id)!) : e));
}

/**
 * Writes the marks not in `own` into their entries and deletes them; returns `all` as it now
 * is. Inside a read-write transaction over outbox and meta.
 */
export async function foldMarks(db: PartnerDB, all: OutboxEntry[], own: ReadonlySet<string>): Promise<OutboxEntry[]> {
	const marks = await readMarks(db);
	const foreign = marks.filter((m) => !own.has(m.key));
	if (foreign.length === 0) return all;
	const folded = withMarks(all, foreign);
	await db.outbox.bulkPut(folded.filter((e, i) => e !== all[i]));
	await db.meta.bulkDelete(foreign.map((m) => m.key));
	return folded;
}

/** Records that `entries` are about to be sent; returns the mark's key. */
export async function mark(db: PartnerDB, entries: OutboxEntry[], at: number): Promise<string> {
	const key = `${ATTEMPT_PREFIX}${crypto.randomUUID()}`;
	await db.meta.put({ key, value: { ids: entries.map((e) => e.id), at } });
	return key;
}
