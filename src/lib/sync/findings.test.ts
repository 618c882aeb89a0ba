// @vitest-environment node
/**
 * The ten ways a seeded simulation broke the write path (issue 7), each replayed as a
 * deterministic test: real actions, real engines on the real Dexie (fake-indexeddb), the real
 * sandbox over HTTP. Where a test needs an interleaving, a fetch wrapper holds one request at a
 * gate, the way a slow network would; nothing of ours is mocked.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { liveQuery } from 'dexie';
import { createApiClient, type ApiClient } from '$lib/api/client';
import type { ServiceRequestBody } from '$lib/api/schemas';
import { queueOrder } from '$lib/actions/checkout';
import { signIn } from '$lib/actions/session';
import { addNote, fileServiceRequest, OutboxBlockedError, retryEntry } from '$lib/actions/support';
import { turnOffAutoRenew } from '$lib/actions/subscription';
import { getDb, PartnerDB } from '$lib/db/db';
import { ATTEMPT_PREFIX } from '$lib/db/outbox';
import { startSandboxServer, SEED_IDS } from '$lib/server/sandbox';
import { sandboxControl, type SandboxControl } from '$lib/server/sandbox/testkit';
import { createSyncEngine, type EngineOptions, type SyncEvent } from './engine';
import { followOutbox } from './follow';
import { pull, REQUESTS_SYNC_TOKEN } from './pull';
import { claim, sendClaimed } from './send';
import type { Lock } from './lock';

let server: Awaited<ReturnType<typeof startSandboxServer>>;
let client: ApiClient;
const db = getDb();
const DAY = 86_400_000;

/** What Web Locks do, in one process: one holder at a time, in arrival order. */
function mutex(): Lock {
	let tail: Promise<unknown> = Promise.resolve();
	return <T>(fn: () => Promise<T>) => {
		const run = tail.then(fn, fn);
		tail = run.catch(() => undefined);
		return run;
	};
}
let lock: Lock;

let control: SandboxControl;
const ledger = () => control('GET', '/ledger');

function body(title: string, extra: Partial<ServiceRequestBody> = {}): ServiceRequestBody {
	return {
		title,
		description: `Description of ${title}`,
		severity: 'moderate',
		supportTopicId: 'billing',
		primaryContact: { name: 'Alex Admin', email: 'admin@contoso.example' },
		...extra
	};
}

const signInAs = async (email: string) => expect(await signIn({ email, password: 'sandbox' }, { client, db, lock })).toEqual({ ok: true });

function engine(over: Partial<EngineOptions> = {}, events: SyncEvent[] = []) {
	return createSyncEngine({ db, client, lock, backoff: { baseMs: 5, capMs: 50 }, maxInlineWaitMs: 200, onEvent: (e) => events.push(e), ...over });
}

/** A client whose requests matching `match` wait at a gate until released. */
function gatedClient(match: (method: string, url: string) => boolean) {
	let release!: () => void;
	let reached!: () => void;
	const open = new Promise<void>((r) => (release = r));
	const arrived = new Promise<void>((r) => (reached = r));
	const gated = createApiClient({
		baseUrl: server.url,
		fetch: async (input, init) => {
			const res = await fetch(input, init);
			if (match(init?.method ?? 'GET', String(input))) {
				reached();
				await open;
			}
			return res;
		}
	});
	return { client: gated, release, arrived };
}

/** The service-request list, with or without `?since=`. */
const LIST = /\/v1\/servicerequests(\?.*)?$/;

/** A client that records each list it fetched: its URL and how many items came back. */
function listRecorder() {
	const lists: { url: string; items: number; delta: boolean }[] = [];
	const recording = createApiClient({
		baseUrl: server.url,
		fetch: async (input, init) => {
			const res = await fetch(input, init);
			if ((init?.method ?? 'GET') === 'GET' && LIST.test(String(input))) {
				const body = await res.clone().json();
				lists.push({ url: String(input), items: body.items.length, delta: body.delta === true });
			}
			return res;
		}
	});
	return { client: recording, lists };
}

