// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ServiceRequest, ServiceRequestList, SupportTopicList } from '../../api/schemas.ts';
import { cancellationRequestDraft } from '../../domain/support.ts';
import { sandboxPerFile } from './test-server.ts';
import { contact } from './testkit.ts';

const { api } = sandboxPerFile();

function request(over: Record<string, unknown> = {}) {
	return {
		title: 'Cancel Microsoft Action Pack subscription',
		description: 'Please cancel subscription sub-fabrikam-action-pack.',
		severity: 'moderate',
		supportTopicId: 'billing',
		primaryContact: contact(),
		...over
	};
}

describe('service requests', () => {
	it('lists the support topics, billing among them', async () => {
		const token = await api.signIn('user@contoso.example');
		const r = await api.call('GET', '/v1/servicerequests/supporttopics', { token });
		expect(v.is(SupportTopicList, r.body)).toBe(true);
		expect(r.body.items.find((t: { id: string }) => t.id === 'billing').name).toBe('Help with partner invoice, payment, or reconciliation file');
	});

	it('files, lists newest first, adds a note, and support closes it', async () => {
		const token = await api.signIn('admin@fabrikam.example');
		const a = await api.call('POST', '/v1/servicerequests/ko-KR', { token, body: request(), requestId: true });
		expect(a.status).toBe(201);
		expect(v.is(ServiceRequest, a.body)).toBe(true);
		expect(a.body.id).toMatch(/^SR-\d{10}$/);
		expect(a.body).toMatchObject({ status: 'open', supportTopicName: 'Help with partner invoice, payment, or reconciliation file', notes: [] });
		expect(a.body.history).toEqual([{ status: 'open', date: a.body.createdDate, by: 'Ji-woo Kim' }]);
		expect(a.body.createdDate.slice(0, 10)).toBe('2026-01-10');

		const b = await api.call('POST', '/v1/servicerequests/en-US', { token, body: request({ title: 'Second', supportTopicId: 'other' }), requestId: true });
		const list = await api.call('GET', '/v1/servicerequests', { token });
		expect(v.is(ServiceRequestList, list.body)).toBe(true);
		expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([b.body.id, a.body.id]);

		const noted = await api.call('PATCH', `/v1/servicerequests/${a.body.id}`, { token, body: { newNote: { text: 'Any news?' } }, requestId: true });
		expect(noted.status).toBe(200);
		expect(noted.body.notes).toEqual([{ text: 'Any news?', createdByName: 'Ji-woo Kim', createdDate: expect.any(String) }]);

		const closed = await api.call('POST', `/__sandbox/servicerequests/${a.body.id}/close`, { body: { note: 'Cancelled and refunded.' } });
		expect(closed.status).toBe(200);
		const got = await api.call('GET', `/v1/servicerequests/${a.body.id}`, { token });
		expect(got.body.status).toBe('closed');
		expect(got.body.notes.map((n: { text: string }) => n.text)).toEqual(['Any news?', 'Cancelled and refunded.']);
		expect(got.body.history.map((h: { status: string }) => h.status)).toEqual(['open', 'closed']);

		const l = (await api.call('GET', '/__sandbox/ledger')).body;
		expect(l.serviceRequests.find((r: { id: string }) => r.id === a.body.id)).toMatchObject({ status: 'closed', supportTopicId: 'billing', partnerId: 'partner-fabrikam' });
	});

	it('support can grant a cancellation, which cancels the subscription it names', async () => {
		const token = await api.signIn('admin@fabrikam.example');
		const draft = cancellationRequestDraft({ id: 'sub-fabrikam-action-pack' });
		const sr = await api.call('POST', '/v1/servicerequests/en-US', { token, body: { ...draft, primaryContact: contact() }, requestId: true });
		expect(sr.status).toBe(201);
		await api.call('POST', `/__sandbox/servicerequests/${sr.body.id}/close`, { body: { note: 'Done.', cancelSubscription: true } });
		const subs = await api.call('GET', '/v1/subscriptions', { token });
		expect(subs.body.items[0]).toMatchObject({ status: 'cancelled', autoRenew: false });
	});

	it('validates with field names, including an unknown topic', async () => {
		const token = await api.signIn('account@contoso.example');
		const bad = await api.call('POST', '/v1/servicerequests/en-US', {
			token,
			body: request({ title: '', description: 'short', severity: 'urgent', primaryContact: { name: 'A', email: 'nope' } }),
			requestId: true
		});
		expect(bad.status).toBe(400);
		expect(bad.body.code).toBe('validation');
		expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['description', 'primaryContact.email', 'severity', 'title']);

		const topic = await api.call('POST', '/v1/servicerequests/en-US', { token, body: request({ supportTopicId: 'nope' }), requestId: true });
		expect(topic.status).toBe(400);
		expect(topic.body.errors).toEqual([{ field: 'supportTopicId', message: expect.any(String) }]);
	});

	it('lets global, MPN and account admins file; not a plain user', async () => {
		for (const email of ['admin@contoso.example', 'mpn@contoso.example', 'account@contoso.example']) {
			const token = await api.signIn(email);
			expect((await api.call('POST', '/v1/servicerequests/en-US', { token, body: request(), requestId: true })).status, email).toBe(201);
		}
		const user = await api.signIn('user@contoso.example');
		const r = await api.call('POST', '/v1/servicerequests/en-US', { token: user, body: request(), requestId: true });
		expect(r.status).toBe(403);
		expect(r.body.code).toBe('forbidden_role');
		// …but may read them.
		expect((await api.call('GET', '/v1/servicerequests', { token: user })).body.items).toHaveLength(3);
	});

	it('keeps partners apart', async () => {
		const fabrikam = await api.signIn('admin@fabrikam.example');
		const sr = await api.call('POST', '/v1/servicerequests/en-US', { token: fabrikam, body: request(), requestId: true });
		const contoso = await api.signIn('admin@contoso.example');
		expect((await api.call('GET', `/v1/servicerequests/${sr.body.id}`, { token: contoso })).status).toBe(404);
		expect((await api.call('GET', '/v1/servicerequests', { token: contoso })).body.items).toEqual([]);
	});
});
