/**
 * Sync follows the outbox: nobody calls the engine after a write. Every write bumps the
 * outbox's write counter (db/outbox.ts) in its own transaction; this liveQuery sees the counter
 * move, in this tab or another, and asks for a flush. Attempts, answers and pulls do not move
 * it, so a flush does not start another one: one write, one flush, one pull.
 */
import { liveQuery } from 'dexie';
import type { PartnerDB } from '$lib/db/db';
import { WRITE_COUNTER } from '$lib/db/outbox-base';

export function followOutbox(db: PartnerDB, onWrite: () => void): { unsubscribe(): void } {
	let seen: number | undefined;
	return liveQuery(async () => ((await db.meta.get(WRITE_COUNTER))?.value as number | undefined) ?? 0).subscribe({
		next: (count) => {
			// The first value is the baseline: what was waiting at start is the start trigger's. Any
			// move counts, down too: signing out clears the counter, and the next write starts it anew.
			if (seen !== undefined && count !== seen) onWrite();
			seen = count;
		},
		error: () => undefined
	});
}
