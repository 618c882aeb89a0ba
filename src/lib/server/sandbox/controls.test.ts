// @vitest-environment node
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, todayIn } from '../../domain/dates.ts';
import { createSandbox, startSandboxServer, type SandboxServer } from './index.ts';
import { sandboxPlugin, securityHeaders } from './plugin.ts';
import { apiClient, type ApiClient } from './testkit.ts';

let server: SandboxServer;
let api: ApiClient;

beforeAll(async () => {
	server = await startSandboxServer();
	api = apiClient(server.url);
});
afterAll(() => server.close());

async function fabrikamEnd(): Promise<string> {
	const token = await api.signIn('admin@fabrikam.example');
	return (await api.call('GET', '/v1/subscriptions', { token })).body.items[0].endDate;
}

describe('clock and reset', () => {
	it('defaults to the real date in UTC, with Fabrikam 20 days from it', async () => {
		await api.call('POST', '/__sandbox/reset');
		const today = todayIn(new Date(), 'UTC');
		expect((await api.call('GET', '/__sandbox/clock')).body).toEqual({ today, busy: 0 });
		expect(await fabrikamEnd()).toBe(addDays(today, 20));
	});

	it('the first clock change after a reset re-seeds; later ones only move time', async () => {
		await api.call('POST', '/__sandbox/reset');
		expect((await api.call('PUT', '/__sandbox/clock', { body: { today: '2028-02-09' } })).body).toEqual({ today: '2028-02-09' });
		expect(await fabrikamEnd()).toBe('2028-02-29');
		await api.call('PUT', '/__sandbox/clock', { body: { today: '2028-03-01' } });
		expect(await fabrikamEnd()).toBe('2028-02-29');
		const token = await api.signIn('admin@fabrikam.example');
		expect((await api.call('GET', '/v1/subscriptions', { token })).body.items[0].status).toBe('expired');
		// An explicit reseed re-seeds whenever asked.
		await api.call('PUT', '/__sandbox/clock', { body: { today: '2028-12-25', reseed: true } });
		expect(await fabrikamEnd()).toBe('2029-01-14');
	});

	it('reset accepts a date, and clears the ledger', async () => {
		const token = await api.signIn('admin@contoso.example');
		await api.call('POST', '/v1/paymentmethods', { token, body: { cardNumber: '4242424242424242', expMonth: 1, expYear: 2099, securityCode: '123', holderName: 'A' }, requestId: true });
		expect((await api.call('GET', '/__sandbox/ledger')).body.writeRequests).toBeGreaterThan(0);
		expect((await api.call('POST', '/__sandbox/reset', { body: { today: '2027-06-01' } })).body).toEqual({ today: '2027-06-01' });
		const l = (await api.call('GET', '/__sandbox/ledger')).body;
		expect(l).toMatchObject({ charges: [], orders: [], serviceRequests: [], benefitActivations: [], paymentAttempts: [], writeRequests: 0 });
		expect(l.subscriptions).toEqual([
			{ id: 'sub-fabrikam-action-pack', partnerId: 'partner-fabrikam', offerId: 'action-pack', status: 'active', startDate: '2026-06-21', endDate: '2027-06-21', autoRenew: false }
		]);
		// Sessions survive a reset: the seeded users are the same people.
		expect((await api.call('GET', '/v1/me', { token })).status).toBe(200);
	});

	it('validates clock bodies', async () => {
		const r = await api.call('PUT', '/__sandbox/clock', { body: { today: '2027-02-29' } });
		expect(r.status).toBe(400);
		expect(r.body.errors[0].field).toBe('today');
	});
});

describe('seed (bulk service requests for benchmarks)', () => {
	it('creates 10,000 requests for one partner in well under a second, newest first in the API', async () => {
		await api.call('POST', '/__sandbox/reset');
		const t0 = performance.now();
		const r = await api.call('POST', '/__sandbox/seed', { body: { partnerId: 'partner-contoso', serviceRequests: 10000, closed: 100 } });
		const ms = performance.now() - t0;
		expect(r.status).toBe(201);
		expect(r.body).toMatchObject({ partnerId: 'partner-contoso', created: 10000, closed: 100 });
		// Generous for a shared CI machine; it takes a few ms here.
		expect(ms).toBeLessThan(1000);

		const token = await api.signIn('admin@contoso.example');
		const list = (await api.call('GET', '/v1/servicerequests', { token })).body.items as { id: string; title: string; status: string; createdDate: string }[];
		expect(list).toHaveLength(10000);
		expect(list[0].title).toBe('Seeded request 10000');
		expect(list.at(-1)!.title).toBe('Seeded request 1');
		expect(list.filter((x) => x.status === 'closed')).toHaveLength(100);
		expect(new Set(list.map((x) => x.id)).size).toBe(10000);
		expect(list[0].createdDate > list[1].createdDate).toBe(true);
		// Another partner sees none of them.
		const fabrikam = await api.signIn('admin@fabrikam.example');
		expect((await api.call('GET', '/v1/servicerequests', { token: fabrikam })).body.items).toHaveLength(0);

		// A request filed afterwards gets the next number, and comes first.
		const filed = await api.call('POST', '/v1/servicerequests/en-US', {
			token,
			requestId: true,
			body: { title: 'After the seed', description: 'Filed after bulk seeding.', severity: 'minimal', supportTopicId: 'billing', primaryContact: { name: 'A', email: 'a@contoso.example' } }
		});
		expect(filed.status).toBe(201);
		expect(filed.body.id).toBe('SR-2600010001');
		expect((await api.call('GET', '/v1/servicerequests', { token })).body.items[0].title).toBe('After the seed');
	});

	it('validates the body and the partner', async () => {
		await api.call('POST', '/__sandbox/reset');
		expect((await api.call('POST', '/__sandbox/seed', { body: { partnerId: 'partner-nobody', serviceRequests: 5 } })).status).toBe(404);
		for (const body of [{ partnerId: 'partner-contoso', serviceRequests: -1 }, { partnerId: 'partner-contoso', serviceRequests: 1.5 }, { partnerId: 'partner-contoso' }, { partnerId: 'partner-contoso', serviceRequests: 2, closed: 3 }, { partnerId: 'partner-contoso', serviceRequests: 2, extra: 1 }]) {
			expect((await api.call('POST', '/__sandbox/seed', { body })).status).toBe(400);
		}
		expect((await api.call('GET', '/__sandbox/ledger')).body.serviceRequests).toHaveLength(0);
	});
});

