// @vitest-environment node
/**
 * Issue 9, flow G over real HTTP: benefit activations (asynchronous, once per benefit, exactly
 * once per MS-RequestId), assignment (Global admin only), expiry with the subscription,
 * refundability after a software activation, and Fabrikam's seeded card.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { BenefitActivation, BenefitActivationList, PaymentMethodList, Problem, SubscriptionList } from '../../api/schemas.ts';
import { addDays } from '../../domain/dates.ts';
import { BENEFIT_ACTIVATION_MS, startSandboxServer, type SandboxServer } from './index.ts';
import { SEED_IDS } from './seed.ts';
import { apiClient, card, type ApiClient } from './testkit.ts';

const TODAY = '2026-01-10';
const FABRIKAM_END = '2026-01-30';
const FAB_SUB = SEED_IDS.fabrikamSubscription;
const activationPath = (sub: string, benefit: string) => `/v1/subscriptions/${sub}/benefits/${benefit}/activation`;
const KEY = /^[BCDFGHJKMPQRTVWXY2346789]{5}(-[BCDFGHJKMPQRTVWXY2346789]{5}){4}$/;

// Real time as the sandbox sees it: moved by the tests instead of sleeping.
let realMs = 1_700_000_000_000;
let server: SandboxServer;
let api: ApiClient;
let fabAdmin: string;
let fabMpn: string;

beforeAll(async () => {
	server = await startSandboxServer({ today: TODAY, now: () => realMs });
	api = apiClient(server.url);
});
afterAll(() => server.close());
beforeEach(async () => {
	expect((await api.call('POST', '/__sandbox/reset')).status).toBe(200);
	fabAdmin = await api.signIn('admin@fabrikam.example');
	fabMpn = await api.signIn('mpn@fabrikam.example');
});

function expectProblem(r: { status: number; body: unknown }, status: number, code: string) {
	expect(r.status).toBe(status);
	expect(v.is(Problem, r.body)).toBe(true);
	expect((r.body as { code: string }).code).toBe(code);
}

async function ledger() {
	return (await api.call('GET', '/__sandbox/ledger')).body;
}

async function list(token: string) {
	const r = await api.call('GET', '/v1/benefits', { token });
	expect(r.status).toBe(200);
	expect(v.is(BenefitActivationList, r.body)).toBe(true);
	return r.body.items as BenefitActivation[];
}

async function setClock(today: string) {
	expect((await api.call('PUT', '/__sandbox/clock', { body: { today } })).status).toBe(200);
}

/** Contoso buys an Action Pack today and answers its subscription id. */
async function contosoPurchase(token: string): Promise<string> {
	const pm = await api.call('POST', '/v1/paymentmethods', { token, body: card(), requestId: true });
	const r = await api.call('POST', '/v1/orders', {
		token,
		requestId: true,
		body: { orderId: `order-${Math.random().toString(36).slice(2, 12)}`, kind: 'purchase', offerId: 'action-pack', paymentMethodId: pm.body.id, termsVersion: '2017-07', termsAccepted: true }
	});
	expect(r.status).toBe(201);
	return r.body.subscription.id;
}

