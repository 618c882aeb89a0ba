// @vitest-environment node
/**
 * Adding a card from Settings > Payment methods (issue 9): the real action, real Dexie on
 * fake-indexeddb, the real sandbox. The app's client calls `/api/...` on its own origin; here
 * that origin is the sandbox server's (the global fetch resolves relative URLs against it).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '$lib/api/client';
import { getDb, type PartnerDB } from '$lib/db/db';
import { startSandboxServer } from '$lib/server/sandbox';
import { sandboxControl, type SandboxControl } from '$lib/server/sandbox/testkit';
import { addCard } from './payment-methods';

const GOOD = { cardNumber: '4242424242424242', expMonth: 5, expYear: 2031, securityCode: '987', holderName: 'Alex Admin' };

let server: Awaited<ReturnType<typeof startSandboxServer>>;
let db: PartnerDB;
const realFetch = globalThis.fetch;
let offline = false;

let control: SandboxControl;

async function signIn(email: string) {
	const client = createApiClient({ baseUrl: server.url, fetch: realFetch });
	const session = await client.signIn({ email, password: 'sandbox' });
	await db.session.put({ key: 'current', ...session, signedInAt: new Date().toISOString() });
}

beforeAll(async () => {
	server = await startSandboxServer({ port: 0 });
	control = sandboxControl(server.url, realFetch);
	db = getDb();
	const origin = new URL(server.url).origin;
	vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
		if (offline) return Promise.reject(new TypeError('Failed to fetch'));
		const url = typeof input === 'string' || input instanceof URL ? new URL(String(input), origin) : input;
		return realFetch(url, init);
	});
});

afterAll(async () => {
	vi.unstubAllGlobals();
	await server.close();
});

beforeEach(async () => {
	offline = false;
	await control('POST', '/reset');
	await Promise.all(db.tables.map((t) => t.clear()));
});

afterEach(() => {
	offline = false;
});

describe('addCard', () => {
	it('sends the card once and keeps only the token and display fields', async () => {
		await signIn('admin@contoso.example');
		const result = await addCard(GOOD);
		expect(result.ok).toBe(true);
		const rows = await db.paymentMethods.toArray();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ brand: 'visa', last4: '4242', expMonth: 5, expYear: 2031, holderName: 'Alex Admin' });
		const stored = JSON.stringify(await Promise.all(db.tables.map((t) => t.toArray())));
		expect(stored).not.toContain(GOOD.cardNumber);
		expect(stored).not.toMatch(/securityCode|cardNumber/);
		const ledger = await control('GET', '/ledger');
		expect(ledger.paymentMethods.filter((p: { last4: string }) => p.last4 === '4242')).toHaveLength(1);
	});

	it('offline: says so, stores nothing, queues nothing', async () => {
		await signIn('admin@contoso.example');
		offline = true;
		const result = await addCard(GOOD);
		expect(result).toMatchObject({ ok: false, error: { code: 'offline' } });
		expect(await db.paymentMethods.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('a role that may not buy is refused by the API with a code the page can explain', async () => {
		await signIn('account@contoso.example');
		const result = await addCard(GOOD);
		expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
		expect(await db.paymentMethods.count()).toBe(0);
	});

	it('a card the API refuses comes back with its fields named', async () => {
		await signIn('admin@contoso.example');
		// By the sandbox's calendar the card has expired, though not by this device's.
		await control('PUT', '/clock', { today: '2032-01-15' });
		const result = await addCard(GOOD);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.code).toBe('validation');
		expect(Object.keys(result.error.fields ?? {})).toContain('expMonth');
		expect(await db.paymentMethods.count()).toBe(0);
	});
});
