/**
 * What Web Locks are, in one process: one holder at a time, in arrival order, shared by every
 * engine and by sign-in and sign-out. A browser frees a crashed tab's lock and drops its queued
 * requests; `crash(owner)` does the same, while the abandoned holder may still be running (its
 * connection closed, its network cut), exactly like a tab killed mid-flush.
 */
import type { Lock } from '../lock';

interface Waiter {
	owner: string;
	fn: () => Promise<unknown>;
	resolve: (v: unknown) => void;
	reject: (e: unknown) => void;
}

export class LockLost extends Error {
	constructor(owner: string) {
		super(`lock request of crashed ${owner} dropped`);
		this.name = 'LockLost';
	}
}

export class SimLock {
	private queue: Waiter[] = [];
	private holder: Waiter | null = null;
	/** Longest time one holder kept the lock (ms): a wedged flush shows up here. */
	maxHoldMs = 0;

	/** The Lock one context passes to the engine (or to signIn/signOut). */
	for(owner: string): Lock {
		return <T>(fn: () => Promise<T>) =>
			new Promise<T>((resolve, reject) => {
				this.queue.push({ owner, fn, resolve: resolve as (v: unknown) => void, reject });
				this.next();
			});
	}

	/** A crashed context: its lock is freed and its queued requests vanish. */
	crash(owner: string): void {
		const dropped = this.queue.filter((w) => w.owner === owner);
		this.queue = this.queue.filter((w) => w.owner !== owner);
		for (const w of dropped) w.reject(new LockLost(owner));
		if (this.holder?.owner === owner) {
			this.holder = null;
			this.next();
		}
	}

	get held(): string | null {
		return this.holder?.owner ?? null;
	}

	private next(): void {
		if (this.holder || this.queue.length === 0) return;
		const w = this.queue.shift()!;
		this.holder = w;
		const started = Date.now();
		Promise.resolve()
			.then(w.fn)
			.then(w.resolve, w.reject)
			.finally(() => {
				// A force-released holder finishing late must not free the lock of its successor.
				if (this.holder !== w) return;
				this.maxHoldMs = Math.max(this.maxHoldMs, Date.now() - started);
				this.holder = null;
				this.next();
			});
	}
}
