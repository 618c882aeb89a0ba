/**
 * One seeded run: a random schedule of real user actions, syncs, faults, crashes and session
 * changes against 2-3 real engines (each on its own Dexie connection, as tabs and the service
 * worker are), one real sandbox over HTTP, then heal and judge (check.ts).
 *
 * Why it is built this way
 * - Only real actions write (no hand-made outbox rows): what is judged is the app's write path.
 * - Syncs are fired without awaiting, several at once, and a tab can crash in the middle of one:
 *   exactly-once must come from request ids, never from our scheduling.
 * - Every wait is bounded and every connection closed, so one seed ends within seconds and a
 *   wedged engine shows up as a violation, not as a hung test.
 * - Randomness comes from separate seeded streams (schedule, network, engines), so a replay runs
 *   the same schedule even though real timing interleaves the engines a little differently.
 */
import { createApiClient, type ApiClient } from '$lib/api/client';
import type { ServiceRequestBody } from '$lib/api/schemas';
import { queueOrder } from '$lib/actions/checkout';
import { signIn, signOut } from '$lib/actions/session';
import { turnOffAutoRenew } from '$lib/actions/subscription';
import { addNote, discardEntry, fileServiceRequest, OutboxBlockedError, retryEntry } from '$lib/actions/support';
import { getDb, PartnerDB, type OutboxEntry } from '$lib/db/db';
import { addDays } from '$lib/domain/dates';
import { ACTION_PACK_OFFER_ID } from '$lib/domain/membership';
import { ACTION_PACK_TERMS } from '$lib/domain/offers';
import type { SandboxServer } from '$lib/server/sandbox';
import { createSyncEngine, type SyncEngine, type SyncEvent, type SyncTrigger } from '../engine';
import { followOutbox } from '../follow';
import type { Lock } from '../lock';
import { checkFinal, probe, readLocal, tokenOf, writeOfEntry, type Linked } from './check';
import { SimLock } from './lock';
import { Model, USERS, userById, type SimUser } from './model';
import { calmNetwork, faultyFetch, longGap, type Link, type Network } from './network';
import { rngFor, type Rng } from './prng';
import { callWithRetry, controls, type Controls } from './sandbox';

export interface SeedResult {
	seed: number;
	ok: boolean;
	violations: string[];
	trace: string[];
	ms: number;
	steps: number;
}

const DAY_MS = 86_400_000;
/** Past the engine's sending lease (retry.ts SENDING_LEASE_MS): a crashed tab's claims expire. */
const LEASE_PASSED_MS = 31_000;
/** Per-request timeout of the simulated clients: a hung request is aborted, not waited for. */
const CLIENT_TIMEOUT_MS = 600;
/**
 * The budgets below are wall-clock: on a loaded machine (CI runs the other test files beside
 * this one) everything is slower, so they are scaled (SIM_TIME_SCALE, 3 by default). They only
 * need to tell a wedged or spinning engine from a slow one.
 */
const SCALE = Number(process.env.SIM_TIME_SCALE ?? 3);
/** A flush that holds the shared lock longer than this wedges every other tab. */
const MAX_LOCK_HOLD_MS = 8_000 * SCALE;
const HEAL_ROUNDS = 100;
/** Time budgets: a seed ends within seconds even when the engine under test wedges or spins. */
const RUN_BUDGET_MS = 12_000 * SCALE;
const HEAL_BUDGET_MS = 4_000 * SCALE;
const AWAIT_MS = 2_000;
/**
 * A flush may legitimately take a while (the engine waits in-line for due retries, up to its
 * own bound of about 5 s); one still running after this is wedged.
 */
const WEDGED_MS = 8_000 * SCALE;

interface Context {
	name: string;
	db: PartnerDB;
	engine: SyncEngine;
	link: Link;
	follow?: { unsubscribe(): void };
	crashed: boolean;
	lastEvent?: SyncEvent;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves when `p` settles or after `ms`, whichever is first; never leaves a timer behind. */
async function within<T>(p: Promise<T>, ms: number): Promise<'timeout' | 'done'> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const t = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
	try {
		return await Promise.race([p.then(() => 'done' as const, () => 'done' as const), t]);
	} finally {
		clearTimeout(timer);
	}
}

const message = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

