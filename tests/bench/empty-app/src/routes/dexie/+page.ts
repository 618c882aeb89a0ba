import Dexie, { type EntityTable } from 'dexie';

/**
 * The bench's floor for a page that paints with data (issue 11): the empty SPA plus Dexie and one
 * read of one row before the h1, the least any page of this stack that reads IndexedDB first can
 * do. The row is written on the first (online) visit, when the bench prepares the profile.
 */
const db = new Dexie('floor') as Dexie & { rows: EntityTable<{ key: string; name: string }, 'key'> };
db.version(1).stores({ rows: 'key' });

export const load = async () => {
	let row = await db.rows.get('current');
	if (!row) await db.rows.put((row = { key: 'current', name: 'Fabrikam' }));
	return { name: row.name };
};
