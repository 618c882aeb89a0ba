// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
	InvoiceList,
	Me,
	OfferList,
	OrderList,
	OrderResult,
	PaymentMethod,
	PaymentMethodList,
	Problem,
	Session,
	Subscription,
	SubscriptionList
} from '../../api/schemas.ts';
import { addDays } from '../../domain/dates.ts';
import { anniversary } from '../../domain/term.ts';
import { startSandboxServer, type SandboxServer } from './index.ts';
import { apiClient, card, DECLINING, VISA, type ApiClient } from './testkit.ts';

const TODAY = '2026-01-10';
const FABRIKAM_END = '2026-01-30';

let server: SandboxServer;
let api: ApiClient;

beforeAll(async () => {
	server = await startSandboxServer({ port: 0, host: '127.0.0.1', today: TODAY });
	api = apiClient(server.url);
});
afterAll(() => server.close());
beforeEach(async () => {
	expect((await api.call('POST', '/__sandbox/reset')).status).toBe(200);
});

function expectProblem(r: { status: number; headers: Headers; body: unknown }, status: number, code: string) {
	expect(r.status).toBe(status);
	expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
	expect(v.is(Problem, r.body)).toBe(true);
	expect((r.body as { code: string }).code).toBe(code);
}

async function ledger() {
	return (await api.call('GET', '/__sandbox/ledger')).body;
}

async function addCard(token: string, number = VISA): Promise<string> {
	const r = await api.call('POST', '/v1/paymentmethods', { token, body: card(number), requestId: true });
	expect(r.status).toBe(201);
	return r.body.id;
}

function orderBody(paymentMethodId: string, over: Record<string, unknown> = {}) {
	return {
		orderId: `order-${Math.random().toString(36).slice(2, 12)}`,
		kind: 'purchase',
		offerId: 'action-pack',
		paymentMethodId,
		termsVersion: '2017-07',
		termsAccepted: true,
		...over
	};
}

describe('sign-in', () => {
	it('signs in a seeded user, email case-insensitively', async () => {
		const r = await api.call('POST', '/v1/auth/signin', { body: { email: ' Admin@Contoso.example ', password: 'sandbox' } });
		expect(r.status).toBe(200);
		expect(v.is(Session, r.body)).toBe(true);
		expect(r.body.user).toMatchObject({ email: 'admin@contoso.example', role: 'global_admin', displayName: 'Alex Admin' });
		expect(r.body.partner).toMatchObject({ name: 'Contoso', country: 'US', currency: 'USD', networkMember: true, networkMemberSince: '2016-03-01', competencies: [] });
		expect(JSON.stringify(r.body)).not.toContain('password');
	});

	it('refuses a wrong password or an unknown user', async () => {
		expectProblem(await api.call('POST', '/v1/auth/signin', { body: { email: 'admin@contoso.example', password: 'nope' } }), 401, 'bad_credentials');
		expectProblem(await api.call('POST', '/v1/auth/signin', { body: { email: 'who@contoso.example', password: 'sandbox' } }), 401, 'bad_credentials');
	});

	it('validates the body and names the field', async () => {
		const r = await api.call('POST', '/v1/auth/signin', { body: { email: 'not-an-email', password: '' } });
		expectProblem(r, 400, 'validation');
		expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
	});

	it('refuses invalid JSON', async () => {
		expectProblem(await api.call('POST', '/v1/auth/signin', { raw: '{"email":' }), 400, 'validation');
	});

	it('seeds every user of DESIGN §6 with their role', async () => {
		const expected: [string, string, string][] = [
			['admin@contoso.example', 'global_admin', 'Contoso'],
			['mpn@contoso.example', 'mpn_admin', 'Contoso'],
			['account@contoso.example', 'account_admin', 'Contoso'],
			['user@contoso.example', 'user', 'Contoso'],
			['admin@fabrikam.example', 'global_admin', 'Fabrikam Korea'],
			['mpn@fabrikam.example', 'mpn_admin', 'Fabrikam Korea'],
			['admin@northwind.example', 'global_admin', 'Northwind']
		];
		for (const [email, role, partner] of expected) {
			const r = await api.call('POST', '/v1/auth/signin', { body: { email, password: 'sandbox' } });
			expect(r.status, email).toBe(200);
			expect(r.body.user.role).toBe(role);
			expect(r.body.partner.name).toBe(partner);
		}
	});
});

