/**
 * The sandbox's memory and clock, and the views that turn records into API shapes.
 * Routes read and change `data` synchronously, which makes each write atomic: Node runs one
 * handler to completion before the next, so no lock is needed between check and commit.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { BenefitActivation, Invoice, Order, Partner, PaymentMethod, ServiceRequest, Subscription, User } from '../../api/schemas.ts';
import { compareDates, isIsoDate, todayIn } from '../../domain/dates.ts';
import { isRefundable, refundableUntil, renewalWindow, subscriptionStatus } from '../../domain/subscription.ts';
import { noFaults, type Faults } from './faults.ts';
import { IdempotencyStore } from './idempotency.ts';
import { seedData } from './seed.ts';
import { SessionStore, SignInThrottle } from './sessions.ts';
import type {
	BenefitActivationRecord,
	InvoiceRecord,
	OrderRecord,
	PartnerRecord,
	PaymentMethodRecord,
	SandboxData,
	ServiceRequestRecord,
	SubscriptionRecord,
	UserRecord
} from './state.ts';

export interface SandboxOptions {
	/** Fixes the default clock (what reset returns to); otherwise the real date in UTC. */
	today?: string;
	/**
	 * Real time in ms, for what runs on real time rather than the sandbox's calendar (session
	 * expiry, sign-in throttling). Injectable so tests can move it instead of sleeping.
	 */
	now?: () => number;
	/**
	 * Real time a pending benefit activation takes to finish (default BENEFIT_ACTIVATION_MS).
	 * A later sandbox day finishes it too, whatever this says.
	 */
	benefitActivationMs?: number;
}

/** How long, in real time, the sandbox takes to finish a benefit activation. */
export const BENEFIT_ACTIVATION_MS = 3000;

export class SandboxCore {
	data: SandboxData;
	faults: Faults = noFaults();
	readonly idempotency = new IdempotencyStore();
	/**
	 * API requests being handled now. A request can outlive its client (aborted on a timeout,
	 * the server still runs it): the simulation moves the clock only when this is 0.
	 */
	busy = 0;
	/** Real time in ms (sessions, throttling); injectable for tests. */
	readonly clock: () => number;
	/** Bearer tokens. Kept across resets: seeded user ids never change. */
	readonly sessions: SessionStore;
	/** Failed sign-ins per account and per client; a reset clears it. */
	readonly signInThrottle: SignInThrottle;
	private clockOverride: string | null = null;
	/**
	 * Whether the seed still follows the clock. Right after a reset the first clock change
	 * re-seeds (so "reset, set clock" gives Fabrikam 20 days from the new today); later clock
	 * changes only move time, so "advance the clock" can make a subscription expire.
	 */
	private seedFollowsClock = true;
	/** Set once a write committed: re-seeding would then lose it. */
	dirty = false;

	constructor(private readonly options: SandboxOptions = {}) {
		if (options.today !== undefined && !isIsoDate(options.today)) throw new RangeError(`Bad today: ${options.today}`);
		this.clock = options.now ?? Date.now;
		this.sessions = new SessionStore(this.clock);
		this.signInThrottle = new SignInThrottle(this.clock);
		this.data = seedData(this.today(), this.now());
	}

	today(): string {
		return this.clockOverride ?? this.options.today ?? todayIn(new Date(), 'UTC');
	}

	/** An instant on the sandbox's today: real time of day, so instants still sort. */
	now(): string {
		const real = new Date().toISOString();
		const today = this.today();
		return real.startsWith(today) ? real : `${today}${real.slice(10)}`;
	}

	reset(today?: string): void {
		this.clockOverride = today ?? null;
		this.faults = noFaults();
		this.idempotency.clear();
		this.signInThrottle.clear();
		this.data = seedData(this.today(), this.now());
		this.seedFollowsClock = today === undefined;
		this.dirty = false;
	}

