// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { connect } from 'node:net';
import { OfferList } from '../../api/schemas.ts';
import { addDays } from '../../domain/dates.ts';
import { startSandboxServer, type SandboxServer } from './index.ts';
import { IdempotencyStore } from './idempotency.ts';
import { apiClient, card, contact, type ApiClient } from './testkit.ts';

const TODAY = '2026-01-10';

let server: SandboxServer;
let api: ApiClient;

beforeAll(async () => {
	server = await startSandboxServer({ port: 0, today: TODAY });
	api = apiClient(server.url);
});
afterAll(() => server.close());
beforeEach(async () => {
	await api.call('POST', '/__sandbox/reset');
});

async function ledger() {
	return (await api.call('GET', '/__sandbox/ledger')).body;
}

async function contosoWithCard(): Promise<{ token: string; pm: string }> {
	const token = await api.signIn('admin@contoso.example');
	const r = await api.call('POST', '/v1/paymentmethods', { token, body: card(), requestId: true });
	return { token, pm: r.body.id };
}

function orderBody(pm: string, orderId = `order-${Math.random().toString(36).slice(2, 12)}`) {
	return { orderId, kind: 'purchase', offerId: 'action-pack', paymentMethodId: pm, termsVersion: '2017-07', termsAccepted: true };
}