describe('me and sign-out', () => {
	it('answers who is signed in, and 401 without or after sign-out', async () => {
		const token = await api.signIn('admin@fabrikam.example');
		const r = await api.call('GET', '/v1/me', { token });
		expect(r.status).toBe(200);
		expect(v.is(Me, r.body)).toBe(true);
		expect(r.body.partner).toMatchObject({ name: 'Fabrikam Korea', country: 'KR', currency: 'KRW', networkMemberSince: '2015-06-15' });
		expect(r.body.partner.competencies.map((c: { name: string; level: string }) => [c.name, c.level])).toEqual([
			['Cloud Platform', 'gold'],
			['Data Analytics', 'silver']
		]);

		expectProblem(await api.call('GET', '/v1/me'), 401, 'unauthenticated');
		expectProblem(await api.call('GET', '/v1/me', { token: 'nope' }), 401, 'unauthenticated');
		expect((await api.call('POST', '/v1/auth/signout', { token })).status).toBe(204);
		expectProblem(await api.call('GET', '/v1/me', { token }), 401, 'unauthenticated');
	});

	it('says Northwind is not a network member', async () => {
		const r = await api.call('GET', '/v1/me', { token: await api.signIn('admin@northwind.example') });
		expect(r.body.partner).toMatchObject({ networkMember: false, networkMemberSince: null });
	});
});

describe('offers', () => {
	it('prices the Action Pack for the partner\'s country', async () => {
		const us = await api.call('GET', '/v1/offers', { token: await api.signIn('admin@contoso.example') });
		expect(v.is(OfferList, us.body)).toBe(true);
		expect(us.body.items).toHaveLength(1);
		expect(us.body.items[0]).toMatchObject({ id: 'action-pack', name: 'Microsoft Action Pack', termMonths: 12, requiresNetworkMembership: true });
		expect(us.body.items[0].price).toEqual({ currency: 'USD', amount: 475, taxRate: 0.08, tax: 38, total: 513 });
		expect(us.body.items[0].terms.version).toBe('2017-07');
		expect(us.body.items[0].benefits).toHaveLength(7);

		const kr = await api.call('GET', '/v1/offers', { token: await api.signIn('mpn@fabrikam.example') });
		expect(kr.body.items[0].price).toEqual({ currency: 'KRW', amount: 560000, taxRate: 0.1, tax: 56000, total: 616000 });
	});
});

describe('subscriptions', () => {
	it('shows Fabrikam\'s Action Pack ending 20 days after today, with its renewal window', async () => {
		const r = await api.call('GET', '/v1/subscriptions', { token: await api.signIn('admin@fabrikam.example') });
		expect(r.status).toBe(200);
		expect(v.is(SubscriptionList, r.body)).toBe(true);
		expect(r.body.items).toHaveLength(1);
		expect(r.body.items[0]).toMatchObject({
			offerId: 'action-pack',
			status: 'active',
			endDate: FABRIKAM_END,
			startDate: anniversary(FABRIKAM_END, -1),
			autoRenew: false,
			renewableFrom: addDays(FABRIKAM_END, -90),
			renewableUntil: addDays(FABRIKAM_END, 30),
			refundableUntil: null
		});
	});

	it('Contoso has none', async () => {
		const r = await api.call('GET', '/v1/subscriptions', { token: await api.signIn('user@contoso.example') });
		expect(r.body.items).toEqual([]);
	});

	it('turns auto-renew off, and refuses to turn it on', async () => {
		const token = await api.signIn('mpn@fabrikam.example');
		const [sub] = (await api.call('GET', '/v1/subscriptions', { token })).body.items;
		const off = await api.call('PATCH', `/v1/subscriptions/${sub.id}`, { token, body: { autoRenew: false }, requestId: true });
		expect(off.status).toBe(200);
		expect(v.is(Subscription, off.body)).toBe(true);
		expect(off.body.autoRenew).toBe(false);

		const on = await api.call('PATCH', `/v1/subscriptions/${sub.id}`, { token, body: { autoRenew: true }, requestId: true });
		expectProblem(on, 422, 'auto_renew_on_requires_renewal');
		const junk = await api.call('PATCH', `/v1/subscriptions/${sub.id}`, { token, body: { autoRenew: 'yes' }, requestId: true });
		expectProblem(junk, 400, 'validation');
		expect(junk.body.errors[0].field).toBe('autoRenew');
	});

	it('checks the role and the owner', async () => {
		const userToken = await api.signIn('user@contoso.example');
		expectProblem(await api.call('PATCH', '/v1/subscriptions/sub-fabrikam-action-pack', { token: userToken, body: { autoRenew: false }, requestId: true }), 403, 'forbidden_role');
		const otherPartner = await api.signIn('admin@contoso.example');
		expectProblem(await api.call('PATCH', '/v1/subscriptions/sub-fabrikam-action-pack', { token: otherPartner, body: { autoRenew: false }, requestId: true }), 404, 'not_found');
	});
});