	setClock(today: string, reseed?: boolean): void {
		const follow = reseed ?? (this.seedFollowsClock && !this.dirty);
		this.clockOverride = today;
		if (follow) {
			const writes = this.data.writeRequests;
			this.data = seedData(this.today(), this.now());
			this.data.writeRequests = writes;
		}
		this.seedFollowsClock = false;
	}

	userByToken(token: string | undefined): UserRecord | undefined {
		if (!token) return undefined;
		const id = this.sessions.userId(token);
		return id ? this.data.users.find((u) => u.id === id) : undefined;
	}

	partner(id: string): PartnerRecord {
		const p = this.data.partners.find((x) => x.id === id);
		if (!p) throw new Error(`No partner ${id}`);
		return p;
	}

	subscriptionsOf(partnerId: string): SubscriptionRecord[] {
		return this.data.subscriptions.filter((s) => s.partnerId === partnerId);
	}

	/**
	 * Finishes pending benefit activations whose time has come. Activations finish on their
	 * own in the real Partner Center; here they finish lazily, on the next read or write that
	 * looks at them, which nobody outside can tell apart from a timer (and leaves no timer to
	 * outlive a test server). Idempotent: call it before any read of activations.
	 */
	settleBenefitActivations(): void {
		const nowMs = this.clock();
		const today = this.today();
		const delay = this.options.benefitActivationMs ?? BENEFIT_ACTIVATION_MS;
		for (const a of this.data.benefitActivations) {
			if (a.status !== 'pending') continue;
			if (nowMs - a.requestedAtMs >= delay || compareDates(today, a.activatedDate) > 0) {
				a.status = 'active';
				a.lastModifiedDate = this.now();
			}
		}
	}

	/** Stored status, or `expired` once the subscription has ended (expired or cancelled). */
	benefitStatus(a: BenefitActivationRecord): BenefitActivation['status'] {
		const sub = this.data.subscriptions.find((s) => s.id === a.subscriptionId);
		if (!sub || subscriptionStatus(sub, this.today()) !== 'active') return 'expired';
		return a.status;
	}

	// ---- views: records → API shapes (private fields never leave) ----

