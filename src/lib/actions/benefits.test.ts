// @vitest-environment node
/**
 * Activating a benefit: the local row and its outbox entry are written together (real Dexie on
 * fake-indexeddb), and the engine delivers it to the real sandbox exactly once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '$lib/api/client';
import { localActivationId, localAssignmentId, type PartnerDB } from '$lib/db/db';
import { refundEligibility$ } from '$lib/db/benefit-queries';
import { addDays } from '$lib/domain/dates';
import type { SandboxServer } from '$lib/server/sandbox';
import type { SandboxControl } from '$lib/server/sandbox/testkit';
import { startHarness } from '$lib/testing/sandbox-harness';
import { createSyncEngine } from '$lib/sync/engine';
import { activateBenefit, assignBenefit, BenefitAlreadyActivatedError, BenefitNotActivatedError, discardBenefitAssignment } from './benefits';

const SUB = 'sub-fabrikam-action-pack';
const VS = 'visual-studio-professional';
const AZURE = 'azure-credits';
const DANA = { name: 'Dana Dev', email: 'dana@fabrikam.example' };

let server: SandboxServer;
let client: ApiClient;
let db: PartnerDB;
let control: SandboxControl;

const engine = () => createSyncEngine({ db, client, backoff: { baseMs: 5, capMs: 50 }, maxInlineWaitMs: 200 });

beforeAll(async () => {
	({ server, control, db, client } = await startHarness());
});

afterAll(async () => {
	await server.close();
});

async function signInAs(email: string) {
	const session = await client.signIn({ email, password: 'sandbox' });
	await db.session.put({ key: 'current', ...session, signedInAt: new Date().toISOString() });
}

beforeEach(async () => {
	await control('POST', '/reset');
	await Promise.all(db.tables.map((t) => t.clear()));
	await signInAs('admin@fabrikam.example');
	await engine().sync('manual');
});

describe('activateBenefit', () => {
	it('writes the pending row and its entry together', async () => {
		const id = await activateBenefit(SUB, VS, {});
		expect(id).toBe(localActivationId(SUB, VS));
		const row = await db.benefitActivations.get(id);
		expect(row).toMatchObject({ subscriptionId: SUB, benefitId: VS, status: 'pending', syncState: 'pending' });
		const entries = await db.outbox.where('target').equals(id).toArray();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			kind: 'benefit.activate',
			method: 'POST',
			path: `/v1/subscriptions/${SUB}/benefits/${VS}/activation`,
			body: {},
			group: `subscription:${SUB}`
		});
	});

	it('writes neither when the transaction fails (not signed in)', async () => {
		await db.session.clear();
		await expect(activateBenefit(SUB, VS, {})).rejects.toThrow();
		expect(await db.benefitActivations.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('refuses a second activation of the same benefit', async () => {
		await activateBenefit(SUB, VS, {});
		await expect(activateBenefit(SUB, VS, {})).rejects.toBeInstanceOf(BenefitAlreadyActivatedError);
		expect(await db.outbox.count()).toBe(1);
	});

	it('is delivered once; the server copy replaces the local row, and a pull keeps it', async () => {
		const id = await activateBenefit(SUB, VS, {});
		await engine().sync('online');
		expect(await db.outbox.count()).toBe(0);
		expect(await db.benefitActivations.get(id)).toBeUndefined();
		const rows = await db.benefitActivations.where('subscriptionId').equals(SUB).toArray();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ benefitId: VS });
		expect(rows[0].syncState).toBeUndefined();
		await engine().sync('manual');
		expect(await db.benefitActivations.count()).toBe(1);
		const ledger = await control('GET', '/ledger');
		expect(ledger.benefitActivations.filter((a: { benefitId: string }) => a.benefitId === VS)).toHaveLength(1);
	});

	it('a pull keeps a local row whose entry still waits', async () => {
		const id = await activateBenefit(SUB, VS, {});
		// Pull only (nothing sent): the server has no activation yet.
		const { pull } = await import('$lib/sync/pull');
		await pull(db, client);
		expect((await db.benefitActivations.get(id))?.syncState).toBe('pending');
	});
});

describe('assignBenefit', () => {
	const azureOnServer = async () =>
		(await control('GET', '/ledger')).benefitActivations.filter((a: { benefitId: string }) => a.benefitId === AZURE);

	it('queues a PATCH for the activated benefit; delivered once, the row then names the person', async () => {
		await activateBenefit(SUB, AZURE, {});
		await engine().sync('online');
		const target = await assignBenefit(SUB, AZURE, DANA);
		expect(target).toBe(localAssignmentId(SUB, AZURE));
		const entries = await db.outbox.toArray();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			kind: 'benefit.activate',
			method: 'PATCH',
			path: `/v1/subscriptions/${SUB}/benefits/${AZURE}/activation`,
			body: { assignee: DANA },
			group: `subscription:${SUB}`,
			target
		});
		// Not sent yet: the server's row has no one.
		expect((await azureOnServer())[0].assignee).toBeNull();

		await engine().sync('online');
		expect(await db.outbox.count()).toBe(0);
		const rows = await db.benefitActivations.where('subscriptionId').equals(SUB).toArray();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ benefitId: AZURE, assignee: DANA });
		expect(rows[0].syncState).toBeUndefined();
		const onServer = await azureOnServer();
		expect(onServer).toHaveLength(1);
		expect(onServer[0].assignee).toEqual(DANA);
	});

	it('offline, an assignment waits behind the activation it needs; one sync delivers both, in order', async () => {
		await activateBenefit(SUB, AZURE, {});
		await assignBenefit(SUB, AZURE, DANA);
		expect(await db.outbox.count()).toBe(2);
		await engine().sync('online');
		expect(await db.outbox.count()).toBe(0);
		const onServer = await azureOnServer();
		expect(onServer).toHaveLength(1);
		expect(onServer[0].assignee).toEqual(DANA);
		const rows = await db.benefitActivations.toArray();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ benefitId: AZURE, assignee: DANA });
	});

	it('refuses a benefit that is not activated, writing nothing', async () => {
		await expect(assignBenefit(SUB, AZURE, DANA)).rejects.toBeInstanceOf(BenefitNotActivatedError);
		expect(await db.outbox.count()).toBe(0);
	});

	it('as an MPN partner admin the API refuses it: the entry fails, the activation row stays as it was, discard clears it', async () => {
		await signInAs('mpn@fabrikam.example');
		await activateBenefit(SUB, AZURE, {});
		await engine().sync('online');
		const [activation] = await db.benefitActivations.toArray();
		await assignBenefit(SUB, AZURE, DANA);
		await engine().sync('online');
		const [entry] = await db.outbox.toArray();
		expect(entry).toMatchObject({ state: 'failed', target: localAssignmentId(SUB, AZURE), lastError: { status: 403, code: 'forbidden_role' } });
		expect(await db.benefitActivations.get(activation.id)).toMatchObject({ id: activation.id, benefitId: AZURE });
		expect((await db.benefitActivations.get(activation.id))?.syncState).toBeUndefined();
		expect((await azureOnServer())[0].assignee).toBeNull();
		// Another assignment replaces the refused one instead of queueing behind it.
		await assignBenefit(SUB, AZURE, { name: 'Lee', email: 'lee@fabrikam.example' });
		const again = await db.outbox.toArray();
		expect(again).toHaveLength(1);
		expect(again[0]).toMatchObject({ state: 'pending', body: { assignee: { name: 'Lee' } } });
		await engine().sync('online');
		const [refused] = await db.outbox.toArray();
		expect(refused.state).toBe('failed');
		await discardBenefitAssignment(refused.id);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.benefitActivations.get(activation.id)).toBeDefined();
	});
});

describe('refundEligibility$ (the details page)', () => {
	/** The live query's current value. */
	const now = <T>(q: { subscribe(next: (v: T) => void): { unsubscribe(): void } }) =>
		new Promise<T>((resolve) => {
			const sub = q.subscribe((v) => {
				resolve(v);
				queueMicrotask(() => sub.unsubscribe());
			});
		});

	it('ends the refund the moment a software activation is queued (nothing sent), not for an online service', async () => {
		const { startDate } = (await db.subscriptions.get(SUB))!;
		const day5 = addDays(startDate, 5);
		expect(await now(refundEligibility$(SUB, day5))).toEqual({ refundable: true, until: addDays(startDate, 30), daysLeft: 25 });
		expect(await now(refundEligibility$(SUB, addDays(startDate, 31)))).toEqual({ refundable: false, reason: 'refund_period_over' });

		await activateBenefit(SUB, AZURE, {});
		expect((await now(refundEligibility$(SUB, day5)))?.refundable).toBe(true);

		await activateBenefit(SUB, VS, {});
		expect(await db.outbox.count()).toBe(2);
		expect(await now(refundEligibility$(SUB, day5))).toEqual({ refundable: false, reason: 'software_benefit_activated' });
		// Still so once the server has it.
		await engine().sync('online');
		expect(await now(refundEligibility$(SUB, day5))).toEqual({ refundable: false, reason: 'software_benefit_activated' });
	});

	it('is null for a subscription this device does not have', async () => {
		expect(await now(refundEligibility$('sub-nowhere'))).toBeNull();
	});
});