describe('payment methods', () => {
	it('keeps only display fields', async () => {
		const token = await api.signIn('admin@contoso.example');
		const r = await api.call('POST', '/v1/paymentmethods', { token, body: card('4242424242424242'), requestId: true });
		expect(r.status).toBe(201);
		expect(v.is(PaymentMethod, r.body)).toBe(true);
		expect(r.body).toMatchObject({ brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, holderName: 'Alex Admin' });
		expect(r.body.id).toMatch(/^pm_/);
		expect(Object.keys(r.body).sort()).toEqual(['brand', 'expMonth', 'expYear', 'holderName', 'id', 'last4']);

		const list = await api.call('GET', '/v1/paymentmethods', { token });
		expect(v.is(PaymentMethodList, list.body)).toBe(true);
		expect(list.body.items).toEqual([r.body]);

		// Nowhere in memory: not in the records, not in the request-id store.
		const everything = JSON.stringify(server.sandbox.state) + JSON.stringify([...((server.sandbox.core.idempotency as unknown as { byScope: Map<string, Map<string, unknown>> }).byScope.values())].map((m) => [...m.entries()]));
		expect(everything).not.toContain('4242424242424242');
		expect(everything).not.toContain('"123"');
	});

	it('refuses a Luhn-invalid number on cardNumber and an expired card on expMonth', async () => {
		const token = await api.signIn('admin@contoso.example');
		const luhn = await api.call('POST', '/v1/paymentmethods', { token, body: card('4242424242424241'), requestId: true });
		expectProblem(luhn, 400, 'validation');
		expect(luhn.body.errors).toEqual([{ field: 'cardNumber', message: expect.any(String) }]);

		const expired = await api.call('POST', '/v1/paymentmethods', { token, body: card(VISA, { expMonth: 12, expYear: 2025 }), requestId: true });
		expectProblem(expired, 400, 'validation');
		expect(expired.body.errors.map((e: { field: string }) => e.field)).toEqual(['expMonth']);

		// The current month is still good.
		expect((await api.call('POST', '/v1/paymentmethods', { token, body: card(VISA, { expMonth: 1, expYear: 2026 }), requestId: true })).status).toBe(201);
	});

	it('never echoes the number in a schema error', async () => {
		const token = await api.signIn('admin@contoso.example');
		const r = await api.call('POST', '/v1/paymentmethods', { token, body: { ...card(), cardNumber: 4242424242424242, securityCode: 123 }, requestId: true });
		expectProblem(r, 400, 'validation');
		expect(r.text).not.toContain('4242424242424242');
		expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cardNumber', 'securityCode']);
	});

	it('deletes, and only admins who buy may add', async () => {
		const token = await api.signIn('mpn@contoso.example');
		const id = await addCard(token);
		expect((await api.call('DELETE', `/v1/paymentmethods/${id}`, { token, requestId: true })).status).toBe(204);
		expect((await api.call('GET', '/v1/paymentmethods', { token })).body.items).toEqual([]);
		expectProblem(await api.call('DELETE', `/v1/paymentmethods/${id}`, { token, requestId: true }), 404, 'not_found');

		const account = await api.signIn('account@contoso.example');
		expectProblem(await api.call('POST', '/v1/paymentmethods', { token: account, body: card(), requestId: true }), 403, 'forbidden_role');
	});
});

