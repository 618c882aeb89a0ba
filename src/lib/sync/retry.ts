/**
 * When an outbox entry may be sent again. Pure functions of the entry and the clock.
 *
 * Backoff is stored as "wait retryAfterMs after lastAttemptAt", not as an absolute due time,
 * and an attempt dated in the future means the wall clock was set back: the entry is due at
 * once. So a clock that was a day fast and then corrected cannot strand an entry for a day.
 * (A monotonic clock cannot be shared by tabs, the worker and the next launch; this can.)
 */
import { REQUEST_ID_RETENTION_DAYS } from '$lib/api/contract';
import type { OutboxEntry } from '$lib/db/db';

const DAY_MS = 86_400_000;
/** Stop replaying this long before the server may forget a request id (clock skew margin). */
export const EXPIRY_MARGIN_DAYS = 2;
/** Tell the user this long before that. */
export const WARN_DAYS = 14;
/** How long an attempt in flight keeps other engines off its entry (longer than any timeout). */
export const SENDING_LEASE_MS = 30_000;
/** 2xx answers that break the contract before the entry is failed: a replay sends the same bytes. */
export const UNREADABLE_LIMIT = 3;

export function backoffDelay(attempts: number, baseMs: number, capMs: number, random: () => number): number {
	// Full jitter (AWS architecture blog): spreads retries of many clients and tabs apart.
	const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
	return Math.round(random() * ceiling);
}

/** Whether the entry waits for nobody: never tried, its backoff is over, or the clock went back. */
export function isDue(e: OutboxEntry, now: number): boolean {
	if (e.state === 'failed' || e.state === 'done') return false;
	if (e.lastAttemptAt === undefined) return true;
	if (now < e.lastAttemptAt) return true;
	return now - e.lastAttemptAt >= (e.retryAfterMs ?? 0);
}

/** When the entry becomes due (ms, wall clock), for timers. */
export function dueAt(e: OutboxEntry): number {
	return e.lastAttemptAt === undefined ? 0 : e.lastAttemptAt + (e.retryAfterMs ?? 0);
}

export type Age = 'fresh' | 'expiring' | 'expired';

/**
 * The server keeps a request id REQUEST_ID_RETENTION_DAYS from its first attempt; an entry
 * never attempted has no id on the server yet and cannot expire.
 */
export function ageOf(e: OutboxEntry, now: number): Age {
	if (e.firstAttemptAt === undefined || now < e.firstAttemptAt) return 'fresh';
	const days = (now - e.firstAttemptAt) / DAY_MS;
	if (days >= REQUEST_ID_RETENTION_DAYS - EXPIRY_MARGIN_DAYS) return 'expired';
	if (days >= REQUEST_ID_RETENTION_DAYS - EXPIRY_MARGIN_DAYS - WARN_DAYS) return 'expiring';
	return 'fresh';
}