describe('activation', () => {
	it('is pending, then active after the delay with its product keys (and only then)', async () => {
		const r = await api.call('POST', activationPath(FAB_SUB, 'visual-studio-professional'), { token: fabMpn, requestId: true, body: {} });
		expect(r.status).toBe(202);
		expect(v.is(BenefitActivation, r.body)).toBe(true);
		expect(r.body).toMatchObject({ subscriptionId: FAB_SUB, benefitId: 'visual-studio-professional', status: 'pending', activatedDate: TODAY, expiresOn: FABRIKAM_END });
		expect(r.body.productKeys).toBeUndefined();
		expect(r.headers.get('location')).toBe(`/v1/subscriptions/${FAB_SUB}/benefits/visual-studio-professional/activation`);

		realMs += BENEFIT_ACTIVATION_MS - 1;
		const pending = await list(fabAdmin);
		expect(pending).toHaveLength(1);
		expect(pending[0].status).toBe('pending');
		expect(pending[0].productKeys).toBeUndefined();

		realMs += 1;
		const [active] = await list(fabAdmin);
		expect(active.status).toBe('active');
		expect(active.productKeys).toHaveLength(3);
		for (const k of active.productKeys!) expect(k).toMatch(KEY);
		expect(new Set(active.productKeys).size).toBe(3);
		// The same keys on every read.
		const again = await api.call('GET', activationPath(FAB_SUB, 'visual-studio-professional'), { token: fabAdmin });
		expect(again.status).toBe(200);
		expect(again.body.productKeys).toEqual(active.productKeys);

		const l = await ledger();
		expect(l.benefitActivations).toHaveLength(1);
		expect(l.benefitActivations[0]).toMatchObject({ id: r.body.id, partnerId: SEED_IDS.fabrikam, subscriptionId: FAB_SUB, benefitId: 'visual-studio-professional', status: 'active', assignee: null });
	});

	it('a pending activation finishes at the next read once the sandbox clock has moved', async () => {
		await api.call('POST', activationPath(FAB_SUB, 'windows-10-enterprise'), { token: fabAdmin, requestId: true, body: {} });
		expect((await list(fabAdmin))[0].status).toBe('pending');
		await setClock(addDays(TODAY, 1));
		const [a] = await list(fabAdmin);
		expect(a.status).toBe('active');
		expect(a.productKeys).toHaveLength(10);
		expect((await ledger()).benefitActivations[0].status).toBe('active');
	});

	it('twice is refused with 409 and a plain message, by anyone, and records nothing more', async () => {
		expect((await api.call('POST', activationPath(FAB_SUB, 'azure-credits'), { token: fabAdmin, requestId: true, body: {} })).status).toBe(202);
		const second = await api.call('POST', activationPath(FAB_SUB, 'azure-credits'), { token: fabMpn, requestId: true, body: {} });
		expectProblem(second, 409, 'benefit_already_activated');
		expect(second.body.detail).toBe('Azure credits (US$ per month) is already activated for this subscription.');
		realMs += BENEFIT_ACTIVATION_MS;
		expectProblem(await api.call('POST', activationPath(FAB_SUB, 'azure-credits'), { token: fabAdmin, requestId: true, body: {} }), 409, 'benefit_already_activated');
		expect((await ledger()).benefitActivations).toHaveLength(1);
	});

	it('applies exactly once under a replayed MS-RequestId, alone or inside a batch', async () => {
		const path = activationPath(FAB_SUB, 'windows-10-enterprise');
		const first = await api.call('POST', path, { token: fabAdmin, requestId: 'rid-activate-1', body: {} });
		expect(first.status).toBe(202);
		const replay = await api.call('POST', path, { token: fabAdmin, requestId: 'rid-activate-1', body: {} });
		expect(replay.status).toBe(202);
		expect(replay.headers.get('idempotent-replayed')).toBe('true');
		expect(replay.body).toEqual(first.body);
		const batch = await api.call('POST', '/v1/$batch', {
			token: fabAdmin,
			requestId: true,
			body: { requests: [{ id: '1', method: 'POST', url: path, headers: { 'MS-RequestId': 'rid-activate-1' }, body: {} }] }
		});
		expect(batch.status).toBe(200);
		expect(batch.body.responses[0]).toMatchObject({ status: 202, body: first.body });
		// The same request id with another body is a different request: refused, not applied.
		expectProblem(await api.call('POST', path, { token: fabAdmin, requestId: 'rid-activate-1', body: { contact: { name: 'X', email: 'x@fabrikam.example' } } }), 422, 'request_id_reused');
		const l = await ledger();
		expect(l.benefitActivations).toHaveLength(1);
		expect(l.benefitActivations[0].requestId).toBe('rid-activate-1');
	});

	it('an online service needs a contact (or an assignee); the contact is kept', async () => {
		const path = activationPath(FAB_SUB, 'office-365-e3');
		const none = await api.call('POST', path, { token: fabMpn, requestId: true, body: {} });
		expectProblem(none, 400, 'validation');
		expect(none.body.errors).toEqual([{ field: 'contact', message: 'Enter a contact to set this service up with' }]);
		const bad = await api.call('POST', path, { token: fabMpn, requestId: true, body: { contact: { name: ' ', email: 'nope' } } });
		expectProblem(bad, 400, 'validation');
		const contact = { name: 'Min-jun Lee', email: 'mpn@fabrikam.example' };
		const r = await api.call('POST', path, { token: fabMpn, requestId: true, body: { contact } });
		expect(r.status).toBe(202);
		expect(r.body.contact).toEqual(contact);
		expect((await ledger()).benefitActivations).toHaveLength(1);
	});

	it('an empty body is the same as {}', async () => {
		const r = await api.call('POST', activationPath(FAB_SUB, 'windows-10-enterprise'), { token: fabAdmin, requestId: true });
		expect(r.status).toBe(202);
	});

	it('404 for an unknown benefit or another partner’s subscription; GET of a benefit not activated is 404', async () => {
		expectProblem(await api.call('POST', activationPath(FAB_SUB, 'xbox'), { token: fabAdmin, requestId: true, body: {} }), 404, 'not_found');
		const contoso = await api.signIn('admin@contoso.example');
		expectProblem(await api.call('POST', activationPath(FAB_SUB, 'windows-10-enterprise'), { token: contoso, requestId: true, body: {} }), 404, 'not_found');
		expectProblem(await api.call('GET', activationPath(FAB_SUB, 'windows-10-enterprise'), { token: fabAdmin }), 404, 'not_found');
		expect(await list(contoso)).toEqual([]);
		expect((await ledger()).benefitActivations).toEqual([]);
	});

	it('the per-subscription list holds that subscription’s activations', async () => {
		await api.call('POST', activationPath(FAB_SUB, 'windows-10-enterprise'), { token: fabAdmin, requestId: true, body: {} });
		const r = await api.call('GET', `/v1/subscriptions/${FAB_SUB}/benefits`, { token: fabMpn });
		expect(r.status).toBe(200);
		expect(v.is(BenefitActivationList, r.body)).toBe(true);
		expect(r.body.items.map((a: BenefitActivation) => a.benefitId)).toEqual(['windows-10-enterprise']);
		expectProblem(await api.call('GET', '/v1/subscriptions/sub-nope/benefits', { token: fabMpn }), 404, 'not_found');
	});
});