describe('purchase', () => {
	it('charges Contoso once and records order, invoice and subscription', async () => {
		const token = await api.signIn('admin@contoso.example');
		const pm = await addCard(token);
		const body = orderBody(pm);
		const r = await api.call('POST', '/v1/orders', { token, body, requestId: 'req-purchase-1', headers: { 'MS-CorrelationId': 'corr-1' } });
		expect(r.status).toBe(201);
		expect(r.headers.get('ms-correlationid')).toBe('corr-1');
		expect(v.is(OrderResult, r.body)).toBe(true);
		expect(r.body.order).toMatchObject({ id: body.orderId, kind: 'purchase', status: 'confirmed', placedDate: TODAY, currency: 'USD', amount: 475, tax: 38, total: 513, paymentBrand: 'visa', paymentLast4: '4242' });
		expect(r.body.subscription).toMatchObject({ status: 'active', startDate: TODAY, endDate: '2027-01-10', autoRenew: true, refundableUntil: '2026-02-09' });
		expect(r.body.invoice.number).toMatch(/^INV-2026-\d{6}$/);
		expect(r.body.invoice).toMatchObject({ orderId: body.orderId, date: TODAY, partnerName: 'Contoso', subtotal: 475, tax: 38, total: 513, paymentLast4: '4242' });
		expect(r.body.order.invoiceId).toBe(r.body.invoice.id);

		const l = await ledger();
		expect(l.charges).toEqual([expect.objectContaining({ requestId: 'req-purchase-1', orderId: body.orderId, amount: 513, currency: 'USD', last4: '4242' })]);
		expect(l.subscriptions.filter((s: { partnerId: string }) => s.partnerId === 'partner-contoso')).toEqual([
			{ id: r.body.subscription.id, partnerId: 'partner-contoso', offerId: 'action-pack', status: 'active', startDate: TODAY, endDate: '2027-01-10', autoRenew: true }
		]);

		const orders = await api.call('GET', '/v1/orders', { token });
		expect(v.is(OrderList, orders.body)).toBe(true);
		expect(orders.body.items).toEqual([r.body.order]);
		const invoices = await api.call('GET', '/v1/invoices', { token });
		expect(v.is(InvoiceList, invoices.body)).toBe(true);
		expect((await api.call('GET', `/v1/invoices/${r.body.invoice.id}`, { token })).body).toEqual(r.body.invoice);
		expectProblem(await api.call('GET', '/v1/invoices/inv_nope', { token }), 404, 'not_found');

		// Now it holds one: a second purchase is refused.
		const again = await api.call('POST', '/v1/orders', { token, body: orderBody(pm), requestId: true });
		expectProblem(again, 409, 'already_subscribed');
	});

	it('refuses Northwind (not a network member)', async () => {
		const token = await api.signIn('admin@northwind.example');
		const pm = await addCard(token);
		expectProblem(await api.call('POST', '/v1/orders', { token, body: orderBody(pm), requestId: true }), 403, 'not_network_member');
		expect((await ledger()).charges).toEqual([]);
	});

	it('refuses Fabrikam (already subscribed)', async () => {
		const token = await api.signIn('admin@fabrikam.example');
		const pm = await addCard(token);
		expectProblem(await api.call('POST', '/v1/orders', { token, body: orderBody(pm), requestId: true }), 409, 'already_subscribed');
	});

	it('refuses a user without an admin role', async () => {
		const pm = await addCard(await api.signIn('admin@contoso.example'));
		const token = await api.signIn('user@contoso.example');
		expectProblem(await api.call('POST', '/v1/orders', { token, body: orderBody(pm), requestId: true }), 403, 'forbidden_role');
	});

	it('answers 402 for a declined card and charges nothing', async () => {
		const token = await api.signIn('admin@contoso.example');
		const pm = await addCard(token, DECLINING);
		const body = orderBody(pm);
		expectProblem(await api.call('POST', '/v1/orders', { token, body, requestId: true }), 402, 'card_declined');
		const l = await ledger();
		expect(l.charges).toEqual([]);
		expect(l.orders).toEqual([]);
		expect(l.invoices).toEqual([]);
		expect(l.subscriptions.filter((s: { partnerId: string }) => s.partnerId === 'partner-contoso')).toEqual([]);
		expect(l.paymentAttempts).toEqual([expect.objectContaining({ orderId: body.orderId, outcome: 'declined', last4: '0002' })]);

		// The same order with another card (a new request) goes through.
		const good = await addCard(token);
		expect((await api.call('POST', '/v1/orders', { token, body: { ...body, paymentMethodId: good }, requestId: true })).status).toBe(201);
		expect((await ledger()).charges).toHaveLength(1);
	});

	it('validates the order and names the fields', async () => {
		const token = await api.signIn('admin@contoso.example');
		const r = await api.call('POST', '/v1/orders', { token, body: { orderId: 'short', kind: 'buy', offerId: 'action-pack', paymentMethodId: 'x', termsVersion: '2017-07', termsAccepted: false }, requestId: true });
		expectProblem(r, 400, 'validation');
		expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'orderId', 'termsAccepted']);

		const pm = await addCard(token);
		const terms = await api.call('POST', '/v1/orders', { token, body: orderBody(pm, { termsVersion: '2016-01' }), requestId: true });
		expect(terms.body.errors[0].field).toBe('termsVersion');
		const noPm = await api.call('POST', '/v1/orders', { token, body: orderBody('pm_nope'), requestId: true });
		expect(noPm.body.errors[0].field).toBe('paymentMethodId');
	});
});