class World {
	/** The schedule's randomness; a fresh stream per step (see `run`). */
	rng: Rng;
	readonly netRng: Rng;
	readonly engineRng: Rng;
	readonly net: Network = calmNetwork();
	readonly lock = new SimLock();
	readonly db = getDb();
	readonly ctl: Controls;
	readonly model: Model;
	readonly trace: string[] = [];
	readonly violations = new Set<string>();
	readonly contexts: Context[] = [];
	readonly inflight = new Set<Promise<unknown>>();
	readonly linked: Linked = new Map();
	readonly ui: ApiClient;
	readonly cards = new Map<string, string>();
	readonly deviceTokens = new Map<string, string>();
	/**
	 * Whether this "browser" has Web Locks. Without them nothing serializes flushes, pulls and
	 * sign-ins across contexts, and exactly-once must still hold (DESIGN §5): some seeds run so.
	 */
	readonly locks: boolean;
	skewMs = 0;
	clockJumped = false;
	/** The server forgot the current session's token (a session that ended). */
	expired = false;
	user: SimUser | null = null;
	private spawned = 0;
	private step = 0;

	constructor(
		readonly server: SandboxServer,
		readonly seed: number
	) {
		this.rng = rngFor(seed, 0);
		this.netRng = rngFor(seed, 1);
		this.engineRng = rngFor(seed, 2);
		this.locks = this.rng.chance(0.75);
		this.ctl = controls(server.url);
		this.model = new Model(seed);
		this.ui = createApiClient({ baseUrl: server.url, fetch: faultyFetch(this.net, { dead: false, requests: 0 }, this.netRng), timeoutMs: CLIENT_TIMEOUT_MS });
	}

	/** Every context shares this wall clock (as tabs share the device's); heal moves it on. */
	readonly wallClock = () => Date.now() + this.skewMs;

