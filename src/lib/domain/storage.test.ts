import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { isStorageFull } from './storage';

describe('isStorageFull', () => {
	it('knows the browser’s quota error, bare or wrapped by Dexie', () => {
		const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		expect(isStorageFull(quota)).toBe(true);
		expect(isStorageFull(new Dexie.AbortError('Transaction aborted', quota))).toBe(true);
		expect(isStorageFull({ full: true })).toBe(true);
	});

	it('says no to every other failure, and to things that are not errors', () => {
		expect(isStorageFull(new DOMException('Version change', 'VersionError'))).toBe(false);
		expect(isStorageFull(new Dexie.DatabaseClosedError())).toBe(false);
		expect(isStorageFull(new Error('QuotaExceededError'))).toBe(false);
		expect(isStorageFull(null)).toBe(false);
		expect(isStorageFull('QuotaExceededError')).toBe(false);
	});

	it('stops on a cycle of causes', () => {
		const a: { name: string; inner?: unknown } = { name: 'A' };
		a.inner = a;
		expect(isStorageFull(a)).toBe(false);
	});
});
