// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { BATCH_MAX } from '../../api/schemas.ts';
import { sandboxPerFile } from './test-server.ts';
import { contact } from './testkit.ts';

const { api } = sandboxPerFile();
let token: string;

beforeEach(async () => {
	token = await api.signIn('admin@contoso.example');
});

function item(id: string, title: string, topic = 'billing') {
	return {
		id,
		method: 'POST',
		url: '/v1/servicerequests/en-US',
		headers: { 'MS-RequestId': id },
		body: { title, description: `Batch item ${title}.`, severity: 'minimal', supportTopicId: topic, primaryContact: contact() }
	};
}

describe('POST /v1/$batch', () => {
	it('answers each item as if it had come alone, and a replayed batch applies nothing twice', async () => {
		const body = { requests: [item('req-a', 'Alpha'), item('req-b', 'Beta', 'no-such-topic')] };
		const first = await api.call('POST', '/v1/$batch', { token, requestId: true, body });
		expect(first.status).toBe(200);
		expect(first.body.responses.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual([
			['req-a', 201],
			['req-b', 400]
		]);
		const again = await api.call('POST', '/v1/$batch', { token, requestId: true, body });
		expect(again.body.responses[0].body).toEqual(first.body.responses[0].body);
		expect(again.body.responses[0].headers?.['idempotent-replayed']).toBe('true');
		// The same item alone, with its own header, replays too.
		const alone = await api.call('POST', '/v1/servicerequests/en-US', { token, requestId: 'req-a', body: body.requests[0].body });
		expect(alone.body.id).toBe(first.body.responses[0].body.id);
		const ledger = await api.call('GET', '/__sandbox/ledger');
		expect(ledger.body.serviceRequests.map((r: { title: string }) => r.title)).toEqual(['Alpha']);
	});

	it('refuses an item without its MS-RequestId, a batch without one, and an oversized batch', async () => {
		const noItemId = await api.call('POST', '/v1/$batch', {
			token,
			requestId: true,
			body: { requests: [{ ...item('x', 'X'), headers: {} }] }
		});
		expect(noItemId.body.responses[0].status).toBe(400);
		expect((await api.call('POST', '/v1/$batch', { token, body: { requests: [item('y', 'Y')] } })).status).toBe(400);
		const big = Array.from({ length: BATCH_MAX + 1 }, (_, i) => item(`z${i}`, `Z${i}`));
		expect((await api.call('POST', '/v1/$batch', { token, requestId: true, body: { requests: big } })).status).toBe(400);
		expect((await api.call('GET', '/__sandbox/ledger')).body.serviceRequests).toHaveLength(0);
	});
});

describe('POST /v1/$batch hardening (issue 10)', () => {
	it('refuses duplicate item ids with 400 and applies nothing', async () => {
		const r = await api.call('POST', '/v1/$batch', { token, requestId: true, body: { requests: [item('dup', 'One'), { ...item('dup', 'Two'), headers: { 'MS-RequestId': 'other' } }] } });
		expect(r.status).toBe(400);
		expect(r.body.code).toBe('duplicate_batch_id');
		expect((await api.call('GET', '/__sandbox/ledger')).body.serviceRequests).toHaveLength(0);
	});

	it('an item that throws gets its own 500; the items before and after keep their answers and the envelope is 200', async () => {
		const { ROUTES } = await import('./routes.ts');
		const target = ROUTES.find((r) => r.method === 'PATCH' && r.pattern.test('/v1/servicerequests/x'));
		if (!target || !target.auth) throw new Error('route not found');
		const original = target.handler;
		target.handler = () => {
			throw new Error('boom');
		};
		try {
			const body = {
				requests: [
					item('t-a', 'Before'),
					{ id: 't-b', method: 'PATCH', url: '/v1/servicerequests/SR-1', headers: { 'MS-RequestId': 't-b' }, body: { newNote: { text: 'Hi' } } },
					item('t-c', 'After')
				]
			};
			const r = await api.call('POST', '/v1/$batch', { token, requestId: true, body });
			expect(r.status).toBe(200);
			expect(r.body.responses.map((x: { status: number }) => x.status)).toEqual([201, 500, 201]);
			expect(r.body.responses[1].body.code).toBe('unavailable');
			expect((await api.call('GET', '/__sandbox/ledger')).body.serviceRequests).toHaveLength(2);
		} finally {
			target.handler = original;
		}
		// The failed item's key was released: retried alone, it runs (and finds no such request).
		const retry = await api.call('PATCH', '/v1/servicerequests/SR-1', { token, requestId: 't-b', body: { newNote: { text: 'Hi' } } });
		expect(retry.status).toBe(404);
	});
});