const syncToken = async () => ((await db.meta.get(REQUESTS_SYNC_TOKEN))?.value as { token: string } | undefined)?.token;

const titles = async (partnerId: string, title: string) =>
	(await ledger()).serviceRequests.filter((r: { partnerId: string; title: string }) => r.partnerId === partnerId && r.title === title).length;

beforeAll(async () => {
	server = await startSandboxServer({ port: 0 });
	control = sandboxControl(server.url);
	client = createApiClient({ baseUrl: server.url });
});
afterAll(() => server.close());
beforeEach(async () => {
	await control('POST', '/reset');
	await Promise.all(db.tables.map((t) => t.clear()));
	lock = mutex();
	await signInAs('admin@contoso.example');
});

describe('issue 7 findings', () => {
	it('1. a write travels only with its own user’s token, and a pull across a sign-in is dropped', async () => {
		await fileServiceRequest(body('F1 Contoso only'), 'en');
		// Another tab signs in as Fabrikam before the flush: the entry stays Contoso's.
		await signInAs('admin@fabrikam.example');
		await engine().sync('manual');
		expect(await titles(SEED_IDS.fabrikam, 'F1 Contoso only')).toBe(0);
		expect(await db.outbox.count()).toBe(1);
		expect((await db.serviceRequests.toArray()).some((r) => r.title === 'F1 Contoso only')).toBe(false);

		// A pull whose answers straddle a sign-in: Contoso's answers must not land under Fabrikam.
		await signInAs('admin@contoso.example');
		await engine().sync('manual');
		expect(await titles(SEED_IDS.contoso, 'F1 Contoso only')).toBe(1);
		const gate = gatedClient((m, url) => m === 'GET' && LIST.test(url));
		const straddling = engine({ client: gate.client }).sync('manual');
		await gate.arrived;
		await signIn({ email: 'admin@fabrikam.example', password: 'sandbox' }, { client, db }); // another tab, no shared lock
		gate.release();
		await straddling;
		expect((await db.session.get('current'))?.partner.id).toBe(SEED_IDS.fabrikam);
		expect(await db.serviceRequests.count()).toBe(0);
		expect(await db.subscriptions.count()).toBe(0);
	});

	it('2. a final 409 (already subscribed) fails the order instead of retrying it for ever', async () => {
		await signInAs('admin@fabrikam.example');
		const token = (await db.session.get('current'))!.token;
		const card = await client.as(token).addPaymentMethod(
			{ cardNumber: '4242424242424242', expMonth: 12, expYear: 2030, securityCode: '123', holderName: 'Min-jun Kim' },
			{ requestId: crypto.randomUUID() }
		);
		await engine().sync('manual');
		const offer = (await db.offers.toArray())[0];
		const orderId = crypto.randomUUID();
		await queueOrder({ orderId, mode: 'purchase', offerId: offer.id, paymentMethodId: card.id, termsVersion: offer.terms.version });
		await engine().sync('manual');
		const [entry] = await db.outbox.toArray();
		expect(entry.state).toBe('failed');
		expect(entry.lastError?.code).toBe('already_subscribed');
		expect((await ledger()).charges.filter((c: { orderId: string }) => c.orderId === orderId)).toHaveLength(0);
	});

	it('3. a create in flight is never shown twice by a pull in another context', async () => {
		const localId = await fileServiceRequest(body('F3 once'), 'en');
		const gate = gatedClient((m) => m === 'POST');
		const a = engine({ client: gate.client }).sync('manual');
		await gate.arrived; // the server has it; its answer is still on the way
		const otherTab = new PartnerDB();
		await createSyncEngine({ db: otherTab, client, backoff: { baseMs: 5, capMs: 50 } }).sync('visible');
		expect(await db.serviceRequests.count()).toBe(1);
		await addNote(localId, 'F3 note');
		gate.release();
		await a;
		await engine().sync('manual');
		otherTab.close();
		const rows = await db.serviceRequests.toArray();
		expect(rows).toHaveLength(1);
		expect(rows[0].notes.map((n) => n.text)).toEqual(['F3 note']);
		expect(await db.outbox.count()).toBe(0);
		expect(await titles(SEED_IDS.contoso, 'F3 once')).toBe(1);
	});

	it('4. turning auto-renew off again after a refusal replaces the refused write; it is not stuck behind it', async () => {
		await signInAs('admin@fabrikam.example');
		await engine().sync('manual');
		// Auto-renew is on after a renewal; then the partner's refusal comes from the server (404:
		// the id is not the partner's) so that the local write is refused, twice.
		const sub = (await db.subscriptions.toArray())[0];
		await db.subscriptions.put({ ...sub, id: 'sub-not-mine', autoRenew: true });
		await turnOffAutoRenew('sub-not-mine');
		await engine().sync('manual');
		await db.subscriptions.put({ ...sub, id: 'sub-not-mine', autoRenew: true });
		await turnOffAutoRenew('sub-not-mine');
		const entries = await db.outbox.where('target').equals('sub-not-mine').toArray();
		expect(entries).toHaveLength(1);
		expect(entries[0].state).toBe('pending');
		await engine().sync('manual');
		const [after] = await db.outbox.where('target').equals('sub-not-mine').toArray();
		expect(after.state).toBe('failed');
		expect(after.lastError?.status).toBe(404);
	});

	it('5. an entry whose request id the server may have forgotten is not replayed blindly', async () => {
		await fileServiceRequest(body('F5 once'), 'en');
		await control('PUT', '/faults', { dropAfterCommitRate: 1 });
		await engine().sync('manual');
		await control('PUT', '/faults', {});
		const today = (await control('GET', '/clock')).today as string;
		const later = new Date(Date.parse(today) + 95 * DAY).toISOString().slice(0, 10);
		await control('PUT', '/clock', { today: later });
		await engine({ wallClock: () => Date.now() + 95 * DAY }).sync('manual');
		expect(await titles(SEED_IDS.contoso, 'F5 once')).toBe(1);
		const [entry] = await db.outbox.toArray();
		expect(entry.state).toBe('failed');
		expect(entry.lastError?.code).toBe('expired');
		// Nor on the user's Retry: the server may hold it under an id it has forgotten.
		await retryEntry(entry.id);
		await engine({ wallClock: () => Date.now() + 95 * DAY }).sync('manual');
		expect(await titles(SEED_IDS.contoso, 'F5 once')).toBe(1);
		expect((await db.outbox.toArray())[0]?.lastError?.code).toBe('expired');
	});

	it('5. …nor by a tab frozen between its claim and its send', async () => {
		await fileServiceRequest(body('F5 frozen'), 'en');
		await control('PUT', '/faults', { dropAfterCommitRate: 1 });
		await engine().sync('manual');
		await control('PUT', '/faults', {});
		let asleep = 0;
		const o = { db, client, backoff: { baseMs: 5, capMs: 50 }, random: Math.random, wallClock: () => Date.now() + asleep, own: new Set<string>() };
		const claimed = await claim(o, 10, true, new Map());
		expect(claimed?.claimed).toHaveLength(1);
		// The tab sleeps in the background for 95 days, then resumes where it stopped.
		asleep = 95 * DAY;
		const today = (await control('GET', '/clock')).today as string;
		await control('PUT', '/clock', { today: new Date(Date.parse(today) + asleep).toISOString().slice(0, 10) });
		const { outcomes } = await sendClaimed(o, claimed!.token, claimed!.claimed);
		expect(outcomes.map((x) => [x.kind, x.kind === 'failed' && x.error.code])).toEqual([['failed', 'expired']]);
		expect(await titles(SEED_IDS.contoso, 'F5 frozen')).toBe(1);
	});

	it('6. a wall clock set back does not strand an entry, and “Sync now” overrides backoff', async () => {
		await fileServiceRequest(body('F6 clock'), 'en');
		await control('PUT', '/faults', { failRate: 1 });
		await engine({ wallClock: () => Date.now() + DAY, backoff: { baseMs: 60_000, capMs: 60_000 }, random: () => 1 }).sync('interval');
		await control('PUT', '/faults', {});
		await engine({ backoff: { baseMs: 60_000, capMs: 60_000 } }).sync('interval');
		expect(await titles(SEED_IDS.contoso, 'F6 clock')).toBe(1);

		await fileServiceRequest(body('F6 manual'), 'en');
		await control('PUT', '/faults', { failRate: 1 });
		await engine({ backoff: { baseMs: 60_000, capMs: 60_000 }, random: () => 1 }).sync('interval');
		await control('PUT', '/faults', {});
		await engine({ backoff: { baseMs: 60_000, capMs: 60_000 } }).sync('interval');
		expect(await titles(SEED_IDS.contoso, 'F6 manual')).toBe(0);
		await engine({ backoff: { baseMs: 60_000, capMs: 60_000 } }).sync('manual');
		expect(await titles(SEED_IDS.contoso, 'F6 manual')).toBe(1);
	});

	it('7. a request that never answers times out instead of wedging sync', async () => {
		await fileServiceRequest(body('F7 hung'), 'en');
		let hang = true;
		const hanging = createApiClient({
			baseUrl: server.url,
			timeoutMs: 200,
			fetch: (input, init) =>
				hang
					? new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
					: fetch(input, init)
		});
		const events: SyncEvent[] = [];
		const e = engine({ client: hanging }, events);
		await e.sync('manual');
		expect((await db.outbox.toArray())[0].lastError?.message).toBe('No answer in time');
		hang = false;
		await e.sync('manual');
		expect(await titles(SEED_IDS.contoso, 'F7 hung')).toBe(1);
	});

	it('8. an unreadable answer to a committed write fails after a few attempts, with its message', async () => {
		await fileServiceRequest(body('F8 unreadable'), 'en');
		const garbling = createApiClient({
			baseUrl: server.url,
			fetch: async (input, init) => {
				const res = await fetch(input, init);
				return init?.method === 'POST' ? new Response('{"unexpected":true}', { status: 201, headers: { 'content-type': 'application/json' } }) : res;
			}
		});
		for (let i = 0; i < 5; i++) await engine({ client: garbling }).sync('manual');
		const [entry] = await db.outbox.toArray();
		expect(entry.state).toBe('failed');
		expect(entry.lastError?.code).toBe('unreadable');
		expect(entry.lastError?.message).not.toContain('unexpected":true');
		expect(await titles(SEED_IDS.contoso, 'F8 unreadable')).toBe(1);
	});

	it('9. a refused create does not hide requests filed elsewhere', async () => {
		await fileServiceRequest(body('F9 refused', { supportTopicId: 'no-such-topic' }), 'en');
		await engine().sync('manual');
		expect((await db.outbox.toArray())[0].state).toBe('failed');
		const token = (await db.session.get('current'))!.token;
		await client.as(token).send('POST', '/v1/servicerequests/en-US', body('F9 other device'), { requestId: crypto.randomUUID() });
		await engine().sync('manual');
		expect((await db.serviceRequests.toArray()).map((r) => r.title)).toContain('F9 other device');
	});

	it('10. a pull that fetched before an answer was applied does not undo that answer', async () => {
		const localId = await fileServiceRequest(body('F10 fresh'), 'en');
		const gate = gatedClient((m, url) => m === 'GET' && LIST.test(url));
		// Tab A's flush has nothing to push yet (its claim comes first) and pulls a snapshot…
		await db.outbox.update((await db.outbox.toArray())[0].id, { lastAttemptAt: Date.now(), retryAfterMs: 60_000 });
		const stale = engine({ client: gate.client, lock: (fn) => fn() }).sync('interval');
		await gate.arrived;
		// …while tab B delivers the request and links it.
		await engine({ lock: (fn) => fn() }).sync('manual');
		expect((await db.serviceRequests.get(localId))?.serverId).toMatch(/^SR-/);
		gate.release();
		await stale;
		const row = await db.serviceRequests.get(localId);
		expect(row?.serverId).toMatch(/^SR-/);
		expect(row?.syncState).toBe('done');
	});
});

