/**
 * Whether a failed IndexedDB write failed for want of space: the one storage failure the user
 * can act on (free some space), so the only one told apart. Browsers name it
 * QuotaExceededError; Dexie wraps it (`inner`), and the outbox's StorageError marks it `full`.
 * The error's own text is never shown: it is the browser's, in the browser's language.
 */
export function isStorageFull(error: unknown): boolean {
	let e = error;
	for (let depth = 0; depth < 5 && e !== null && typeof e === 'object'; depth++) {
		const x = e as { name?: unknown; full?: unknown; inner?: unknown; cause?: unknown };
		if (x.full === true || x.name === 'QuotaExceededError') return true;
		e = x.inner ?? x.cause;
	}
	return false;
}
