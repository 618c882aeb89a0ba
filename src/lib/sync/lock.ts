/**
 * The one lock that flushes, sign-in and sign-out share across tabs and the service worker
 * (Web Locks). It only spares work and keeps a session change from landing in the middle of a
 * flush: exactly-once never depends on it (a crashed tab's lock vanishes; some browsers have none).
 */
export type Lock = <T>(fn: () => Promise<T>) => Promise<T>;

export const SYNC_LOCK_NAME = 'partner-membership-sync';

export const webLock: Lock = <T>(fn: () => Promise<T>): Promise<T> => {
	const locks = (globalThis.navigator as Navigator | undefined)?.locks;
	return locks?.request ? (locks.request(SYNC_LOCK_NAME, fn) as Promise<T>) : fn();
};
