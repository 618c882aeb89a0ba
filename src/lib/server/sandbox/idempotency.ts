/**
 * The MS-RequestId store: the first final answer to a request id, per scope (partner and user:
 * see handler.ts), replayed to every retry. This is what makes the client's outbox exactly-once; locks on the client only save work.
 *
 * Invariants:
 * - a key is claimed ('processing') before the write runs, so a concurrent retry gets 409
 *   instead of running the write twice;
 * - only final answers are kept: a 5xx releases the key, so a retry can still succeed;
 * - the fingerprint binds the key to one request: the same key with another body is a bug in
 *   the client, answered 422, never silently replayed with the wrong answer;
 * - keys live at least RETENTION_DAYS of sandbox clock, longer than an outbox may sit offline.
 */
import { REQUEST_ID_RETENTION_DAYS } from '../../api/contract.ts';
import { daysBetween } from '../../domain/dates.ts';
import type { WireAnswer } from './http.ts';

/** The contract's figure: the client stops replaying an id before it (src/lib/sync/retry.ts). */
export const RETENTION_DAYS = REQUEST_ID_RETENTION_DAYS;

export interface IdempotencyEntry {
	fingerprint: string;
	state: 'processing' | 'done';
	answer?: WireAnswer;
	/** Sandbox date the key was first seen; retention counts from it. */
	storedOn: string;
}

export type Claim =
	| { kind: 'new' }
	| { kind: 'replay'; answer: WireAnswer }
	| { kind: 'conflict' }
	| { kind: 'in_progress' };

export class IdempotencyStore {
	private readonly byScope = new Map<string, Map<string, IdempotencyEntry>>();
	private lastPurge = '';

	claim(scope: string, key: string, fingerprint: string, today: string): Claim {
		this.purge(today);
		let keys = this.byScope.get(scope);
		if (!keys) {
			keys = new Map();
			this.byScope.set(scope, keys);
		}
		const entry = keys.get(key);
		if (!entry) {
			keys.set(key, { fingerprint, state: 'processing', storedOn: today });
			return { kind: 'new' };
		}
		if (entry.fingerprint !== fingerprint) return { kind: 'conflict' };
		if (entry.state === 'processing' || !entry.answer) return { kind: 'in_progress' };
		return { kind: 'replay', answer: entry.answer };
	}

	complete(scope: string, key: string, answer: WireAnswer): void {
		const entry = this.byScope.get(scope)?.get(key);
		if (!entry) return;
		entry.state = 'done';
		entry.answer = answer;
	}

	/** Forget a claimed key whose write did not finish (5xx), so it may be retried. */
	release(scope: string, key: string): void {
		const keys = this.byScope.get(scope);
		if (keys?.get(key)?.state === 'processing') keys.delete(key);
	}

	get(scope: string, key: string): IdempotencyEntry | undefined {
		return this.byScope.get(scope)?.get(key);
	}

	size(): number {
		let n = 0;
		for (const keys of this.byScope.values()) n += keys.size;
		return n;
	}

	clear(): void {
		this.byScope.clear();
		this.lastPurge = '';
	}

	/** Drops finished keys older than the retention; runs at most once per sandbox day. */
	private purge(today: string): void {
		if (today === this.lastPurge) return;
		this.lastPurge = today;
		for (const keys of this.byScope.values()) {
			for (const [key, entry] of keys) {
				if (entry.state === 'done' && daysBetween(entry.storedOn, today) > RETENTION_DAYS) keys.delete(key);
			}
		}
	}
}
