// @vitest-environment node
/**
 * Issue 10, "who gets in": the test controls exist only with SANDBOX_CONTROLS (here the
 * `controls` option), and even then a page of another site cannot use them or the API: no CORS
 * grant, simple (no-preflight) requests refused, a foreign Origin refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxServer, type SandboxServer } from './index.ts';
import { apiClient, contact, type ApiClient } from './testkit.ts';

const CONTROL_CALLS: [string, string, unknown][] = [
	['POST', '/__sandbox/reset', {}],
	['GET', '/__sandbox/ledger', undefined],
	['GET', '/__sandbox/clock', undefined],
	['PUT', '/__sandbox/clock', { today: '2030-01-01' }],
	['GET', '/__sandbox/faults', undefined],
	['PUT', '/__sandbox/faults', { failRate: 1 }],
	['POST', '/__sandbox/seed', { partnerId: 'partner-contoso', serviceRequests: 10 }],
	['POST', '/__sandbox/servicerequests/SR-2600000001/close', { note: 'x' }],
	['OPTIONS', '/__sandbox/reset', undefined]
];

function noCors(headers: Headers): void {
	expect([...headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
}

describe('controls closed (no SANDBOX_CONTROLS)', () => {
	let server: SandboxServer;
	let api: ApiClient;
	beforeAll(async () => {
		server = await startSandboxServer({ today: '2026-01-10', controls: false });
		api = apiClient(server.url);
	});
	afterAll(() => server.close());

	it('answers 404 to every control, JSON or not, and the API still works', async () => {
		for (const [method, path, body] of CONTROL_CALLS) {
			for (const headers of [{ 'content-type': 'application/json' }, { 'content-type': 'text/plain' }]) {
				const r = await api.call(method, path, { body, headers });
				expect(r.status, `${method} ${path}`).toBe(404);
				noCors(r.headers);
			}
		}
		const token = await api.signIn('admin@contoso.example');
		expect((await api.call('GET', '/v1/me', { token })).status).toBe(200);
		expect(server.sandbox.today()).toBe('2026-01-10');
	});
});

describe('cross-origin requests (controls on)', () => {
	let server: SandboxServer;
	let api: ApiClient;
	let origin: string;
	beforeAll(async () => {
		server = await startSandboxServer({ today: '2026-01-10' });
		api = apiClient(server.url);
		origin = new URL(server.url).origin;
	});
	afterAll(() => server.close());

	it('a simple text/plain POST (what a cross-site form or no-cors fetch sends) cannot reach a control', async () => {
		const token = await api.signIn('admin@contoso.example');
		const sr = await api.call('POST', '/v1/servicerequests/en-US', {
			token,
			requestId: true,
			body: { title: 'Keep me open', description: 'Nobody else may close this.', severity: 'minimal', supportTopicId: 'billing', primaryContact: contact() }
		});
		expect(sr.status).toBe(201);
		await api.call('PUT', '/__sandbox/clock', { body: { today: '2026-02-01' } });

		for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }, { 'content-type': 'multipart/form-data; boundary=x' }]) {
			for (const [method, path] of [
				['POST', `/__sandbox/servicerequests/${sr.body.id}/close`],
				['POST', '/__sandbox/reset'],
				['PUT', '/__sandbox/clock'],
				['GET', '/__sandbox/ledger']
			]) {
				const r = await fetch(server.url + path, { method, headers: { ...headers, origin: 'https://evil.example' }, body: method === 'GET' ? undefined : '{"note":"closed by evil"}' });
				expect(r.status, `${method} ${path} ${headers['content-type']}`).toBeGreaterThanOrEqual(400);
				expect(r.status).toBeLessThan(500);
				noCors(r.headers);
				// Same-origin-less but wrong type: still refused.
				const plain = await fetch(server.url + path, { method, headers, body: method === 'GET' ? undefined : '{"note":"closed by evil"}' });
				expect(plain.status, `${method} ${path} ${headers['content-type']} without Origin`).toBe(415);
			}
		}
		expect((await api.call('GET', `/v1/servicerequests/${sr.body.id}`, { token })).body.status).toBe('open');
		expect(server.sandbox.today()).toBe('2026-02-01');
	});

	it('a JSON request from another origin is refused (403) with no CORS grant; the same origin is served', async () => {
		for (const [method, path, body] of CONTROL_CALLS.filter(([m]) => m !== 'OPTIONS')) {
			const r = await api.call(method, path, { body, headers: { origin: 'https://evil.example' } });
			expect(r.status, `${method} ${path}`).toBe(403);
			expect(r.headers.get('content-type')).toContain('application/problem+json');
			noCors(r.headers);
		}
		for (const foreign of ['null', 'http://127.0.0.1:1', 'https://127.0.0.1.evil.example', 'not a url']) {
			expect((await api.call('GET', '/__sandbox/ledger', { headers: { origin: foreign } })).status, foreign).toBe(403);
		}
		const same = await api.call('GET', '/__sandbox/ledger', { headers: { origin } });
		expect(same.status).toBe(200);
		noCors(same.headers);
	});

	it('the API refuses foreign origins and non-JSON bodies, and grants no CORS, preflight included', async () => {
		const signin = await fetch(`${server.url}/v1/auth/signin`, {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: JSON.stringify({ email: 'admin@contoso.example', password: 'sandbox' })
		});
		expect(signin.status).toBe(415);
		noCors(signin.headers);
		const foreign = await api.call('POST', '/v1/auth/signin', { body: { email: 'admin@contoso.example', password: 'sandbox' }, headers: { origin: 'https://evil.example' } });
		expect(foreign.status).toBe(403);
		noCors(foreign.headers);
		const preflight = await fetch(`${server.url}/v1/orders`, {
			method: 'OPTIONS',
			headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' }
		});
		expect(preflight.status).toBe(403);
		noCors(preflight.headers);
		const token = await api.signIn('admin@contoso.example');
		for (const path of ['/v1/me', '/v1/subscriptions', '/v1/nothing']) noCors((await api.call('GET', path, { token })).headers);
	});
});