describe('roles', () => {
	it('Global and MPN partner admins activate; Account admins and users get a plain 403', async () => {
		const admin = await api.signIn('admin@contoso.example');
		const sub = await contosoPurchase(admin);
		const tokens = {
			global: admin,
			mpn: await api.signIn('mpn@contoso.example'),
			account: await api.signIn('account@contoso.example'),
			user: await api.signIn('user@contoso.example')
		};
		const benefit = { global: 'windows-10-enterprise', mpn: 'visual-studio-professional', account: 'azure-credits', user: 'azure-credits' };
		const got: Record<string, number> = {};
		for (const [who, token] of Object.entries(tokens)) {
			const r = await api.call('POST', activationPath(sub, benefit[who as keyof typeof benefit]), { token, requestId: true, body: {} });
			got[who] = r.status;
			if (r.status === 403) {
				expect(r.body.code).toBe('forbidden_role');
				expect(r.body.detail).toBe('Only a Global admin or an MPN partner admin can activate benefits.');
				// Refused before the body is even read.
				expect((await api.call('POST', activationPath(sub, 'azure-credits'), { token, requestId: true, raw: '{', headers: { 'content-type': 'application/json' } })).status).toBe(403);
			}
		}
		expect(got).toEqual({ global: 202, mpn: 202, account: 403, user: 403 });
		expect((await ledger()).benefitActivations.map((a: { benefitId: string }) => a.benefitId)).toEqual(['windows-10-enterprise', 'visual-studio-professional']);
	});

	it('only a Global admin assigns a person; others are told so in a plain sentence', async () => {
		const admin = await api.signIn('admin@contoso.example');
		const sub = await contosoPurchase(admin);
		const mpn = await api.signIn('mpn@contoso.example');
		expect((await api.call('POST', activationPath(sub, 'azure-credits'), { token: mpn, requestId: true, body: {} })).status).toBe(202);
		const assignee = { name: 'Dana Dev', email: 'dana@contoso.example' };
		const path = activationPath(sub, 'azure-credits');
		for (const email of ['mpn@contoso.example', 'account@contoso.example', 'user@contoso.example']) {
			const token = await api.signIn(email);
			const r = await api.call('PATCH', path, { token, requestId: true, body: { assignee } });
			expectProblem(r, 403, 'forbidden_role');
			expect(r.body.detail).toBe('Only a Global admin can assign a benefit to a person.');
			// Before the body: a broken one gets the same answer.
			expect((await api.call('PATCH', path, { token, requestId: true, body: { nonsense: 1 } })).status).toBe(403);
		}
		const ok = await api.call('PATCH', path, { token: admin, requestId: true, body: { assignee } });
		expect(ok.status).toBe(200);
		expect(v.is(BenefitActivation, ok.body)).toBe(true);
		expect(ok.body.assignee).toEqual(assignee);
		expect((await ledger()).benefitActivations[0].assignee).toEqual(assignee);
	});

	it('an MPN partner admin cannot slip an assignee into an activation', async () => {
		const r = await api.call('POST', activationPath(FAB_SUB, 'azure-credits'), { token: fabMpn, requestId: true, body: { assignee: { name: 'X', email: 'x@fabrikam.example' } } });
		expectProblem(r, 403, 'forbidden_role');
		expect(r.body.detail).toBe('Only a Global admin can assign a benefit to a person.');
		expect((await ledger()).benefitActivations).toEqual([]);
		// A Global admin may activate and assign in one go.
		const g = await api.call('POST', activationPath(FAB_SUB, 'azure-credits'), { token: fabAdmin, requestId: true, body: { assignee: { name: 'X', email: 'x@fabrikam.example' } } });
		expect(g.status).toBe(202);
		expect(g.body.assignee).toEqual({ name: 'X', email: 'x@fabrikam.example' });
	});

	it('assigning a benefit that is not activated is refused with its own code; a bad assignee is a 400', async () => {
		expectProblem(await api.call('PATCH', activationPath(FAB_SUB, 'azure-credits'), { token: fabAdmin, requestId: true, body: { assignee: { name: 'X', email: 'x@fabrikam.example' } } }), 409, 'benefit_not_activated');
		await api.call('POST', activationPath(FAB_SUB, 'azure-credits'), { token: fabAdmin, requestId: true, body: {} });
		expectProblem(await api.call('PATCH', activationPath(FAB_SUB, 'azure-credits'), { token: fabAdmin, requestId: true, body: { assignee: { name: 'X', email: 'not an email' } } }), 400, 'validation');
		expectProblem(await api.call('PATCH', activationPath(FAB_SUB, 'azure-credits'), { token: fabAdmin, requestId: true, body: {} }), 400, 'validation');
	});
});