	userView(u: UserRecord): User {
		return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, partnerId: u.partnerId };
	}

	partnerView(p: PartnerRecord): Partner {
		return {
			id: p.id,
			name: p.name,
			country: p.country,
			currency: p.currency,
			networkMember: p.networkMember,
			networkMemberSince: p.networkMemberSince,
			competencies: p.competencies.map((c) => ({ ...c }))
		};
	}

	subscriptionView(s: SubscriptionRecord): Subscription {
		const today = this.today();
		const window = renewalWindow(s.endDate);
		return {
			id: s.id,
			partnerId: s.partnerId,
			offerId: s.offerId,
			status: subscriptionStatus(s, today),
			startDate: s.startDate,
			endDate: s.endDate,
			autoRenew: s.autoRenew,
			renewableFrom: window.from,
			renewableUntil: window.until,
			refundableUntil: isRefundable(s.startDate, s.softwareBenefitActivated, today)
				? refundableUntil(s.startDate, s.softwareBenefitActivated)
				: null,
			lastModifiedDate: s.lastModifiedDate
		};
	}

	/** Call settleBenefitActivations() first. */
	benefitActivationView(a: BenefitActivationRecord): BenefitActivation {
		const sub = this.data.subscriptions.find((s) => s.id === a.subscriptionId);
		const status = this.benefitStatus(a);
		return {
			id: a.id,
			subscriptionId: a.subscriptionId,
			benefitId: a.benefitId,
			status,
			activatedDate: a.activatedDate,
			expiresOn: sub ? sub.endDate : a.activatedDate,
			...(a.assignee ? { assignee: { ...a.assignee } } : {}),
			...(a.contact ? { contact: { ...a.contact } } : {}),
			// Keys are handed out only while active: pending has none yet, expired has stopped.
			...(status === 'active' && a.productKeys.length > 0 ? { productKeys: [...a.productKeys] } : {}),
			lastModifiedDate: a.lastModifiedDate
		};
	}

	paymentMethodView(p: PaymentMethodRecord): PaymentMethod {
		return { id: p.id, brand: p.brand, last4: p.last4, expMonth: p.expMonth, expYear: p.expYear, holderName: p.holderName };
	}

	orderView(o: OrderRecord): Order {
		return {
			id: o.id,
			kind: o.kind,
			offerId: o.offerId,
			subscriptionId: o.subscriptionId,
			status: o.status,
			placedDate: o.placedDate,
			currency: o.currency,
			amount: o.amount,
			tax: o.tax,
			total: o.total,
			termsVersion: o.termsVersion,
			paymentBrand: o.paymentBrand,
			paymentLast4: o.paymentLast4,
			invoiceId: o.invoiceId
		};
	}

	invoiceView(i: InvoiceRecord): Invoice {
		return {
			id: i.id,
			number: i.number,
			orderId: i.orderId,
			date: i.date,
			partnerName: i.partnerName,
			currency: i.currency,
			lines: i.lines.map((l) => ({ ...l })),
			subtotal: i.subtotal,
			tax: i.tax,
			total: i.total,
			paymentBrand: i.paymentBrand,
			paymentLast4: i.paymentLast4
		};
	}

	serviceRequestView(r: ServiceRequestRecord): ServiceRequest {
		return {
			id: r.id,
			title: r.title,
			description: r.description,
			severity: r.severity,
			supportTopicId: r.supportTopicId,
			supportTopicName: r.supportTopicName,
			status: r.status,
			primaryContact: { ...r.primaryContact },
			notes: r.notes.map((n) => ({ ...n })),
			history: r.history.map((h) => ({ ...h })),
			createdDate: r.createdDate,
			lastModifiedDate: r.lastModifiedDate
		};
	}

	ledger() {
		this.settleBenefitActivations();
		const d = this.data;
		return {
			today: this.today(),
			charges: d.charges.map((c) => ({ ...c })),
			orders: d.orders.map((o) => ({ ...this.orderView(o), partnerId: o.partnerId, requestId: o.requestId })),
			invoices: d.invoices.map((i) => ({ ...this.invoiceView(i), partnerId: i.partnerId })),
			subscriptions: d.subscriptions.map((s) => ({
				id: s.id,
				partnerId: s.partnerId,
				offerId: s.offerId,
				status: subscriptionStatus(s, this.today()),
				startDate: s.startDate,
				endDate: s.endDate,
				autoRenew: s.autoRenew
			})),
			serviceRequests: d.serviceRequests.map((r) => ({
				id: r.id,
				partnerId: r.partnerId,
				title: r.title,
				description: r.description,
				status: r.status,
				supportTopicId: r.supportTopicId,
				notes: r.notes.map((n) => ({ ...n }))
			})),
			paymentMethods: d.paymentMethods.map((p) => ({ ...this.paymentMethodView(p), partnerId: p.partnerId })),
			benefitActivations: d.benefitActivations.map((b) => ({
				id: b.id,
				partnerId: b.partnerId,
				subscriptionId: b.subscriptionId,
				benefitId: b.benefitId,
				status: this.benefitStatus(b),
				assignee: b.assignee ? { ...b.assignee } : null,
				contact: b.contact ? { ...b.contact } : null,
				activatedDate: b.activatedDate,
				productKeys: [...b.productKeys],
				requestId: b.requestId
			})),
			paymentAttempts: d.paymentAttempts.map((a) => ({ ...a })),
			writeRequests: d.writeRequests,
			idempotencyKeys: this.idempotency.size()
		};
	}
}

export type Ledger = ReturnType<SandboxCore['ledger']>;

export function randomToken(prefix: string, bytes = 16): string {
	return prefix + randomBytes(bytes).toString('base64url');
}

/** Fingerprints are hashed: a card body must not sit in memory by way of its fingerprint. */
export function fingerprintOf(method: string, path: string, canonicalBody: string): string {
	return createHash('sha256').update(`${method}\n${path}\n${canonicalBody}`).digest('base64url');
}
