/**
 * Bearer sessions and sign-in throttling. Both run on real time (an injected clock), not on
 * the sandbox's calendar: moving the sandbox to next year in a test must not sign anyone out,
 * and a token stolen today must stop working in hours, whatever date the sandbox shows.
 */
import { randomToken } from './core.ts';

/** A token lives this long from sign-in; then the app asks to sign in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Live tokens per user; a new sign-in beyond this drops the oldest. */
export const MAX_SESSIONS_PER_USER = 20;

interface Session {
	userId: string;
	expiresAt: number;
}

export class SessionStore {
	/** Insertion order is sign-in order, which is what "drop the oldest" needs. */
	private readonly byToken = new Map<string, Session>();

	constructor(private readonly now: () => number) {}

	create(userId: string): string {
		this.purge();
		const mine = [...this.byToken].filter(([, s]) => s.userId === userId);
		for (const [token] of mine.slice(0, Math.max(0, mine.length - MAX_SESSIONS_PER_USER + 1))) this.byToken.delete(token);
		const token = randomToken('sbx_', 24);
		this.byToken.set(token, { userId, expiresAt: this.now() + SESSION_TTL_MS });
		return token;
	}

	/** The user id behind a live token; an expired token is forgotten on sight. */
	userId(token: string): string | undefined {
		const s = this.byToken.get(token);
		if (!s) return undefined;
		if (this.now() >= s.expiresAt) {
			this.byToken.delete(token);
			return undefined;
		}
		return s.userId;
	}

	delete(token: string): void {
		this.byToken.delete(token);
	}

	/** Live tokens of one user (for tests and the cap). */
	count(userId: string): number {
		this.purge();
		let n = 0;
		for (const s of this.byToken.values()) if (s.userId === userId) n++;
		return n;
	}

	private purge(): void {
		const now = this.now();
		for (const [token, s] of this.byToken) if (now >= s.expiresAt) this.byToken.delete(token);
	}
}

/** Wrong passwords allowed per account, and per client address, within the window. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_CLIENT = 30;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Counts failed sign-ins in a sliding window, per account and per client address. An account
 * over its limit is locked for everyone (a correct password too: that is the point against
 * guessing), but only that account: other accounts still sign in. A client over its (higher)
 * limit is refused for every account, which is what stops spraying one password everywhere.
 */
export class SignInThrottle {
	private readonly failures = new Map<string, number[]>();

	constructor(private readonly now: () => number) {}

	/** Seconds until `account` from `client` may try again, or 0 when it may now. */
	retryAfter(account: string, client: string): number {
		const wait = Math.max(
			this.wait(`account:${account}`, MAX_FAILURES_PER_ACCOUNT),
			this.wait(`client:${client}`, MAX_FAILURES_PER_CLIENT)
		);
		return Math.ceil(wait / 1000);
	}

	fail(account: string, client: string): void {
		for (const key of [`account:${account}`, `client:${client}`]) {
			const list = this.recent(key);
			list.push(this.now());
			this.failures.set(key, list);
		}
		// Bound memory: guessing with random emails must not grow this map forever.
		if (this.failures.size > 10_000) this.sweep();
	}

	/** A correct password clears its account's count (not the client's: that one stops sprays). */
	succeed(account: string): void {
		this.failures.delete(`account:${account}`);
	}

	clear(): void {
		this.failures.clear();
	}

	private recent(key: string): number[] {
		const since = this.now() - FAILURE_WINDOW_MS;
		return (this.failures.get(key) ?? []).filter((t) => t > since);
	}

	private wait(key: string, limit: number): number {
		const list = this.recent(key);
		if (list.length < limit) return 0;
		// Locked until the oldest failure that still counts leaves the window.
		return list[list.length - limit] + FAILURE_WINDOW_MS - this.now();
	}

	private sweep(): void {
		for (const key of [...this.failures.keys()]) {
			const list = this.recent(key);
			if (list.length === 0) this.failures.delete(key);
			else this.failures.set(key, list);
		}
	}
}