describe('refund and expiry', () => {
	it('a software activation ends the refund at once (while still pending); others do not', async () => {
		const admin = await api.signIn('admin@contoso.example');
		const sub = await contosoPurchase(admin);
		const refundable = async () => {
			const r = await api.call('GET', '/v1/subscriptions', { token: admin });
			expect(v.is(SubscriptionList, r.body)).toBe(true);
			return r.body.items.find((s: { id: string }) => s.id === sub).refundableUntil;
		};
		expect(await refundable()).toBe(addDays(TODAY, 30));
		await api.call('POST', activationPath(sub, 'azure-credits'), { token: admin, requestId: true, body: {} });
		await api.call('POST', activationPath(sub, 'office-365-e3'), { token: admin, requestId: true, body: { contact: { name: 'Alex Admin', email: 'admin@contoso.example' } } });
		expect(await refundable()).toBe(addDays(TODAY, 30));
		const w = await api.call('POST', activationPath(sub, 'windows-10-enterprise'), { token: admin, requestId: true, body: {} });
		expect(w.body.status).toBe('pending');
		expect(await refundable()).toBeNull();
	});

	it('after the end date without renewal, activations read expired (no keys) and nothing more can be activated or assigned; renewing brings them back', async () => {
		await api.call('POST', activationPath(FAB_SUB, 'windows-10-enterprise'), { token: fabAdmin, requestId: true, body: {} });
		await api.call('POST', activationPath(FAB_SUB, 'azure-credits'), { token: fabAdmin, requestId: true, body: {} });
		realMs += BENEFIT_ACTIVATION_MS;
		expect((await list(fabAdmin)).map((a) => a.status)).toEqual(['active', 'active']);

		await setClock(FABRIKAM_END);
		expect((await list(fabAdmin)).map((a) => a.status)).toEqual(['active', 'active']);

		await setClock(addDays(FABRIKAM_END, 1));
		const expired = await list(fabAdmin);
		expect(expired.map((a) => a.status)).toEqual(['expired', 'expired']);
		expect(expired[0].productKeys).toBeUndefined();
		expect(expired[0].expiresOn).toBe(FABRIKAM_END);
		expect((await ledger()).benefitActivations.map((a: { status: string }) => a.status)).toEqual(['expired', 'expired']);
		const late = await api.call('POST', activationPath(FAB_SUB, 'visual-studio-professional'), { token: fabAdmin, requestId: true, body: {} });
		expectProblem(late, 422, 'subscription_not_active');
		expect(late.body.detail).toBe('The subscription has expired. Renew it to use its benefits again.');
		expectProblem(await api.call('PATCH', activationPath(FAB_SUB, 'azure-credits'), { token: fabAdmin, requestId: true, body: { assignee: { name: 'X', email: 'x@fabrikam.example' } } }), 422, 'subscription_not_active');

		// Renewing inside the window (with the seeded card) revives them until the new end date.
		const renew = await api.call('POST', '/v1/orders', {
			token: fabMpn,
			requestId: true,
			body: { orderId: 'order-fabrikam-renew', kind: 'renew', offerId: 'action-pack', subscriptionId: FAB_SUB, paymentMethodId: SEED_IDS.fabrikamCard, termsVersion: '2017-07', termsAccepted: true }
		});
		expect(renew.status).toBe(201);
		const revived = await list(fabAdmin);
		expect(revived.map((a) => a.status)).toEqual(['active', 'active']);
		expect(revived[0].expiresOn).toBe('2027-01-30');
		expect(revived[0].productKeys).toHaveLength(10);
	});

	it('a cancelled subscription’s benefits read expired and cannot be activated', async () => {
		await api.call('POST', activationPath(FAB_SUB, 'windows-10-enterprise'), { token: fabAdmin, requestId: true, body: {} });
		server.sandbox.state.subscriptions.find((s) => s.id === FAB_SUB)!.cancelled = true;
		expect((await list(fabAdmin))[0].status).toBe('expired');
		const r = await api.call('POST', activationPath(FAB_SUB, 'azure-credits'), { token: fabAdmin, requestId: true, body: {} });
		expectProblem(r, 422, 'subscription_not_active');
		expect(r.body.detail).toMatch(/cancelled/);
	});
});