describe('renewal', () => {
	it('extends from the current end date and turns auto-renew on', async () => {
		const token = await api.signIn('admin@fabrikam.example');
		const pm = await addCard(token);
		const r = await api.call('POST', '/v1/orders', { token, body: orderBody(pm, { kind: 'renew', subscriptionId: 'sub-fabrikam-action-pack' }), requestId: true });
		expect(r.status).toBe(201);
		expect(r.body.subscription).toMatchObject({ id: 'sub-fabrikam-action-pack', endDate: '2027-01-30', autoRenew: true, status: 'active' });
		expect(r.body.order).toMatchObject({ kind: 'renew', currency: 'KRW', total: 616000 });
		expect((await ledger()).charges).toEqual([expect.objectContaining({ amount: 616000, currency: 'KRW' })]);
	});

	it('needs the subscription id', async () => {
		const token = await api.signIn('admin@fabrikam.example');
		const pm = await addCard(token);
		const r = await api.call('POST', '/v1/orders', { token, body: orderBody(pm, { kind: 'renew' }), requestId: true });
		expectProblem(r, 400, 'validation');
		expect(r.body.errors[0].field).toBe('subscriptionId');
	});

	it('refuses outside the renewal window', async () => {
		const token = await api.signIn('admin@fabrikam.example');
		const pm = await addCard(token);
		// Fabrikam's window closes 30 days after its end date.
		await api.call('PUT', '/__sandbox/clock', { body: { today: addDays(FABRIKAM_END, 31) } });
		const subs = await api.call('GET', '/v1/subscriptions', { token });
		expect(subs.body.items[0]).toMatchObject({ status: 'expired', endDate: FABRIKAM_END });
		const late = await api.call('POST', '/v1/orders', { token, body: orderBody(pm, { kind: 'renew', subscriptionId: 'sub-fabrikam-action-pack' }), requestId: true });
		expectProblem(late, 422, 'outside_renewal_window');

		// Inside the 30 days after the end, a lapsed subscription can still be renewed.
		await api.call('PUT', '/__sandbox/clock', { body: { today: addDays(FABRIKAM_END, 30) } });
		const inTime = await api.call('POST', '/v1/orders', { token, body: orderBody(pm, { kind: 'renew', subscriptionId: 'sub-fabrikam-action-pack' }), requestId: true });
		expect(inTime.status).toBe(201);
		expect(inTime.body.subscription).toMatchObject({ endDate: '2027-01-30', status: 'active' });
	});

	it('refuses before the window opens, saying when', async () => {
		const token = await api.signIn('admin@contoso.example');
		const pm = await addCard(token);
		const bought = await api.call('POST', '/v1/orders', { token, body: orderBody(pm), requestId: true });
		const early = await api.call('POST', '/v1/orders', { token, body: orderBody(pm, { kind: 'renew', subscriptionId: bought.body.subscription.id }), requestId: true });
		expectProblem(early, 422, 'outside_renewal_window');
		expect(early.body.detail).toContain(addDays('2027-01-10', -90));
	});

	it('is refused to a role that may not renew', async () => {
		// Only admins exist at Fabrikam; use Contoso's account admin on Fabrikam's id: role comes first.
		const token = await api.signIn('account@contoso.example');
		expectProblem(await api.call('POST', '/v1/orders', { token, body: orderBody('pm_x', { kind: 'renew', subscriptionId: 'sub-fabrikam-action-pack' }), requestId: true }), 403, 'forbidden_role');
	});
});

describe('routing', () => {
	it('answers unknown paths with a problem, and wrong methods with 405', async () => {
		const token = await api.signIn('admin@contoso.example');
		expectProblem(await api.call('GET', '/v1/nothing', { token }), 404, 'not_found');
		const r = await api.call('PUT', '/v1/offers', { token, requestId: true });
		expect(r.status).toBe(405);
		expect(r.headers.get('allow')).toBe('GET');
	});

	// Issue 10: the app is same-origin, so no CORS at all (this used to grant every origin).
	it('grants no CORS: an OPTIONS answers with Allow and no Access-Control-* header', async () => {
		const r = await fetch(`${server.url}/v1/orders`, { method: 'OPTIONS' });
		expect(r.status).toBe(204);
		expect(r.headers.get('allow')).toContain('POST');
		expect([...r.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
	});
});