describe('MS-RequestId', () => {
	it('is required on every write', async () => {
		const { token, pm } = await contosoWithCard();
		const r = await api.call('POST', '/v1/orders', { token, body: orderBody(pm) });
		expect(r.status).toBe(400);
		expect(r.body.code).toBe('missing_request_id');
		const patch = await api.call('PATCH', '/v1/servicerequests/SR-1', { token, body: { newNote: { text: 'x' } } });
		expect(patch.body.code).toBe('missing_request_id');
		expect((await ledger()).charges).toEqual([]);
	});

	it('replays the first answer to a retry, charging once', async () => {
		const { token, pm } = await contosoWithCard();
		const body = orderBody(pm);
		const first = await api.call('POST', '/v1/orders', { token, body, requestId: 'rid-1', headers: { 'MS-CorrelationId': 'c1' } });
		const second = await api.call('POST', '/v1/orders', { token, body, requestId: 'rid-1', headers: { 'MS-CorrelationId': 'c2' } });
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
		expect(second.text).toBe(first.text);
		expect(first.headers.get('idempotent-replayed')).toBeNull();
		expect(second.headers.get('idempotent-replayed')).toBe('true');
		// Correlation ids are per call, not part of the stored answer.
		expect(second.headers.get('ms-correlationid')).toBe('c2');
		const l = await ledger();
		expect(l.charges).toHaveLength(1);
		expect(l.orders).toHaveLength(1);
		expect(l.writeRequests).toBe(3); // the card, then the order twice
	});

	it('does not care about key order in the body', async () => {
		const { token, pm } = await contosoWithCard();
		const body = orderBody(pm);
		const reordered = Object.fromEntries(Object.entries(body).reverse());
		await api.call('POST', '/v1/orders', { token, body, requestId: 'rid-order' });
		const again = await api.call('POST', '/v1/orders', { token, body: reordered, requestId: 'rid-order' });
		expect(again.status).toBe(201);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
	});

	it('refuses the same id with another body (422) or another path', async () => {
		const { token, pm } = await contosoWithCard();
		await api.call('POST', '/v1/orders', { token, body: orderBody(pm), requestId: 'rid-2' });
		const other = await api.call('POST', '/v1/orders', { token, body: orderBody(pm), requestId: 'rid-2' });
		expect(other.status).toBe(422);
		expect(other.body.code).toBe('request_id_reused');
		const otherPath = await api.call('POST', '/v1/paymentmethods', { token, body: card(), requestId: 'rid-2' });
		expect(otherPath.body.code).toBe('request_id_reused');
		expect((await ledger()).charges).toHaveLength(1);
	});

	it('scopes ids to the partner', async () => {
		const contoso = await api.signIn('admin@contoso.example');
		const fabrikam = await api.signIn('admin@fabrikam.example');
		const a = await api.call('POST', '/v1/paymentmethods', { token: contoso, body: card(), requestId: 'shared' });
		const b = await api.call('POST', '/v1/paymentmethods', { token: fabrikam, body: card(), requestId: 'shared' });
		expect(a.status).toBe(201);
		expect(b.status).toBe(201);
		expect(b.headers.get('idempotent-replayed')).toBeNull();
		expect(b.body.id).not.toBe(a.body.id);
	});

	it('deduplicates orders by orderId across request ids', async () => {
		const { token, pm } = await contosoWithCard();
		const body = orderBody(pm);
		const first = await api.call('POST', '/v1/orders', { token, body, requestId: 'rid-a' });
		const second = await api.call('POST', '/v1/orders', { token, body, requestId: 'rid-b' });
		expect(second.status).toBe(201);
		expect(second.body).toEqual(first.body);
		expect((await ledger()).charges).toHaveLength(1);
	});

	it('stores final 4xx answers too', async () => {
		const token = await api.signIn('admin@northwind.example');
		const pm = (await api.call('POST', '/v1/paymentmethods', { token, body: card(), requestId: true })).body.id;
		const body = orderBody(pm);
		const first = await api.call('POST', '/v1/orders', { token, body, requestId: 'rid-nw' });
		const retry = await api.call('POST', '/v1/orders', { token, body, requestId: 'rid-nw' });
		expect(first.status).toBe(403);
		expect(retry.status).toBe(403);
		expect(retry.text).toBe(first.text);
		expect(retry.headers.get('content-type')).toMatch(/problem\+json/);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
	});

	it('concurrent retries of one id: exactly one charge (no processing delay)', async () => {
		const { token, pm } = await contosoWithCard();
		const body = orderBody(pm);
		const replies = await Promise.all([1, 2, 3].map(() => api.call('POST', '/v1/orders', { token, body, requestId: 'rid-race' })));
		for (const r of replies) {
			expect([201, 409]).toContain(r.status);
			if (r.status === 201) expect(r.body).toEqual(replies.find((x) => x.status === 201)!.body);
		}
		expect((await ledger()).charges).toHaveLength(1);
	});

	it('answers 409 to a retry that arrives while the first is processing', async () => {
		const { token, pm } = await contosoWithCard();
		await api.call('PUT', '/__sandbox/faults', { body: { processingMs: [150, 150] } });
		const body = orderBody(pm);
		const first = api.call('POST', '/v1/orders', { token, body, requestId: 'rid-slow' });
		await new Promise((r) => setTimeout(r, 40));
		const second = await api.call('POST', '/v1/orders', { token, body, requestId: 'rid-slow' });
		expect(second.status).toBe(409);
		expect(second.body.code).toBe('request_in_progress');
		expect((await first).status).toBe(201);
		const third = await api.call('POST', '/v1/orders', { token, body, requestId: 'rid-slow' });
		expect(third.status).toBe(201);
		expect(third.text).toBe((await first).text);
		expect((await ledger()).charges).toHaveLength(1);
	});

	it('keeps ids for 90 days of sandbox clock', async () => {
		const token = await api.signIn('admin@contoso.example');
		const body = { title: 'Question', description: 'A question about invoices.', severity: 'minimal', supportTopicId: 'billing', primaryContact: contact() };
		const first = await api.call('POST', '/v1/servicerequests/en-US', { token, body, requestId: 'rid-old' });
		await api.call('PUT', '/__sandbox/clock', { body: { today: addDays(TODAY, 90) } });
		const at90 = await api.call('POST', '/v1/servicerequests/en-US', { token, body, requestId: 'rid-old' });
		expect(at90.headers.get('idempotent-replayed')).toBe('true');
		expect(at90.body.id).toBe(first.body.id);
		await api.call('PUT', '/__sandbox/clock', { body: { today: addDays(TODAY, 91) } });
		const at91 = await api.call('POST', '/v1/servicerequests/en-US', { token, body, requestId: 'rid-old' });
		expect(at91.status).toBe(201);
		expect(at91.body.id).not.toBe(first.body.id);
	});
});