describe('attempt marks (one per batch, not a rewrite of every entry)', () => {
	const options = () => ({ db, client, backoff: { baseMs: 5, capMs: 50 }, random: Math.random, wallClock: () => Date.now(), own: new Set<string>() });
	const marks = () => db.meta.filter((m) => m.key.startsWith(ATTEMPT_PREFIX)).toArray();

	it('a flush that died after sending leaves its mark; the next one counts the attempt and sends nothing twice', async () => {
		await fileServiceRequest(body('Marked'), 'en');
		const o = options();
		const claimed = await claim(o, 10, false, new Map());
		expect(claimed?.claimed).toHaveLength(1);
		expect((await marks()).map((m) => (m.value as { ids: string[] }).ids)).toEqual([[claimed!.claimed[0].entry.id]]);
		const claimedAt = (await marks())[0].value as { at: number };
		// Sent, committed by the server, and the tab dies before the answer is applied.
		await sendClaimed(o, claimed!.token, claimed!.claimed);
		expect(await titles(SEED_IDS.contoso, 'Marked')).toBe(1);

		// Another tab's pull that began after its own claims: the mark says the request may have
		// landed, so the server's copy is not shown beside the local row.
		expect(await pull(db, client)).toEqual([]);
		expect((await db.serviceRequests.toArray()).filter((r) => r.title === 'Marked')).toHaveLength(1);
		// Its next flush folds the mark into the entry (attempted, leased).
		await engine().sync('interval');
		expect(await marks()).toEqual([]);
		const [entry] = await db.outbox.toArray();
		expect(entry).toMatchObject({ attempts: 1, firstAttemptAt: claimedAt.at, state: 'sending' });
		expect((await db.serviceRequests.toArray()).filter((r) => r.title === 'Marked')).toHaveLength(1);

		// "Sync now" replays it: the server's first answer lands on the row that filed it.
		await engine().sync('manual');
		expect(await db.outbox.count()).toBe(0);
		const rows = (await db.serviceRequests.toArray()).filter((r) => r.title === 'Marked');
		expect(rows).toHaveLength(1);
		expect(rows[0].serverId).toBeTruthy();
		expect(await titles(SEED_IDS.contoso, 'Marked')).toBe(1);
		expect(await marks()).toEqual([]);
	});

	it('an applied batch leaves no mark, and a switch of user keeps the marks of the entries it keeps', async () => {
		await fileServiceRequest(body('Applied'), 'en');
		await engine().sync('manual');
		expect(await marks()).toEqual([]);

		await fileServiceRequest(body('Kept'), 'en');
		await claim(options(), 10, false, new Map());
		await signInAs('admin@fabrikam.example');
		expect(await marks()).toHaveLength(1);
		expect(await db.outbox.count()).toBe(1);
	});
});

