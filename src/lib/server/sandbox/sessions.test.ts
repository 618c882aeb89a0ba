// @vitest-environment node
/**
 * Issue 10, sessions: tokens expire after 12 hours of real time, at most 20 live tokens per
 * user, sign-in throttled per account and per client, request ids scoped to partner and user.
 * The real-time clock is injected, so nothing here sleeps.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandboxServer, type SandboxServer } from './index.ts';
import { FAILURE_WINDOW_MS, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_CLIENT, MAX_SESSIONS_PER_USER, SESSION_TTL_MS } from './sessions.ts';
import { apiClient, contact, type ApiClient } from './testkit.ts';

let server: SandboxServer;
let api: ApiClient;
let now = Date.UTC(2026, 0, 10, 9, 0, 0);

beforeAll(async () => {
	server = await startSandboxServer({ today: '2026-01-10', now: () => now });
	api = apiClient(server.url);
});
afterAll(() => server.close());
beforeEach(async () => {
	expect((await api.call('POST', '/__sandbox/reset')).status).toBe(200);
});

const me = (token: string) => api.call('GET', '/v1/me', { token });

describe('token expiry', () => {
	it('a token works until 12 hours after sign-in, then answers 401', async () => {
		const token = await api.signIn('admin@contoso.example');
		now += SESSION_TTL_MS - 1000;
		expect((await me(token)).status).toBe(200);
		now += 1000;
		const r = await me(token);
		expect(r.status).toBe(401);
		expect(r.headers.get('content-type')).toContain('application/problem+json');
		// A new sign-in gives a fresh 12 hours.
		expect((await me(await api.signIn('admin@contoso.example'))).status).toBe(200);
	});

	it('moving the sandbox calendar does not sign anyone out (sessions run on real time)', async () => {
		const token = await api.signIn('admin@contoso.example');
		await api.call('PUT', '/__sandbox/clock', { body: { today: '2027-06-01' } });
		expect((await me(token)).status).toBe(200);
	});
});

describe('token cap', () => {
	it(`keeps at most ${MAX_SESSIONS_PER_USER} live tokens per user, dropping the oldest`, async () => {
		const tokens: string[] = [];
		for (let i = 0; i < MAX_SESSIONS_PER_USER + 5; i++) tokens.push(await api.signIn('mpn@contoso.example'));
		const alive = await Promise.all(tokens.map(async (t) => (await me(t)).status === 200));
		expect(alive.filter(Boolean)).toHaveLength(MAX_SESSIONS_PER_USER);
		expect(alive.slice(0, 5)).toEqual([false, false, false, false, false]);
		expect(alive.slice(5).every(Boolean)).toBe(true);
		expect(server.sandbox.core.sessions.count('user-contoso-mpn')).toBe(MAX_SESSIONS_PER_USER);
		// Another user's sessions are untouched.
		expect((await me(await api.signIn('admin@contoso.example'))).status).toBe(200);
	});
});

describe('sign-in throttling', () => {
	const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
		api.call('POST', '/v1/auth/signin', { body: { email, password }, headers });

	it(`locks an account for 15 minutes after ${MAX_FAILURES_PER_ACCOUNT} wrong passwords, with Retry-After; other accounts still sign in`, async () => {
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) expect((await signIn('user@contoso.example', 'wrong')).status).toBe(401);
		const locked = await signIn('user@contoso.example', 'wrong');
		expect(locked.status).toBe(429);
		expect(locked.headers.get('content-type')).toContain('application/problem+json');
		expect(locked.body.code).toBe('too_many_requests');
		const retryAfter = Number(locked.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(FAILURE_WINDOW_MS / 1000);
		// Locked for the right password too: guessing must not go on through the lock.
		expect((await signIn('user@contoso.example', 'sandbox')).status).toBe(429);
		// Email case does not open a second counter.
		expect((await signIn('USER@contoso.example', 'sandbox')).status).toBe(429);
		// Another account from the same client is not affected.
		expect((await signIn('admin@contoso.example', 'sandbox')).status).toBe(200);

		now += FAILURE_WINDOW_MS;
		expect((await signIn('user@contoso.example', 'sandbox')).status).toBe(200);
	});

	it('a correct password clears the account count', async () => {
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) await signIn('account@contoso.example', 'wrong');
		expect((await signIn('account@contoso.example', 'sandbox')).status).toBe(200);
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) expect((await signIn('account@contoso.example', 'wrong')).status).toBe(401);
	});

	it(`refuses a client after ${MAX_FAILURES_PER_CLIENT} wrong passwords across accounts (password spraying)`, async () => {
		for (let i = 0; i < MAX_FAILURES_PER_CLIENT; i++) {
			expect((await signIn(`nobody${i}@example.com`, 'sandbox')).status).toBe(401);
		}
		const r = await signIn('admin@contoso.example', 'sandbox');
		expect(r.status).toBe(429);
		expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
		now += FAILURE_WINDOW_MS;
		expect((await signIn('admin@contoso.example', 'sandbox')).status).toBe(200);
	});
});

describe('request ids are scoped to partner and user', () => {
	it("a plain user replaying an admin's MS-RequestId with the same body gets 403, not the admin's 201", async () => {
		const admin = await api.signIn('admin@contoso.example');
		const user = await api.signIn('user@contoso.example');
		const body = {
			title: 'Invoice question',
			description: 'Please explain the invoice lines.',
			severity: 'minimal',
			supportTopicId: 'billing',
			primaryContact: contact()
		};
		const first = await api.call('POST', '/v1/servicerequests/en-US', { token: admin, body, requestId: 'shared-id-1' });
		expect(first.status).toBe(201);
		const replay = await api.call('POST', '/v1/servicerequests/en-US', { token: user, body, requestId: 'shared-id-1' });
		expect(replay.status).toBe(403);
		expect(replay.headers.get('idempotent-replayed')).toBeNull();
	});

	it("another admin of the same partner reusing a request id gets a fresh write, not the first admin's answer", async () => {
		const admin = await api.signIn('admin@contoso.example');
		const account = await api.signIn('account@contoso.example');
		const body = {
			title: 'Same id, two people',
			description: 'Two people, one request id.',
			severity: 'minimal',
			supportTopicId: 'billing',
			primaryContact: contact()
		};
		const a = await api.call('POST', '/v1/servicerequests/en-US', { token: admin, body, requestId: 'shared-id-2' });
		const b = await api.call('POST', '/v1/servicerequests/en-US', { token: account, body, requestId: 'shared-id-2' });
		expect(a.status).toBe(201);
		expect(b.status).toBe(201);
		expect(b.headers.get('idempotent-replayed')).toBeNull();
		expect(b.body.id).not.toBe(a.body.id);
	});
});

describe('role before body', () => {
	it('an Account admin placing an order gets 403 whatever the body (bad, valid, or a replayed order id)', async () => {
		const account = await api.signIn('account@contoso.example');
		for (const body of [undefined, {}, { orderId: 'x' }, { orderId: 'order-0001', kind: 'purchase', offerId: 'action-pack', paymentMethodId: 'pm', termsVersion: '1', termsAccepted: true }]) {
			const r = await api.call('POST', '/v1/orders', { token: account, body, requestId: true });
			expect(r.status, JSON.stringify(body)).toBe(403);
			expect(r.body.code).toBe('forbidden_role');
		}
		// Even with no request id and a non-JSON body, the role speaks first.
		expect((await api.call('POST', '/v1/orders', { token: account, raw: 'not json', headers: { 'content-type': 'text/plain' } })).status).toBe(403);
	});
});