describe('faults', () => {
	it('failRate 1: 503 before anything, and the retry then succeeds', async () => {
		const { token, pm } = await contosoWithCard();
		expect((await api.call('PUT', '/__sandbox/faults', { body: { failRate: 1 } })).status).toBe(200);
		const body = orderBody(pm);
		const r = await api.call('POST', '/v1/orders', { token, body, requestId: 'rid-503' });
		expect(r.status).toBe(503);
		expect(r.body.code).toBe('unavailable');
		expect(r.headers.get('content-type')).toMatch(/problem\+json/);
		const l = await ledger();
		expect(l.charges).toEqual([]);
		expect(l.orders).toEqual([]);
		expect(l.paymentAttempts).toEqual([]);

		await api.call('PUT', '/__sandbox/faults', { body: {} });
		const retry = await api.call('POST', '/v1/orders', { token, body, requestId: 'rid-503' });
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBeNull();
		expect((await ledger()).charges).toHaveLength(1);
	});

	it('dropAfterCommitRate 1: the socket closes, the write is kept, and a retry replays it', async () => {
		const { token, pm } = await contosoWithCard();
		await api.call('PUT', '/__sandbox/faults', { body: { dropAfterCommitRate: 1 } });
		const body = orderBody(pm);
		await expect(api.call('POST', '/v1/orders', { token, body, requestId: 'rid-drop' })).rejects.toThrow();
		const l = await ledger();
		expect(l.charges).toHaveLength(1);
		expect(l.orders).toHaveLength(1);

		await api.call('PUT', '/__sandbox/faults', { body: {} });
		const retry = await api.call('POST', '/v1/orders', { token, body, requestId: 'rid-drop' });
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(retry.body.order.id).toBe(body.orderId);
		expect((await ledger()).charges).toHaveLength(1);
	});

	it('a client that hangs up mid-body leaves nothing under its id: the whole retry is charged once, not refused', async () => {
		const { token, pm } = await contosoWithCard();
		const body = JSON.stringify(orderBody(pm));
		const { port, hostname } = new URL(server.url);
		await new Promise<void>((resolve) => {
			const socket = connect(Number(port), hostname, () => {
				socket.write(
					`POST /api/v1/orders HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
						`Authorization: Bearer ${token}\r\nMS-RequestId: rid-cut\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`
				);
				setTimeout(() => socket.destroy(), 50);
			});
			socket.on('close', () => resolve());
		});
		// Give the server the moment it needs to notice.
		await new Promise((r) => setTimeout(r, 50));
		expect((await ledger()).orders).toHaveLength(0);
		const retry = await api.call('POST', '/v1/orders', { token, body: JSON.parse(body), requestId: 'rid-cut' });
		expect(retry.status).toBe(201);
		expect((await ledger()).charges).toHaveLength(1);
	});

	it('malformedRate 1: GETs answer 200 with bodies that break the schema', async () => {
		const token = await api.signIn('admin@contoso.example');
		await api.call('PUT', '/__sandbox/faults', { body: { malformedRate: 1 } });
		const r = await api.call('GET', '/v1/offers', { token });
		expect(r.status).toBe(200);
		expect(v.is(OfferList, r.body)).toBe(false);
		// Test controls are never faulted.
		expect((await api.call('GET', '/__sandbox/ledger')).body.charges).toEqual([]);
	});

	it('latencyMs delays answers', async () => {
		await api.call('PUT', '/__sandbox/faults', { body: { latencyMs: [80, 80] } });
		const t0 = performance.now();
		await api.call('POST', '/v1/auth/signin', { body: { email: 'admin@contoso.example', password: 'sandbox' } });
		expect(performance.now() - t0).toBeGreaterThanOrEqual(70);
	});

	it('validates the fault settings', async () => {
		const r = await api.call('PUT', '/__sandbox/faults', { body: { failRate: 2, latencyMs: [10, 5], bogus: true } });
		expect(r.status).toBe(400);
		expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['bogus', 'failRate', 'latencyMs']);
	});

	it('reset clears faults', async () => {
		await api.call('PUT', '/__sandbox/faults', { body: { failRate: 1 } });
		await api.call('POST', '/__sandbox/reset');
		expect((await api.call('GET', '/__sandbox/faults')).body.failRate).toBe(0);
		expect((await api.call('POST', '/v1/auth/signin', { body: { email: 'admin@contoso.example', password: 'sandbox' } })).status).toBe(200);
	});
});

describe('IdempotencyStore', () => {
	const answer = { status: 201, body: '{"a":1}', headers: {} };
	it('claims, replays, conflicts and releases', () => {
		const s = new IdempotencyStore();
		expect(s.claim('p', 'k', 'f1', '2026-01-01')).toEqual({ kind: 'new' });
		expect(s.claim('p', 'k', 'f1', '2026-01-01')).toEqual({ kind: 'in_progress' });
		expect(s.claim('p', 'k', 'f2', '2026-01-01')).toEqual({ kind: 'conflict' });
		s.complete('p', 'k', answer);
		expect(s.claim('p', 'k', 'f1', '2026-01-02')).toEqual({ kind: 'replay', answer });
		expect(s.claim('q', 'k', 'f2', '2026-01-02')).toEqual({ kind: 'new' });
		s.release('q', 'k');
		expect(s.claim('q', 'k', 'f3', '2026-01-02')).toEqual({ kind: 'new' });
	});
	it('never releases a finished key', () => {
		const s = new IdempotencyStore();
		s.claim('p', 'k', 'f', '2026-01-01');
		s.complete('p', 'k', answer);
		s.release('p', 'k');
		expect(s.claim('p', 'k', 'f', '2026-01-01').kind).toBe('replay');
	});
});
