// @vitest-environment node
/**
 * Activating a benefit: the local row and its outbox entry are written together (real Dexie on
 * fake-indexeddb), and the engine delivers it to the real sandbox exactly once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '$lib/api/client';
import { getDb, localActivationId, type PartnerDB } from '$lib/db/db';
import { startSandboxServer } from '$lib/server/sandbox';
import { createSyncEngine } from '$lib/sync/engine';
import { activateBenefit, BenefitAlreadyActivatedError } from './benefits';

const SUB = 'sub-fabrikam-action-pack';
const VS = 'visual-studio-professional';

let server: Awaited<ReturnType<typeof startSandboxServer>>;
let client: ApiClient;
let db: PartnerDB;

async function control(method: string, path: string) {
	const res = await fetch(`${server.url}/__sandbox${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
	expect(res.ok).toBe(true);
	return res.json();
}

const engine = () => createSyncEngine({ db, client, backoff: { baseMs: 5, capMs: 50 }, maxInlineWaitMs: 200 });

beforeAll(async () => {
	server = await startSandboxServer({ port: 0 });
	db = getDb();
	client = createApiClient({ baseUrl: server.url, getToken: async () => (await db.session.get('current'))?.token });
});

afterAll(async () => {
	await server.close();
});

beforeEach(async () => {
	await control('POST', '/reset');
	await Promise.all(db.tables.map((t) => t.clear()));
	const session = await client.signIn({ email: 'admin@fabrikam.example', password: 'sandbox' });
	await db.session.put({ key: 'current', ...session, signedInAt: new Date().toISOString() });
	await engine().sync('manual');
});

describe('activateBenefit', () => {
	it('writes the pending row and its entry together', async () => {
		const id = await activateBenefit(SUB, VS, {});
		expect(id).toBe(localActivationId(SUB, VS));
		const row = await db.benefitActivations.get(id);
		expect(row).toMatchObject({ subscriptionId: SUB, benefitId: VS, status: 'pending', syncState: 'pending' });
		const entries = await db.outbox.where('target').equals(id).toArray();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			kind: 'benefit.activate',
			method: 'POST',
			path: `/v1/subscriptions/${SUB}/benefits/${VS}/activation`,
			body: {},
			group: `subscription:${SUB}`
		});
	});

	it('writes neither when the transaction fails (not signed in)', async () => {
		await db.session.clear();
		await expect(activateBenefit(SUB, VS, {})).rejects.toThrow();
		expect(await db.benefitActivations.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('refuses a second activation of the same benefit', async () => {
		await activateBenefit(SUB, VS, {});
		await expect(activateBenefit(SUB, VS, {})).rejects.toBeInstanceOf(BenefitAlreadyActivatedError);
		expect(await db.outbox.count()).toBe(1);
	});

	it('is delivered once; the server copy replaces the local row, and a pull keeps it', async () => {
		const id = await activateBenefit(SUB, VS, {});
		await engine().sync('online');
		expect(await db.outbox.count()).toBe(0);
		expect(await db.benefitActivations.get(id)).toBeUndefined();
		const rows = await db.benefitActivations.where('subscriptionId').equals(SUB).toArray();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ benefitId: VS });
		expect(rows[0].syncState).toBeUndefined();
		await engine().sync('manual');
		expect(await db.benefitActivations.count()).toBe(1);
		const ledger = await control('GET', '/ledger');
		expect(ledger.benefitActivations.filter((a: { benefitId: string }) => a.benefitId === VS)).toHaveLength(1);
	});

	it('a pull keeps a local row whose entry still waits', async () => {
		const id = await activateBenefit(SUB, VS, {});
		// Pull only (nothing sent): the server has no activation yet.
		const { pull } = await import('$lib/sync/pull');
		await pull(db, client);
		expect((await db.benefitActivations.get(id))?.syncState).toBe('pending');
	});
});