describe('switching users', () => {
	it('a user back after someone else used the device finds their waiting request again', async () => {
		const localId = await fileServiceRequest(body('Back again'), 'en');
		await signInAs('admin@fabrikam.example');
		expect(await db.serviceRequests.get(localId)).toBeUndefined();
		await signInAs('admin@contoso.example');
		expect(await db.serviceRequests.get(localId)).toMatchObject({ title: 'Back again', syncState: 'pending' });
		// The switch cleared the counter that numbers entries: a note must still come after its request.
		await addNote(localId, 'After the request');
		await engine().sync('manual');
		expect((await db.serviceRequests.get(localId))?.serverId).toMatch(/^SR-/);
		expect((await db.serviceRequests.get(localId))?.notes.map((n) => n.text)).toEqual(['After the request']);
		expect(await titles(SEED_IDS.contoso, 'Back again')).toBe(1);
	});
});

describe('sync follows the outbox', () => {
	it('one queued write, flushed, causes exactly one pull', async () => {
		let gets = 0;
		let writes = 0;
		const counting = createApiClient({
			baseUrl: server.url,
			fetch: (input, init) => {
				if ((init?.method ?? 'GET') === 'GET' && String(input).endsWith('/v1/me')) gets++;
				else if (init?.method !== 'GET') writes++;
				return fetch(input, init);
			}
		});
		const e = engine({ client: counting });
		let flushes: Promise<void>[] = [];
		const sub = followOutbox(db, () => flushes.push(e.sync('write')));
		await new Promise((r) => setTimeout(r, 50));
		await fileServiceRequest(body('Follow me'), 'en');
		for (let i = 0; i < 100 && flushes.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
		while (flushes.length) {
			const f = flushes;
			flushes = [];
			await Promise.all(f);
			await new Promise((r) => setTimeout(r, 100));
		}
		sub.unsubscribe();
		expect(await db.outbox.count()).toBe(0);
		expect(writes).toBe(1);
		expect(gets).toBe(1);
	});
});

describe('pull', () => {
	it('a pull that finds nothing new writes nothing, so no page query wakes up', async () => {
		await fileServiceRequest(body('Already there'), 'en');
		await engine().sync('manual');
		const wakes: number[] = [];
		// What the pages read: every table the pull writes except meta (lastSyncedAt moves on purpose).
		const sub = liveQuery(() =>
			Promise.all([db.session.toArray(), db.offers.toArray(), db.subscriptions.toArray(), db.supportTopics.toArray(), db.serviceRequests.toArray(), db.paymentMethods.toArray(), db.orders.toArray(), db.invoices.toArray(), db.benefitActivations.toArray()])
		).subscribe(() => wakes.push(Date.now()));
		await new Promise((r) => setTimeout(r, 100));
		const before = wakes.length;
		expect(before).toBe(1);
		expect(await pull(db, client)).toEqual([]);
		await new Promise((r) => setTimeout(r, 100));
		sub.unsubscribe();
		expect(wakes.length).toBe(before);
		expect(await db.serviceRequests.count()).toBeGreaterThan(0);
		expect(await db.offers.count()).toBeGreaterThan(0);
	});

	it('a pull that finds a change writes that row', async () => {
		await fileServiceRequest(body('To be closed'), 'en');
		await engine().sync('manual');
		const sr = (await db.serviceRequests.toArray()).find((r) => r.title === 'To be closed')!;
		expect(sr.serverId).toBeTruthy();
		await control('POST', `/servicerequests/${sr.serverId}/close`, { note: 'Done.' });
		expect(await pull(db, client)).toEqual([]);
		expect((await db.serviceRequests.get(sr.localId))?.status).toBe('closed');
	});
});

describe('outbox writes', () => {
	it('keep the row and its entry together or not at all', async () => {
		await db.session.clear();
		await expect(fileServiceRequest(body('No session'), 'en')).rejects.toBeInstanceOf(OutboxBlockedError);
		expect(await db.serviceRequests.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
		await signInAs('admin@contoso.example');
		const localId = await fileServiceRequest(body('Together'), 'en');
		const [entry] = await db.outbox.toArray();
		expect(entry).toMatchObject({ target: localId, userId: expect.any(String), partnerId: SEED_IDS.contoso, state: 'pending' });
	});

	it('refuse a note on a refused request, with the reason', async () => {
		const localId = await fileServiceRequest(body('Refused', { supportTopicId: 'no-such-topic' }), 'en');
		await engine().sync('manual');
		await expect(addNote(localId, 'too late')).rejects.toMatchObject({ reason: 'group_failed' });
		expect(await db.outbox.count()).toBe(1);
	});
});

describe('service requests pulled as changes since the last list', () => {
	it('the next pull asks with the list’s sync token and gets only what changed; nothing is deleted', async () => {
		await control('POST', '/seed', { partnerId: SEED_IDS.contoso, serviceRequests: 50 });
		const rec = listRecorder();
		await engine({ client: rec.client }).sync('manual');
		expect(rec.lists).toEqual([{ url: expect.not.stringContaining('since='), items: 50, delta: false }]);
		expect(await db.serviceRequests.count()).toBe(50);
		const first = await syncToken();
		expect(first).toBeTruthy();

		// Elsewhere: a request filed on another device, and support closing a seeded one.
		const token = (await db.session.get('current'))!.token;
		await client.as(token).send('POST', '/v1/servicerequests/en-US', body('Filed on a laptop'), { requestId: crypto.randomUUID() });
		const closing = (await db.serviceRequests.toArray()).find((r) => r.title === 'Seeded request 7')!;
		await control('POST', `/servicerequests/${closing.serverId}/close`, { note: 'Answered.' });

		await engine({ client: rec.client }).sync('manual');
		expect(rec.lists[1]).toEqual({ url: expect.stringContaining(`since=${encodeURIComponent(first!)}`), items: 2, delta: true });
		expect(await db.serviceRequests.count()).toBe(51);
		expect((await db.serviceRequests.get(closing.localId))?.status).toBe('closed');
		expect((await db.serviceRequests.toArray()).map((r) => r.title)).toContain('Filed on a laptop');
		expect(await syncToken()).not.toBe(first);

		// Nothing new: an empty list, and no row is touched.
		await engine({ client: rec.client }).sync('manual');
		expect(rec.lists[2]).toMatchObject({ items: 0, delta: true });
		expect(await db.serviceRequests.count()).toBe(51);
	});

	it('a token the server cannot answer from (its data was reset) gets the whole list, which replaces what is here', async () => {
		await control('POST', '/seed', { partnerId: SEED_IDS.contoso, serviceRequests: 5 });
		await engine().sync('manual');
		expect(await db.serviceRequests.count()).toBe(5);
		await control('POST', '/reset');
		await control('POST', '/seed', { partnerId: SEED_IDS.contoso, serviceRequests: 2 });
		const rec = listRecorder();
		await signInAs('admin@contoso.example'); // the reset ended the session
		await engine({ client: rec.client }).sync('manual');
		expect(rec.lists).toEqual([{ url: expect.stringContaining('since='), items: 2, delta: false }]);
		expect(await db.serviceRequests.count()).toBe(2);
	});

	it('a replayed note’s first answer (an older copy) does not undo the newer copy a pull brought past its token (sim seed 40394)', async () => {
		const localId = await fileServiceRequest(body('Replayed note'), 'en');
		await engine().sync('manual');
		await addNote(localId, 'Sent once, its answer lost');
		await control('PUT', '/faults', { dropAfterCommitRate: 1 });
		await engine().sync('manual');
		await control('PUT', '/faults', {});
		expect(await db.outbox.count()).toBe(1); // committed on the server, the answer never came
		const serverId = (await db.serviceRequests.get(localId))!.serverId!;
		await control('POST', `/servicerequests/${serverId}/close`, { note: 'Answered and closed.' });
		expect(await pull(db, client)).toEqual([]);
		expect((await db.serviceRequests.get(localId))?.status).toBe('closed');
		// The replay gets the note's first answer: the request as it was, open with one note.
		await engine().sync('manual');
		expect(await db.outbox.count()).toBe(0);
		const row = await db.serviceRequests.get(localId);
		expect(row?.status).toBe('closed');
		expect(row?.notes.map((n) => n.text)).toEqual(['Sent once, its answer lost', 'Answered and closed.']);
		expect(row?.pendingNotes).toEqual([]);
	});

	it('a request skipped as a possible copy of a create in flight keeps the token where it was, so the next list brings it again', async () => {
		await engine().sync('manual');
		const before = await syncToken();
		await fileServiceRequest(body('In flight'), 'en');
		const gate = gatedClient((m) => m === 'POST');
		const a = engine({ client: gate.client }).sync('manual');
		await gate.arrived; // the server has it; its answer is still on the way
		const otherTab = new PartnerDB();
		await pull(otherTab, client);
		otherTab.close();
		expect(await db.serviceRequests.count()).toBe(1); // the local row only, not a copy
		expect(await syncToken()).toBe(before);
		gate.release();
		await a;
		expect(await syncToken()).not.toBe(before);
		const rows = await db.serviceRequests.toArray();
		expect(rows).toHaveLength(1);
		expect(rows[0].serverId).toMatch(/^SR-/);
	});
});
