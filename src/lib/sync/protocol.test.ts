import { describe, expect, it } from 'vitest';
import { askWorkerToSync, isSyncRequest, syncAnswer, type SyncAnswer, type SyncRequest } from './protocol';

/** A stand-in for the controlling ServiceWorker (a browser object): answers like src/service-worker.ts. */
function worker(answer: (req: SyncRequest) => SyncAnswer | null) {
	const seen: unknown[] = [];
	return {
		seen,
		postMessage(message: unknown, transfer: Transferable[]) {
			seen.push(message);
			const port = transfer[0] as MessagePort;
			if (!isSyncRequest(message)) return;
			const a = answer(message);
			if (a) port.postMessage(a);
		}
	} as unknown as Pick<ServiceWorker, 'postMessage'> & { seen: unknown[] };
}

describe('askWorkerToSync', () => {
	it('without a controlling worker the page flushes itself', async () => {
		expect(await askWorkerToSync(null, 'start', 4, 1_000)).toBe(false);
		expect(await askWorkerToSync(undefined, 'start', 4, 1_000)).toBe(false);
	});

	it('sends the trigger and the page’s database version, and resolves when the worker’s flush is over', async () => {
		const w = worker(() => syncAnswer(true, 1_234));
		expect(await askWorkerToSync(w, 'online', 4, 1_000)).toEqual({ nextRetryAt: 1_234 });
		expect(w.seen).toEqual([{ type: 'pm.sync-request', reason: 'online', schema: 4 }]);
	});

	it('a worker built for another database version declines, and the page flushes itself', async () => {
		const w = worker((req) => syncAnswer(req.schema === 3));
		expect(await askWorkerToSync(w, 'manual', 4, 1_000)).toBe(false);
		expect(await askWorkerToSync(w, 'manual', 3, 1_000)).toEqual({ nextRetryAt: null });
	});

	it('a worker that never answers (stopped mid-flush) leaves the flush to the page after the timeout', async () => {
		const w = worker(() => null);
		expect(await askWorkerToSync(w, 'write', 4, 30)).toBe(false);
	});
});
