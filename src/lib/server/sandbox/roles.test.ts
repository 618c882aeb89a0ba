// @vitest-environment node
/**
 * Issue 10, the role matrix: every write endpoint × every seeded user, with the status each
 * cell must get (DESIGN §3: Global and MPN partner admins buy, renew, turn off auto-renew,
 * manage payment methods and activate benefits; only a Global admin assigns a benefit to a
 * person; they and the Account admin file and follow requests; a plain user only reads). Every refused cell is tried twice, with a valid body and with a broken one: the
 * role must be refused first, whatever the body.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_PACK_OFFER_ID } from '../../domain/membership.ts';
import { findOffer } from '../../domain/offers.ts';
import { startSandboxServer, type SandboxServer } from './index.ts';
import { SEED_IDS } from './seed.ts';
import { apiClient, card, contact, type ApiClient } from './testkit.ts';

const USERS = {
	contosoGlobal: 'admin@contoso.example',
	contosoMpn: 'mpn@contoso.example',
	contosoAccount: 'account@contoso.example',
	contosoUser: 'user@contoso.example',
	fabrikamGlobal: 'admin@fabrikam.example',
	fabrikamMpn: 'mpn@fabrikam.example',
	northwindGlobal: 'admin@northwind.example'
} as const;
type Who = keyof typeof USERS;

/** Sets up what the write needs (as an admin of the same partner) and returns the request. */
type Endpoint = (ctx: { api: ApiClient; admin: string; who: Who }) => Promise<{ method: string; path: string; body: unknown }>;

const termsVersion = (country: string) => findOffer(ACTION_PACK_OFFER_ID, country)!.terms.version;
const countryOf = (who: Who) => (who.startsWith('fabrikam') ? 'KR' : 'US');

async function newCard(api: ApiClient, admin: string): Promise<string> {
	const r = await api.call('POST', '/v1/paymentmethods', { token: admin, requestId: true, body: card() });
	expect(r.status).toBe(201);
	return r.body.id;
}

const ENDPOINTS: Record<string, Endpoint> = {
	'POST /v1/paymentmethods': async () => ({ method: 'POST', path: '/v1/paymentmethods', body: card() }),
	'DELETE /v1/paymentmethods/{id}': async ({ api, admin }) => ({ method: 'DELETE', path: `/v1/paymentmethods/${await newCard(api, admin)}`, body: undefined }),
	'POST /v1/orders (purchase)': async ({ api, admin, who }) => ({
		method: 'POST',
		path: '/v1/orders',
		body: { orderId: randomUUID(), kind: 'purchase', offerId: ACTION_PACK_OFFER_ID, paymentMethodId: await newCard(api, admin), termsVersion: termsVersion(countryOf(who)), termsAccepted: true }
	}),
	'POST /v1/orders (renew)': async ({ api, admin, who }) => ({
		method: 'POST',
		path: '/v1/orders',
		body: {
			orderId: randomUUID(),
			kind: 'renew',
			offerId: ACTION_PACK_OFFER_ID,
			subscriptionId: SEED_IDS.fabrikamSubscription,
			paymentMethodId: await newCard(api, admin),
			termsVersion: termsVersion(countryOf(who)),
			termsAccepted: true
		}
	}),
	'PATCH /v1/subscriptions/{id}': async () => ({ method: 'PATCH', path: `/v1/subscriptions/${SEED_IDS.fabrikamSubscription}`, body: { autoRenew: false } }),
	'POST …/benefits/{benefitId}/activation': async () => ({
		method: 'POST',
		path: `/v1/subscriptions/${SEED_IDS.fabrikamSubscription}/benefits/windows-10-enterprise/activation`,
		body: {}
	}),
	'PATCH …/benefits/{benefitId}/activation (assign)': async ({ api, admin }) => {
		const path = `/v1/subscriptions/${SEED_IDS.fabrikamSubscription}/benefits/azure-credits/activation`;
		// Activated first by an admin of the same partner (a 404 for partners without it).
		await api.call('POST', path, { token: admin, requestId: true, body: {} });
		return { method: 'PATCH', path, body: { assignee: { name: 'Dana Dev', email: 'dana@fabrikam.example' } } };
	},
	'POST /v1/servicerequests/{locale}': async () => ({
		method: 'POST',
		path: '/v1/servicerequests/en-US',
		body: { title: 'Role matrix', description: 'Filed by the role matrix test.', severity: 'minimal', supportTopicId: 'billing', primaryContact: contact() }
	}),
	'PATCH /v1/servicerequests/{id}': async ({ api, admin }) => {
		const sr = await api.call('POST', '/v1/servicerequests/en-US', {
			token: admin,
			requestId: true,
			body: { title: 'To annotate', description: 'A request to add a note to.', severity: 'minimal', supportTopicId: 'billing', primaryContact: contact() }
		});
		expect(sr.status).toBe(201);
		return { method: 'PATCH', path: `/v1/servicerequests/${sr.body.id}`, body: { newNote: { text: 'A note' } } };
	}
};