	log(line: string): void {
		this.trace.push(`${this.step > 0 ? `#${this.step}` : this.step === 0 ? 'setup' : 'heal'} ${line}`);
	}

	violation(line: string): void {
		this.violations.add(line);
	}

	track<T>(p: Promise<T>): Promise<T> {
		this.inflight.add(p);
		p.finally(() => this.inflight.delete(p)).catch(() => undefined);
		return p;
	}

	live(): Context[] {
		return this.contexts.filter((c) => !c.crashed);
	}

	// ---- contexts: tabs and the service worker ----

	spawn(): Context {
		const name = `e${++this.spawned}`;
		const link: Link = { dead: false, requests: 0 };
		const db = new PartnerDB();
		const client = createApiClient({ baseUrl: this.server.url, fetch: faultyFetch(this.net, link, this.netRng), timeoutMs: CLIENT_TIMEOUT_MS });
		const ctx: Context = { name, db, link, crashed: false, engine: undefined as unknown as SyncEngine };
		ctx.engine = createSyncEngine({
			db,
			client,
			onEvent: (e) => (ctx.lastEvent = e),
			backoff: { baseMs: 5, capMs: 50 },
			maxInlineWaitMs: 100,
			random: this.engineRng,
			lock: this.lockFor(name),
			wallClock: this.wallClock
		});
		// One context follows the outbox as the app's page does (a crashed one's successor takes
		// over); the others, like the worker and background tabs, sync only when a trigger fires.
		if (!this.live().some((c) => c.follow)) ctx.follow = followOutbox(db, () => void this.fire(ctx, 'write'));
		this.contexts.push(ctx);
		return ctx;
	}

	lockFor(owner: string): Lock {
		return this.locks ? this.lock.for(owner) : (fn) => fn();
	}

	fire(ctx: Context, reason: SyncTrigger): Promise<unknown> {
		return this.track(
			ctx.engine.sync(reason).catch((e) => {
				// A crashed tab's flush dies with it; a live one must never throw.
				if (!ctx.crashed) this.violation(`${ctx.name} sync('${reason}') threw ${message(e)}`);
			})
		);
	}

	/** A tab closed or killed mid-flush: nothing more leaves it, its lock and connection go. */
	crash(ctx: Context): void {
		ctx.crashed = true;
		ctx.link.dead = true;
		ctx.follow?.unsubscribe();
		ctx.engine.stop();
		this.lock.crash(ctx.name);
		ctx.db.close();
	}

	// ---- sessions ----

	async session() {
		return this.db.session.get('current');
	}

	async signInAs(u: SimUser): Promise<boolean> {
		const before = (await this.session())?.user.id;
		for (let i = 0; i < 6; i++) {
			const r = await signIn({ email: u.email, password: 'sandbox' }, { client: this.ui, db: this.db, lock: this.lockFor('ui') });
			if (r.ok) {
				if (before !== u.userId) this.linked.clear();
				this.user = u;
				this.expired = false;
				return true;
			}
			if (r.reason === 'bad_credentials') {
				this.violation(`sign-in of ${u.email} refused`);
				return false;
			}
			if (this.net.offline) return false;
			await sleep(5);
		}
		return false;
	}

	// ---- the schedule ----

	async setup(): Promise<void> {
		await this.ctl.reset();
		await Promise.all(this.db.tables.map((t) => t.clear()));
		const engines = this.rng.int(2, 3);
		for (let i = 0; i < engines; i++) this.spawn();
		const first = this.rng.pick(USERS.slice(0, 2));
		if (!(await this.signInAs(first))) throw new Error(`seed ${this.seed}: setup could not sign in`);
		// A saved card for each partner that can buy: Contoso's added now, Fabrikam's seeded.
		const token = (await this.session())!.token;
		const card = await this.ui
			.as(token)
			.addPaymentMethod({ cardNumber: '4242424242424242', expMonth: 12, expYear: 2030, securityCode: '123', holderName: 'Sim User' }, { requestId: crypto.randomUUID() });
		await this.db.paymentMethods.put(card);
		this.cards.set(first.partnerId, card.id);
		const fabrikamCard = (await this.ctl.ledger()).paymentMethods.find((p) => p.partnerId === USERS[2].partnerId);
		if (fabrikamCard) this.cards.set(fabrikamCard.partnerId, fabrikamCard.id);
		await within(this.fire(this.contexts[0], 'start'), 3_000);
		this.log(`${engines} engines, ${first.email}, ${this.locks ? 'Web Locks' : 'no Web Locks'}`);
	}

	async run(steps: number): Promise<void> {
		const deadline = Date.now() + RUN_BUDGET_MS;
		for (this.step = 1; this.step <= steps; this.step++) {
			if (Date.now() > deadline) {
				this.violation(`the schedule overran its ${RUN_BUDGET_MS} ms budget at step ${this.step} of ${steps}`);
				break;
			}
			// Each step draws from its own stream: a step that finds a different state under real
			// timing (one row more, an entry not failed yet) does not shift the steps after it.
			this.rng = rngFor(this.seed, 1_000 + this.step);
			const what = this.choose();
			const t0 = Date.now();
			try {
				await this.act(what);
				if (Date.now() - t0 > 50) this.log(`(${what} took ${Date.now() - t0} ms)`);
			} catch (e) {
				this.log(`${what} threw ${message(e)}`);
				this.violation(`step #${this.step} ${what} threw ${message(e)}`);
			}
			// Every other step (a fifth of the run's time otherwise): what the probe catches lasts
			// until the next pull repairs it, usually longer than one step.
			if (this.step % 2 === 0 || what === 'await') {
				for (const v of await probe(this.db, this.model, this.linked)) this.violation(`#${this.step} ${v}`);
			}
		}
	}

	private choose(): string {
		if (!this.user) return this.rng.chance(0.8) ? 'switchUser' : 'file';
		return this.rng.weighted({
			file: 16,
			fileInvalid: 4,
			note: 10,
			fire: 10,
			await: 6,
			sleep: 8,
			retry: 4,
			discard: 3,
			autoRenewOff: 4,
			order: 4,
			offline: 4,
			serverFaults: 5,
			clientFaults: 3,
			crash: 3,
			device: 3,
			supportCloses: 2,
			expire: 2,
			resignIn: this.expired ? 6 : 0,
			switchUser: 3,
			signOut: 0.5,
			clockJump: 1,
			monthsPass: 0.5
		});
	}

	private async act(what: string): Promise<void> {
		const { rng, model } = this;
		switch (what) {
			case 'file':
			case 'fileInvalid': {
				const { n, token } = model.token();
				const invalid = what === 'fileInvalid';
				const body: ServiceRequestBody = {
					title: token,
					description: `Simulated request ${token} of seed ${this.seed}`,
					severity: rng.pick(['minimal', 'moderate', 'critical'] as const),
					supportTopicId: invalid ? 'no-such-topic' : rng.pick(['billing', 'account', 'benefits', 'other']),
					primaryContact: { name: 'Sim User', email: 'sim@contoso.example' }
				};
				const s = await this.session();
				try {
					await fileServiceRequest(body, rng.pick(['en', 'ko']));
				} catch (e) {
					if (!(e instanceof OutboxBlockedError)) throw e;
					return this.log(`file ${token}: blocked (${e.reason})`);
				}
				model.add({ n, kind: 'create', token, userId: s!.user.id, partnerId: s!.partner.id, invalid });
				return this.log(`file ${token}${invalid ? ' (invalid topic)' : ''} as ${s!.user.email}`);
			}
			case 'note': {
				const rows = await this.db.serviceRequests.toArray();
				if (!rows.length) return this.log('note: no request');
				const row = rng.pick(rows);
				const { n, token } = model.token();
				const s = await this.session();
				try {
					await addNote(row.localId, token);
				} catch (e) {
					if (e instanceof OutboxBlockedError) return this.log(`note ${token} on ${row.title}: blocked (${e.reason})`);
					// The row went between reading and writing: only legitimate for a draft discarded meanwhile.
					if (e instanceof Error && e.message === 'Request not found') {
						if (row.serverId) this.violation(`#${this.step} note on "${row.title}" (${row.serverId}): row vanished`);
						return this.log(`note ${token} on ${row.title}: row gone`);
					}
					throw e;
				}
				model.add({ n, kind: 'note', token, requestTitle: row.title, userId: s!.user.id, partnerId: s!.partner.id });
				return this.log(`note ${token} on ${row.title} (${row.serverId ?? 'draft'})`);
			}
			case 'fire': {
				const k = rng.int(1, 2);
				const names: string[] = [];
				for (let i = 0; i < k; i++) {
					const ctx = rng.pick(this.live());
					const reason = rng.pick(['manual', 'online', 'visible', 'interval', 'background', 'start'] as const);
					void this.fire(ctx, reason);
					names.push(`${ctx.name}:${reason}`);
				}
				return this.log(`sync ${names.join(' ')}`);
			}
			case 'await': {
				const all = [...this.inflight];
				const r = await within(Promise.allSettled(all), AWAIT_MS);
				if (r === 'timeout' && (await within(Promise.allSettled(all), WEDGED_MS - AWAIT_MS)) === 'timeout') {
					this.violation(`#${this.step} syncs still running after ${WEDGED_MS} ms (lock held by ${this.lock.held})`);
				}
				return this.log(`await ${all.length} syncs: ${r}`);
			}
			case 'sleep': {
				const ms = rng.int(0, 25);
				await sleep(ms);
				return this.log(`sleep ${ms} ms`);
			}
			case 'retry':
			case 'discard': {
				const failed = (await this.db.outbox.toArray()).filter((e) => e.state === 'failed' && e.userId === this.user?.userId);
				if (!failed.length) return this.log(`${what}: nothing failed`);
				const e = rng.pick(failed);
				const w = writeOfEntry(model, e);
				const desc = `${what} ${e.kind} ${tokenOf(e)} (${e.lastError?.status ?? ''} ${e.lastError?.code ?? e.lastError?.message ?? ''})`;
				if (what === 'discard') {
					// The user gives it up: what was attempted may have reached the server, once.
					const group = e.kind === 'serviceRequest.create' ? (await this.db.outbox.where('group').equals(e.group).toArray()) : [e];
					for (const g of group) {
						const gw = writeOfEntry(model, g);
						if (gw) gw.discarded = { attempted: g.attempts > 0 };
					}
					await discardEntry(e.id);
					return this.log(desc);
				}
				let edited: ServiceRequestBody | undefined;
				if (e.kind === 'serviceRequest.create' && w?.invalid && rng.chance(0.7)) {
					edited = { ...(e.body as ServiceRequestBody), supportTopicId: 'billing' };
					w.invalid = false;
				}
				await retryEntry(e.id, edited);
				return this.log(desc + (edited ? ' with a valid topic' : ''));
			}
			case 'autoRenewOff': {
				const subs = await this.db.subscriptions.toArray();
				if (!subs.length) return this.log('autoRenewOff: no subscription');
				const sub = rng.pick(subs);
				const s = await this.session();
				const before = new Set((await this.db.outbox.toArray()).map((e) => e.id));
				await turnOffAutoRenew(sub.id);
				const made = (await this.db.outbox.where('target').equals(sub.id).toArray()).filter((e) => !before.has(e.id));
				if (made.length) {
					const { n } = model.token();
					model.add({ n, kind: 'autoRenewOff', token: sub.id, userId: s!.user.id, partnerId: s!.partner.id });
				}
				return this.log(`autoRenewOff ${sub.id} (was ${sub.autoRenew ? 'on' : 'off'}): ${made.length ? 'queued' : 'nothing to do'}`);
			}
			case 'order': {
				const s = await this.session();
				const card = s && this.cards.get(s.partner.id);
				if (!s || !card) return this.log('order: no card');
				// Now and then the same draft is placed again (a resumed tab): same order id.
				const earlier = model.writes.filter((w) => w.kind === 'order' && w.userId === s.user.id);
				const again = earlier.length > 0 && rng.chance(0.2) ? rng.pick(earlier) : undefined;
				const fresh = again ? undefined : model.token();
				const orderId = again?.token ?? `order-${fresh!.token}`;
				await queueOrder({ orderId, mode: 'purchase', offerId: ACTION_PACK_OFFER_ID, paymentMethodId: card, termsVersion: ACTION_PACK_TERMS.version });
				if (again) again.discarded = undefined;
				else model.add({ n: fresh!.n, kind: 'order', token: orderId, userId: s.user.id, partnerId: s.partner.id });
				return this.log(`order ${orderId}${again ? ' (placed again)' : ''} as ${s.user.email}`);
			}
			case 'offline': {
				this.net.offline = !this.net.offline;
				// Coming back online is a trigger in the app too.
				if (!this.net.offline && rng.chance(0.7)) void this.fire(rng.pick(this.live()), 'online');
				return this.log(this.net.offline ? 'offline' : 'online');
			}
			case 'serverFaults': {
				const profile = rng.pick(['calm', 'failing', 'dropping', 'slow', 'malformed', 'storm'] as const);
				const rate = () => Math.round(rng() * 30) / 100;
				const f =
					profile === 'calm'
						? {}
						: profile === 'failing'
							? { failRate: rate() }
							: profile === 'dropping'
								? { dropAfterCommitRate: rate() }
								: profile === 'slow'
									? { latencyMs: [0, 15] as [number, number], processingMs: [2, 12] as [number, number] }
									: profile === 'malformed'
										? { malformedRate: rate() }
										: { failRate: rate() / 2, dropAfterCommitRate: rate() / 2, malformedRate: rate() / 2, latencyMs: [0, 8] as [number, number], processingMs: [0, 8] as [number, number] };
				await this.ctl.faults(f);
				return this.log(`server faults ${profile} ${JSON.stringify(f)}`);
			}
			case 'clientFaults': {
				const calm = rng.chance(0.4);
				this.net.lostAnswerRate = calm ? 0 : Math.round(rng() * 25) / 100;
				this.net.garbleRate = calm ? 0 : rng.chance(0.3) ? 0.1 : 0;
				this.net.hangRate = calm ? 0 : rng.chance(0.2) ? 0.03 : 0;
				return this.log(`client faults lost ${this.net.lostAnswerRate} garbled ${this.net.garbleRate} hang ${this.net.hangRate}`);
			}
			case 'crash': {
				const ctx = rng.pick(this.live());
				// Mid-flush: give it a flush, let it get going, then pull the plug.
				void this.fire(ctx, 'manual');
				const after = rng.int(0, 12);
				await sleep(after);
				this.crash(ctx);
				const fresh = this.spawn();
				if (rng.chance(0.6)) void this.fire(fresh, 'start');
				return this.log(`crash ${ctx.name} after ${after} ms (lock was ${this.lock.held ?? 'free'}), start ${fresh.name}`);
			}
			case 'device': {
				const u = rng.pick(USERS);
				let token = this.deviceTokens.get(u.userId);
				if (!token) {
					const r = await callWithRetry(this.server.url, 'POST', '/v1/auth/signin', { body: { email: u.email, password: 'sandbox' } });
					if (r?.status !== 200) return this.log(`device sign-in of ${u.email} failed`);
					token = (r.body as { token: string }).token;
					this.deviceTokens.set(u.userId, token);
				}
				const { n, token: title } = model.token('d');
				const body: ServiceRequestBody = {
					title,
					description: `Filed on another device, seed ${this.seed}`,
					severity: 'minimal',
					supportTopicId: 'billing',
					primaryContact: { name: 'Other Device', email: 'device@contoso.example' }
				};
				const r = await callWithRetry(this.server.url, 'POST', '/v1/servicerequests/en-US', { token, body, requestId: crypto.randomUUID() });
				if (r?.status === 401) {
					this.deviceTokens.delete(u.userId);
					return this.log(`device ${u.email}: session gone`);
				}
				model.add({ n, kind: 'device', token: title, userId: u.userId, partnerId: u.partnerId, acked: r?.status === 201 });
				return this.log(`device ${u.email} files ${title}: ${r?.status ?? 'no answer'}`);
			}
			case 'supportCloses': {
				const open = (await this.ctl.ledger()).serviceRequests.filter((r) => r.status !== 'closed');
				if (!open.length) return this.log('support: nothing open');
				const r = rng.pick(open);
				await this.ctl.close(r.id, `Support answer, seed ${this.seed}`);
				return this.log(`support closes ${r.id} "${r.title}"`);
			}
			case 'expire': {
				const s = await this.session();
				if (!s) return this.log('expire: nobody signed in');
				// The server forgets the session; engines meet 401 until the user signs in again.
				const r = await callWithRetry(this.server.url, 'POST', '/v1/auth/signout', { token: s.token });
				if (r && r.status < 300) this.expired = true;
				return this.log(`session of ${s.user.email} ends on the server: ${r?.status ?? 'no answer'}`);
			}
			case 'resignIn': {
				if (!this.user) return this.log('resignIn: nobody to sign in');
				const ok = await this.signInAs(this.user);
				return this.log(`${this.user.email} signs in again: ${ok ? 'ok' : 'failed'}`);
			}
			case 'switchUser': {
				const others = USERS.filter((u) => u.userId !== this.user?.userId);
				const u = rng.pick(others);
				const waiting = (await this.db.outbox.toArray()).filter((e) => e.state !== 'failed').length;
				const ok = await this.signInAs(u);
				return this.log(`sign in as ${u.email} with ${waiting} writes waiting: ${ok ? 'ok' : 'failed'}`);
			}
			case 'signOut': {
				// Signing out drops every waiting write (the UI asks first): they may have landed, once.
				const entries = await this.db.outbox.toArray();
				await signOut({ client: this.ui, db: this.db, lock: this.lockFor('ui') });
				for (const e of entries) {
					const w = writeOfEntry(model, e);
					if (w) w.dropped = true;
				}
				this.user = null;
				this.expired = false;
				this.linked.clear();
				return this.log(`sign out, dropping ${entries.length} entries`);
			}
			case 'monthsPass': {
				// More than the server keeps a request id (90 days): an answer lost before this must
				// not be replayed blindly afterwards (finding 5), and the device clock moves with it.
				let moved = '';
				await longGap(this.net, async () => (await this.ctl.clock()).busy, async () => {
					const { today } = await this.ctl.clock();
					const later = addDays(today, 95);
					await this.ctl.setClock(later);
					this.skewMs += 95 * DAY_MS;
					moved = `${today} → ${later}`;
				});
				return this.log(`95 days pass: ${moved}`);
			}
			case 'clockJump': {
				this.skewMs += this.clockJumped ? -DAY_MS : DAY_MS;
				this.clockJumped = !this.clockJumped;
				return this.log(`wall clock ${this.clockJumped ? 'a day fast' : 'corrected'}`);
			}
		}
	}

	// ---- heal and judge ----

	/** Which users still have writes the engine should deliver (not refused, not behind a refusal). */
	private async waitingUsers(): Promise<string[]> {
		const all = await this.db.outbox.toArray();
		const blocked = (e: OutboxEntry) => all.some((o) => o.group === e.group && o.userId === e.userId && o.seq < e.seq && o.state === 'failed');
		return [...new Set(all.filter((e) => e.state !== 'failed' && e.state !== 'done' && !blocked(e)).map((e) => e.userId))];
	}

	async heal(): Promise<void> {
		this.step = -1;
		await this.ctl.faults({});
		Object.assign(this.net, calmNetwork());
		if (this.clockJumped) this.skewMs -= DAY_MS;
		this.clockJumped = false;
		this.skewMs += LEASE_PASSED_MS;
		const deadline = Date.now() + HEAL_BUDGET_MS;
		const left = () => Math.max(0, deadline - Date.now());
		if ((await within(Promise.allSettled([...this.inflight]), AWAIT_MS)) === 'timeout') {
			this.violation(`heal: syncs still running ${AWAIT_MS} ms after faults ended (lock held by ${this.lock.held})`);
		}
		let rounds = 0;
		for (; rounds < HEAL_ROUNDS; rounds++) {
			if (left() === 0) {
				this.violation(`heal: writes still waiting after ${HEAL_BUDGET_MS} ms (${rounds} flushes)`);
				break;
			}
			const users = await this.waitingUsers();
			if (!users.length) break;
			const next = users.includes(this.user?.userId ?? '') ? this.user! : userById(users[0]);
			if (!next) {
				this.violation(`heal: outbox holds entries of unknown user ${users[0]}`);
				break;
			}
			if (next.userId !== this.user?.userId || this.expired || !(await this.session())) await this.signInAs(next);
			const ctx = this.rng.pick(this.live());
			if ((await within(this.fire(ctx, 'manual'), left())) === 'timeout') this.violation(`heal: ${ctx.name} flush did not end in time`);
			// A session can end on the server by itself too (the sandbox caps live sessions per user).
			if (ctx.lastEvent?.type === 'error' && ctx.lastEvent.kind === 'auth') this.expired = true;
		}
		if (rounds === HEAL_ROUNDS) this.violation(`heal: writes still waiting after ${HEAL_ROUNDS} flushes`);
		if (!this.user || !(await this.session())) await this.signInAs(USERS[0]);
		else if (this.expired) await this.signInAs(this.user);
		// The final pull, on an engine that pushed nothing: what the user sees now.
		await within(this.fire(this.live()[0], 'manual'), AWAIT_MS);
		this.log(`${rounds} flushes, signed in as ${this.user?.email}`);
	}

	async judge(): Promise<void> {
		const [local, ledger] = await Promise.all([readLocal(this.db), this.ctl.ledger()]);
		for (const v of checkFinal(this.model, { ...local, ledger })) this.violation(v);
		if (this.lock.maxHoldMs > MAX_LOCK_HOLD_MS) this.violation(`the sync lock was held ${this.lock.maxHoldMs} ms at once`);
	}

	async teardown(): Promise<void> {
		for (const ctx of this.contexts) {
			ctx.follow?.unsubscribe();
			ctx.engine.stop();
			ctx.link.dead = true;
			if (!ctx.crashed) this.lock.crash(ctx.name);
		}
		await within(Promise.allSettled([...this.inflight]), 3_000);
		for (const ctx of this.contexts) ctx.db.close();
		await this.ctl.faults({}).catch(() => undefined);
	}
}

/** Runs one seed start to end; never throws for what the engine does (that is in `violations`). */
export async function runSeed(server: SandboxServer, seed: number): Promise<SeedResult> {
	const started = Date.now();
	const world = new World(server, seed);
	const steps = world.rng.int(20, 60);
	const phases: string[] = [];
	let t = Date.now();
	const lap = (name: string) => (phases.push(`${name} ${Date.now() - t}`), (t = Date.now()));
	try {
		await world.setup();
		lap('setup');
		await world.run(steps);
		lap('run');
		await world.heal();
		lap('heal');
		await world.judge();
		lap('judge');
	} catch (e) {
		world.violation(`harness: ${message(e)}`);
	} finally {
		await world.teardown();
		lap('teardown');
		// SIM_TRACE=phases: time per phase; SIM_TRACE=1: and the whole schedule.
		if (process.env.SIM_TRACE) console.log(`seed ${seed} ${phases.join(' ')}${process.env.SIM_TRACE === 'phases' ? '' : `\n${world.trace.join('\n')}`}`);
	}
	const violations = [...world.violations];
	return { seed, ok: violations.length === 0, violations, trace: world.trace, ms: Date.now() - started, steps };
}

/** The test message of a failed seed: what broke, the end of its schedule, how to replay it. */
export function describeFailure(r: SeedResult, tail = 30): string {
	const shown = r.violations.slice(0, 25);
	return [
		`seed ${r.seed}: ${r.violations.length} violation(s)`,
		...shown.map((v) => `  - ${v}`),
		...(r.violations.length > shown.length ? [`  … and ${r.violations.length - shown.length} more`] : []),
		`  last ${Math.min(tail, r.trace.length)} steps:`,
		...r.trace.slice(-tail).map((t) => `    ${t}`),
		`  replay: npm run sim -- --seed ${r.seed}`
	].join('\n');
}