describe('Fabrikam’s saved card (DESIGN §6)', () => {
	it('is listed by GET /v1/paymentmethods with display fields only, and only to Fabrikam', async () => {
		const r = await api.call('GET', '/v1/paymentmethods', { token: fabMpn });
		expect(r.status).toBe(200);
		expect(v.is(PaymentMethodList, r.body)).toBe(true);
		expect(r.body.items).toEqual([{ id: SEED_IDS.fabrikamCard, brand: 'mastercard', last4: '4444', expMonth: 12, expYear: 2028, holderName: 'Ji-woo Kim' }]);
		const contoso = await api.signIn('admin@contoso.example');
		expect((await api.call('GET', '/v1/paymentmethods', { token: contoso })).body.items).toEqual([]);
	});

	it('renews with it, charging •••• 4444 once', async () => {
		const body = { orderId: 'order-fab-4444', kind: 'renew', offerId: 'action-pack', subscriptionId: FAB_SUB, paymentMethodId: SEED_IDS.fabrikamCard, termsVersion: '2017-07', termsAccepted: true };
		const r = await api.call('POST', '/v1/orders', { token: fabMpn, requestId: 'rid-renew', body });
		expect(r.status).toBe(201);
		expect(r.body.invoice.paymentLast4).toBe('4444');
		expect((await api.call('POST', '/v1/orders', { token: fabMpn, requestId: 'rid-renew', body })).status).toBe(201);
		const charges = (await ledger()).charges;
		expect(charges).toHaveLength(1);
		expect(charges[0]).toMatchObject({ last4: '4444', currency: 'KRW' });
	});
});