// Columns: contosoGlobal, contosoMpn, contosoAccount, contosoUser, fabrikamGlobal, fabrikamMpn, northwindGlobal.
// Contoso and Northwind have no subscription to renew or change (404: not theirs); Fabrikam
// already holds an active Action Pack (409); Northwind is not a network member (403).
const EXPECTED: Record<string, [number, number, number, number, number, number, number]> = {
	'POST /v1/paymentmethods': [201, 201, 403, 403, 201, 201, 201],
	'DELETE /v1/paymentmethods/{id}': [204, 204, 403, 403, 204, 204, 204],
	'POST /v1/orders (purchase)': [201, 201, 403, 403, 409, 409, 403],
	'POST /v1/orders (renew)': [404, 404, 403, 403, 201, 201, 404],
	'PATCH /v1/subscriptions/{id}': [404, 404, 403, 403, 200, 200, 404],
	// Global and MPN partner admins activate benefits; only a Global admin assigns one.
	'POST …/benefits/{benefitId}/activation': [404, 404, 403, 403, 202, 202, 404],
	'PATCH …/benefits/{benefitId}/activation (assign)': [404, 403, 403, 403, 200, 403, 404],
	'POST /v1/servicerequests/{locale}': [201, 201, 201, 403, 201, 201, 201],
	'PATCH /v1/servicerequests/{id}': [200, 200, 200, 403, 200, 200, 200]
};

const ADMIN_OF: Record<Who, Who> = {
	contosoGlobal: 'contosoGlobal',
	contosoMpn: 'contosoGlobal',
	contosoAccount: 'contosoGlobal',
	contosoUser: 'contosoGlobal',
	fabrikamGlobal: 'fabrikamGlobal',
	fabrikamMpn: 'fabrikamGlobal',
	northwindGlobal: 'northwindGlobal'
};

let server: SandboxServer;
let api: ApiClient;
const tokens = {} as Record<Who, string>;

beforeAll(async () => {
	server = await startSandboxServer();
	api = apiClient(server.url);
	for (const who of Object.keys(USERS) as Who[]) tokens[who] = await api.signIn(USERS[who]);
});
afterAll(() => server.close());

describe('role matrix (issue 10)', () => {
	it('every write endpoint × every seeded user gets its expected status; a refused role is refused before its body', async () => {
		const got: Record<string, number[]> = {};
		const bodyFirst: string[] = [];
		for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
			got[name] = [];
			for (const who of Object.keys(USERS) as Who[]) {
				// Each cell from the seeded state (sessions survive a reset).
				expect((await api.call('POST', '/__sandbox/reset')).status).toBe(200);
				const req = await endpoint({ api, admin: tokens[ADMIN_OF[who]], who });
				const r = await api.call(req.method, req.path, { token: tokens[who], requestId: true, body: req.body });
				got[name].push(r.status);
				if (r.status === 403 && r.body.code === 'forbidden_role') {
					// The same cell with a broken body, and with a body that is not even JSON.
					const broken = await api.call(req.method, req.path, { token: tokens[who], requestId: true, body: { nonsense: true } });
					const notJson = await api.call(req.method, req.path, { token: tokens[who], requestId: true, raw: '{', headers: { 'content-type': 'application/json' } });
					if (broken.status !== 403 || notJson.status !== 403) bodyFirst.push(`${name} × ${who}: ${broken.status}/${notJson.status}`);
				}
			}
		}
		expect(got).toEqual(EXPECTED);
		expect(bodyFirst).toEqual([]);
	});
});