describe('handle()', () => {
	function fakeRes() {
		const res = new EventEmitter() as unknown as ServerResponse & { statusCode: number; body: string };
		let status = 0;
		let body = '';
		Object.assign(res, {
			headersSent: false,
			destroyed: false,
			writeHead(s: number) {
				status = s;
				(res as { headersSent: boolean }).headersSent = true;
				return res;
			},
			end(chunk?: string) {
				body = chunk ?? '';
				res.emit('finish');
			}
		});
		return { res, status: () => status, body: () => body };
	}
	function fakeReq(method: string, url: string): IncomingMessage {
		// The handler only reads method, url, headers and the body stream. The controls answer
		// only JSON requests (issue 10), so the fake says JSON.
		return Object.assign(Readable.from([]), {
			method,
			url,
			headers: { 'content-type': 'application/json' }
		}) as unknown as IncomingMessage;
	}

	it('passes non-sandbox paths to next() and answers with or without /api', async () => {
		const sandbox = createSandbox({ today: '2026-01-10', controls: true });
		const next = vi.fn();
		sandbox.handle(fakeReq('GET', '/index.html'), fakeRes().res, next);
		expect(next).toHaveBeenCalledOnce();

		for (const url of ['/__sandbox/clock', '/api/__sandbox/clock']) {
			const r = fakeRes();
			sandbox.handle(fakeReq('GET', url), r.res, next);
			await vi.waitFor(() => expect(r.status()).toBe(200));
			expect(JSON.parse(r.body())).toEqual({ today: '2026-01-10', busy: 0 });
		}
		expect(next).toHaveBeenCalledOnce();
	});
});

describe('sandboxPlugin', () => {
	it('mounts the handler at /api in dev and preview, returning nothing from the hooks', () => {
		const plugin = sandboxPlugin();
		expect(plugin.name).toBe('partner-sandbox');
		const use = vi.fn();
		const server = { middlewares: { use } };
		const configureServer = plugin.configureServer as unknown as (s: unknown) => unknown;
		const configurePreviewServer = plugin.configurePreviewServer as unknown as (s: unknown) => unknown;
		expect(configureServer(server)).toBeUndefined();
		expect(configurePreviewServer(server)).toBeUndefined();
		// Per server: the security headers (issue 10), then the API at /api.
		expect(use).toHaveBeenCalledTimes(4);
		expect(use.mock.calls[1][0]).toBe('/api');
		expect(typeof use.mock.calls[1][1]).toBe('function');
		expect(use.mock.calls[0][0]).toBe(securityHeaders);
	});
});

describe('securityHeaders (issue 10)', () => {
	async function serve(type: string, viaWriteHead: boolean, csp?: string) {
		const { createServer } = await import('node:http');
		const s = createServer((req, res) =>
			securityHeaders(req, res, () => {
				if (viaWriteHead) res.writeHead(200, { 'Content-Type': type, ...(csp ? { 'Content-Security-Policy': csp } : {}) }).end('x');
				else {
					if (csp) res.setHeader('Content-Security-Policy', csp);
					res.setHeader('Content-Type', type);
					res.end('x');
				}
			})
		);
		await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
		const port = (s.address() as { port: number }).port;
		const r = await fetch(`http://127.0.0.1:${port}/`);
		s.closeAllConnections();
		s.close();
		return r.headers;
	}

	it('sends frame-ancestors and nosniff on HTML, however the head is written; only nosniff elsewhere', async () => {
		for (const via of [true, false]) {
			const html = await serve('text/html; charset=utf-8', via);
			expect(html.get('content-security-policy')).toBe("frame-ancestors 'none'");
			expect(html.get('x-frame-options')).toBe('DENY');
			expect(html.get('x-content-type-options')).toBe('nosniff');
			// A CSP already set (Kit's, on pages it renders) is kept; ours is a second header.
			const both = await serve('text/html', via, "script-src 'self'");
			expect(both.get('content-security-policy')).toBe("script-src 'self', frame-ancestors 'none'");
			const js = await serve('text/javascript', via);
			expect(js.get('content-security-policy')).toBeNull();
			expect(js.get('x-content-type-options')).toBe('nosniff');
		}
	});
});
