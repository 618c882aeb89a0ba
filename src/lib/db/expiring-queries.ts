/**
 * A query of the support pages only, in a module of its own so that the request-id ageing rules
 * stay out of the dashboard's first load.
 */
import { liveQuery } from 'dexie';
import { ageOf } from '$lib/sync/retry';
import { getDb } from './db';

/** The signed-in user's writes close to the server's request-id lifetime (sync/retry.ts). */
export const expiringWrites$ = () =>
	liveQuery(async () => {
		const now = Date.now();
		return (await getDb().outbox.toArray()).filter((e) => e.state !== 'failed' && e.state !== 'done' && ageOf(e, now) !== 'fresh').length;
	});

