/**
 * What the page and the sync engine share of the outbox, apart from its write functions in
 * outbox.ts: the page follows the write counter from its first paint (sync/follow.ts), and the
 * engine reads the queue in order. Importing these from outbox.ts put every write function in
 * the code each visit loads (or, shared with the engine, behind it).
 */
import type { OutboxEntry, PartnerDB } from './db';

/**
 * Creation order across tabs: a counter bumped inside the caller's transaction. It is also
 * what sync follows (sync/follow.ts): every new or re-queued entry moves it.
 */
export const WRITE_COUNTER = 'outboxSeq';
/** `meta` keys of the attempt marks of batches in flight (sync/attempts.ts). */
export const ATTEMPT_PREFIX = 'attempt:';

/**
 * Every entry, in `seq` order. Read in key order and sorted here: an index-ordered read makes the
 * browser look up each record by its key after the index entry, a second read per entry, which
 * at a thousand queued writes cost a flush more than the sort.
 */
export async function outboxInOrder(d: PartnerDB): Promise<OutboxEntry[]> {
	return (await d.outbox.toArray()).sort((a, b) => a.seq - b.seq);
}
