/**
 * The /v1 endpoints. Each handler is synchronous: it checks and commits in one turn of the
 * event loop, which is what makes a write atomic here (see core.ts).
 *
 * Check order in every write: role, then the body, then the business rules, then commit.
 */
import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import {
	BenefitActivationBody,
	BenefitAssignBody,
	CardInput,
	FIXED_MESSAGES,
	NotePatch,
	OrderBody,
	ServiceRequestBody,
	SignInBody,
	SubscriptionPatch
} from '../../api/schemas.ts';
import { yearOf } from '../../domain/dates.ts';
import { can, purchaseEligibility, type Action } from '../../domain/membership.ts';
import { catalogFor, findOffer, type Benefit } from '../../domain/offers.ts';
import { cardBrand, last4, normalizeCardNumber, validateCard, type CardErrors } from '../../domain/payment.ts';
import { canRenewOn, subscriptionStatus } from '../../domain/subscription.ts';
import { activationInputError, endsRefund } from '../../domain/benefits.ts';
import { renewedEndDate, termEnd } from '../../domain/term.ts';
import { findSupportTopic, SUPPORT_TOPICS } from '../../domain/support.ts';
import { randomToken, type SandboxCore } from './core.ts';
import { issuesToErrors, noContent, ok, problem, validationProblem, type Answer, type FieldError } from './http.ts';
import type { BenefitActivationRecord, PartnerRecord, ServiceRequestRecord, SubscriptionRecord, UserRecord } from './state.ts';

export interface PublicContext {
	core: SandboxCore;
	body: unknown;
	params: Record<string, string>;
	token?: string;
	/** The client's address, for per-client sign-in throttling. */
	client?: string;
	/** The query string of a read. */
	query?: URLSearchParams;
}

export interface AuthedContext extends PublicContext {
	user: UserRecord;
	partner: PartnerRecord;
	/** MS-RequestId of a write; '' on reads. */
	requestId: string;
}

export type Route =
	| { method: string; pattern: RegExp; auth: false; handler: (ctx: PublicContext) => Answer }
	| {
			method: string;
			pattern: RegExp;
			auth: true;
			handler: (ctx: AuthedContext) => Answer;
			/**
			 * What a write needs the role to allow. The pipeline checks it before the body, the
			 * request id or any record: a role that may not act learns that first, and cannot
			 * get a stored answer replayed.
			 */
			action?: Action;
	  };

/** Declines this card number (DESIGN §6); any other Luhn-valid number succeeds. */
export const DECLINED_CARD = '4000000000000002';

const SUPPORT_NAME = 'Partner Center Support';

type Parsed<T> = { ok: true; value: T } | { ok: false; answer: Answer };

function parse<S extends v.GenericSchema>(schema: S, body: unknown): Parsed<v.InferOutput<S>> {
	// valibot's object schemas accept arrays (typeof [] is 'object'); a body is never one.
	if (Array.isArray(body)) return { ok: false, answer: validationProblem([{ field: '', message: 'Expected an object' }]) };
	const r = v.safeParse(schema, body, FIXED_MESSAGES);
	if (r.success) return { ok: true, value: r.output };
	return { ok: false, answer: validationProblem(issuesToErrors(r.issues)) };
}

/** Plain sentences, not permission names: the UI may show the detail as it is. */
const FORBIDDEN: Record<Action, string> = {
	buy: 'Only a Global admin or an MPN partner admin can buy or renew, or manage payment methods.',
	renew: 'Only a Global admin or an MPN partner admin can renew the subscription.',
	autoRenewOff: 'Only a Global admin or an MPN partner admin can turn off auto-renew.',
	activateBenefit: 'Only a Global admin or an MPN partner admin can activate benefits.',
	fileSupport: 'Only a Global admin, MPN partner admin or Account admin can file and follow requests.',
	assignBenefit: 'Only a Global admin can assign a benefit to a person.',
	read: 'Your role cannot read this.'
};

export function forbidden(action: Action): Answer {
	return problem(403, 'forbidden_role', FORBIDDEN[action]);
}

const notFound = (what: string): Answer => problem(404, 'not_found', `${what} was not found.`);

// ---- auth and profile ----

function signIn(ctx: PublicContext): Answer {
	const body = parse(SignInBody, ctx.body);
	if (!body.ok) return body.answer;
	const email = body.value.email.toLowerCase();
	const client = ctx.client ?? '';
	const throttle = ctx.core.signInThrottle;
	const wait = throttle.retryAfter(email, client);
	if (wait > 0) {
		const answer = problem(429, 'too_many_requests', 'Too many wrong passwords. Wait and try again.');
		return { ...answer, headers: { 'retry-after': String(wait) } };
	}
	const user = ctx.core.data.users.find((u) => u.email.toLowerCase() === email);
	if (!user || user.password !== body.value.password) {
		throttle.fail(email, client);
		return problem(401, 'bad_credentials');
	}
	throttle.succeed(email);
	const token = ctx.core.sessions.create(user.id);
	return ok({ token, user: ctx.core.userView(user), partner: ctx.core.partnerView(ctx.core.partner(user.partnerId)) });
}

function signOut(ctx: PublicContext): Answer {
	// Signing out twice, or with a stale token, is still signed out.
	if (ctx.token) ctx.core.sessions.delete(ctx.token);
	return noContent();
}

function me(ctx: AuthedContext): Answer {
	return ok({ user: ctx.core.userView(ctx.user), partner: ctx.core.partnerView(ctx.partner) });
}

function offers(ctx: AuthedContext): Answer {
	return ok({ items: catalogFor(ctx.partner.country) });
}

// ---- subscriptions ----

function listSubscriptions(ctx: AuthedContext): Answer {
	return ok({ items: ctx.core.subscriptionsOf(ctx.partner.id).map((s) => ctx.core.subscriptionView(s)) });
}

function findSubscription(ctx: AuthedContext, id: string): SubscriptionRecord | undefined {
	return ctx.core.data.subscriptions.find((s) => s.id === id && s.partnerId === ctx.partner.id);
}

function patchSubscription(ctx: AuthedContext): Answer {
	if (!can(ctx.user.role, 'autoRenewOff')) return forbidden('autoRenewOff');
	const sub = findSubscription(ctx, ctx.params.id);
	if (!sub) return notFound('The subscription');
	// Checked before the schema so the client learns the rule, not just "invalid value".
	if (ctx.body && typeof ctx.body === 'object' && (ctx.body as { autoRenew?: unknown }).autoRenew === true) {
		return problem(422, 'auto_renew_on_requires_renewal', 'Renew the subscription to turn auto-renew on again.');
	}
	const body = parse(SubscriptionPatch, ctx.body);
	if (!body.ok) return body.answer;
	sub.autoRenew = false;
	sub.lastModifiedDate = ctx.core.now();
	return ok(ctx.core.subscriptionView(sub));
}

// ---- payment methods ----

const CARD_MESSAGES: Record<string, string> = {
	cardNumber: 'Enter a valid card number',
	expMonth: 'Enter a valid expiration date',
	expYear: 'Enter a valid expiration date',
	securityCode: 'Enter the security code',
	holderName: 'Enter the cardholder name'
};

function cardErrors(errors: CardErrors): FieldError[] {
	return Object.entries(errors).map(([field, code]) => ({
		field,
		message: code === 'expired' ? 'The card has expired' : code === 'luhn' ? 'Check the card number' : (CARD_MESSAGES[field] ?? code)
	}));
}

function listPaymentMethods(ctx: AuthedContext): Answer {
	const items = ctx.core.data.paymentMethods.filter((p) => p.partnerId === ctx.partner.id);
	return ok({ items: items.map((p) => ctx.core.paymentMethodView(p)) });
}

function addPaymentMethod(ctx: AuthedContext): Answer {
	if (!can(ctx.user.role, 'buy')) return forbidden('buy');
	const r = v.safeParse(CardInput, ctx.body, FIXED_MESSAGES);
	if (!r.success) {
		// Fixed messages: valibot's own would quote the received value, i.e. the card number.
		const fields = [...new Set(r.issues.map((i) => v.getDotPath(i) ?? ''))];
		return validationProblem(fields.map((field) => ({ field, message: CARD_MESSAGES[field] ?? 'Invalid value' })));
	}
	const card = r.output;
	const errors = validateCard(
		{ cardNumber: card.cardNumber, expMonth: card.expMonth, expYear: card.expYear, securityCode: card.securityCode, holderName: card.holderName },
		ctx.core.today()
	);
	if (Object.keys(errors).length > 0) return validationProblem(cardErrors(errors));
	const number = normalizeCardNumber(card.cardNumber);
	const record = {
		id: randomToken('pm_', 12),
		partnerId: ctx.partner.id,
		brand: cardBrand(number),
		last4: last4(number),
		expMonth: card.expMonth,
		expYear: card.expYear,
		holderName: card.holderName,
		declines: number === DECLINED_CARD
	};
	ctx.core.data.paymentMethods.push(record);
	return ok(ctx.core.paymentMethodView(record), 201);
}

function deletePaymentMethod(ctx: AuthedContext): Answer {
	if (!can(ctx.user.role, 'buy')) return forbidden('buy');
	const list = ctx.core.data.paymentMethods;
	const i = list.findIndex((p) => p.id === ctx.params.id && p.partnerId === ctx.partner.id);
	if (i < 0) return notFound('The payment method');
	list.splice(i, 1);
	return noContent();
}

// ---- orders and invoices ----

function placeOrder(ctx: AuthedContext): Answer {
	const { core, partner, user } = ctx;
	// Role first (the pipeline checks 'buy' too): renewing needs the same roles as buying.
	if (!can(user.role, 'buy') && !can(user.role, 'renew')) return forbidden('buy');
	const parsed = parse(OrderBody, ctx.body);
	if (!parsed.ok) return parsed.answer;
	const body = parsed.value;

	// The order id is the client's own idempotency key: a second placement (another request id,
	// e.g. a re-queued draft) gets the first result and charges nothing.
	const existing = core.data.orders.find((o) => o.partnerId === partner.id && o.id === body.orderId);
	if (existing) return ok(existing.result, 201);

	const offer = findOffer(body.offerId, partner.country);
	if (!offer) return validationProblem([{ field: 'offerId', message: 'Unknown offer' }]);
	if (body.termsVersion !== offer.terms.version) {
		return validationProblem([{ field: 'termsVersion', message: `Accept the current terms (version ${offer.terms.version})` }]);
	}

	const today = core.today();
	const subscriptions = core.subscriptionsOf(partner.id);
	let renewing: SubscriptionRecord | undefined;
	if (body.kind === 'purchase') {
		const eligibility = purchaseEligibility({ partner, subscriptions, role: user.role, today });
		if (!eligibility.ok) return problem(eligibility.reason === 'already_subscribed' ? 409 : 403, eligibility.reason);
	} else {
		if (!can(user.role, 'renew')) return forbidden('renew');
		if (!body.subscriptionId) return validationProblem([{ field: 'subscriptionId', message: 'Choose the subscription to renew' }]);
		renewing = findSubscription(ctx, body.subscriptionId);
		if (!renewing) return notFound('The subscription');
		if (renewing.offerId !== offer.id) return validationProblem([{ field: 'offerId', message: 'The offer does not match the subscription' }]);
		const check = canRenewOn(renewing, today);
		if (!check.ok) {
			const detail =
				check.reason === 'before_window'
					? `Renewal opens on ${check.opensOn}.`
					: check.reason === 'after_window'
						? 'The renewal period has ended.'
						: 'The subscription is cancelled.';
			return problem(422, 'outside_renewal_window', detail);
		}
	}

	const pm = core.data.paymentMethods.find((p) => p.id === body.paymentMethodId && p.partnerId === partner.id);
	if (!pm) return validationProblem([{ field: 'paymentMethodId', message: 'Choose a saved payment method' }]);

	const price = offer.price;
	const attempt = {
		requestId: ctx.requestId,
		orderId: body.orderId,
		partnerId: partner.id,
		amount: price.total,
		currency: price.currency,
		last4: pm.last4,
		date: today
	};
	if (pm.declines) {
		core.data.paymentAttempts.push({ ...attempt, outcome: 'declined' });
		return problem(402, 'card_declined', 'The bank declined the card. Use another payment method.');
	}

	// Charged: from here on everything is recorded together.
	const now = core.now();
	let subscription: SubscriptionRecord;
	if (renewing) {
		renewing.endDate = renewedEndDate(renewing.startDate, renewing.endDate);
		renewing.autoRenew = true;
		renewing.lastModifiedDate = now;
		subscription = renewing;
	} else {
		subscription = {
			id: randomToken('sub_', 12),
			partnerId: partner.id,
			offerId: offer.id,
			startDate: today,
			endDate: termEnd(today),
			autoRenew: true,
			cancelled: false,
			softwareBenefitActivated: false,
			lastModifiedDate: now
		};
		core.data.subscriptions.push(subscription);
	}

	core.data.invoiceSeq += 1;
	const invoice = {
		id: randomToken('inv_', 12),
		partnerId: partner.id,
		number: `INV-${yearOf(today)}-${String(core.data.invoiceSeq).padStart(6, '0')}`,
		orderId: body.orderId,
		date: today,
		partnerName: partner.name,
		currency: price.currency,
		lines: [
			{
				description: `${offer.name}, ${body.kind === 'renew' ? 'renewal, ' : ''}${offer.termMonths} months`,
				quantity: 1,
				unitPrice: price.amount,
				amount: price.amount
			}
		],
		subtotal: price.amount,
		tax: price.tax,
		total: price.total,
		paymentBrand: pm.brand,
		paymentLast4: pm.last4
	};
	core.data.invoices.push(invoice);

	const order = {
		id: body.orderId,
		kind: body.kind,
		offerId: offer.id,
		subscriptionId: subscription.id,
		status: 'confirmed' as const,
		placedDate: today,
		currency: price.currency,
		amount: price.amount,
		tax: price.tax,
		total: price.total,
		termsVersion: body.termsVersion,
		paymentBrand: pm.brand,
		paymentLast4: pm.last4,
		invoiceId: invoice.id
	};
	const result = { order, subscription: core.subscriptionView(subscription), invoice: core.invoiceView(invoice) };
	core.data.orders.push({ ...order, partnerId: partner.id, requestId: ctx.requestId, result });
	core.data.charges.push({ ...attempt });
	core.data.paymentAttempts.push({ ...attempt, outcome: 'charged' });
	return ok(result, 201, { location: `/v1/orders/${encodeURIComponent(order.id)}` });
}

function listOrders(ctx: AuthedContext): Answer {
	const items = ctx.core.data.orders.filter((o) => o.partnerId === ctx.partner.id);
	return ok({ items: items.map((o) => ctx.core.orderView(o)) });
}

function getOrder(ctx: AuthedContext): Answer {
	const o = ctx.core.data.orders.find((x) => x.id === ctx.params.id && x.partnerId === ctx.partner.id);
	return o ? ok(ctx.core.orderView(o)) : notFound('The order');
}

function listInvoices(ctx: AuthedContext): Answer {
	const items = ctx.core.data.invoices.filter((i) => i.partnerId === ctx.partner.id);
	return ok({ items: items.map((i) => ctx.core.invoiceView(i)) });
}

function getInvoice(ctx: AuthedContext): Answer {
	const i = ctx.core.data.invoices.find((x) => x.id === ctx.params.id && x.partnerId === ctx.partner.id);
	return i ? ok(ctx.core.invoiceView(i)) : notFound('The invoice');
}

// ---- service requests ----

function supportTopics(): Answer {
	return ok({ items: SUPPORT_TOPICS.map((t) => ({ ...t })) });
}

function findServiceRequest(ctx: AuthedContext): ServiceRequestRecord | undefined {
	return ctx.core.data.serviceRequests.find((r) => r.id === ctx.params.id && r.partnerId === ctx.partner.id);
}

function createServiceRequest(ctx: AuthedContext): Answer {
	if (!can(ctx.user.role, 'fileSupport')) return forbidden('fileSupport');
	const parsed = parse(ServiceRequestBody, ctx.body);
	if (!parsed.ok) return parsed.answer;
	const body = parsed.value;
	const topic = findSupportTopic(body.supportTopicId);
	if (!topic) return validationProblem([{ field: 'supportTopicId', message: 'Choose a problem type' }]);
	const core = ctx.core;
	core.data.serviceRequestSeq += 1;
	const now = core.now();
	const record: ServiceRequestRecord = {
		// Ten digits, like Partner Center's numbers; sequential so lists sort as filed.
		id: `SR-${String(2600000000 + core.data.serviceRequestSeq)}`,
		partnerId: ctx.partner.id,
		title: body.title,
		description: body.description,
		severity: body.severity,
		supportTopicId: topic.id,
		supportTopicName: topic.name,
		status: 'open',
		primaryContact: { ...body.primaryContact },
		notes: [],
		history: [{ status: 'open', date: now, by: ctx.user.displayName }],
		createdDate: now,
		lastModifiedDate: now,
		changeSeq: ++core.data.requestChanges
	};
	core.data.serviceRequests.push(record);
	return ok(core.serviceRequestView(record), 201, { location: `/v1/servicerequests/${record.id}` });
}

/**
 * All of the partner's requests, or with `?since=<syncToken>` (from an earlier answer) only those
 * changed after it (`delta: true`). A token this data cannot answer from (another data's, after a
 * reset; malformed; ahead of it) gets the whole list, `delta: false`: the client then replaces
 * what it holds. Either way the answer carries the token for the next call.
 */
function listServiceRequests(ctx: AuthedContext): Answer {
	const d = ctx.core.data;
	const since = /^([a-z0-9]+)\.(\d+)$/.exec(ctx.query?.get('since') ?? '');
	const from = since && since[1] === d.changesEpoch && Number(since[2]) <= d.requestChanges ? Number(since[2]) : null;
	// Filed in order, so newest first is the reverse of insertion (instants may tie).
	const items = d.serviceRequests.filter((r) => r.partnerId === ctx.partner.id && (from === null || r.changeSeq > from)).reverse();
	return ok({ items: items.map((r) => ctx.core.serviceRequestView(r)), syncToken: `${d.changesEpoch}.${d.requestChanges}`, delta: from !== null });
}

function getServiceRequest(ctx: AuthedContext): Answer {
	const r = findServiceRequest(ctx);
	return r ? ok(ctx.core.serviceRequestView(r)) : notFound('The service request');
}

function addNote(ctx: AuthedContext): Answer {
	if (!can(ctx.user.role, 'fileSupport')) return forbidden('fileSupport');
	const r = findServiceRequest(ctx);
	if (!r) return notFound('The service request');
	// Support has answered and closed it: a note would go unread, so say so instead.
	if (r.status === 'closed') {
		return problem(409, 'request_closed', 'This request is closed. To follow up, file a new request.');
	}
	const parsed = parse(NotePatch, ctx.body);
	if (!parsed.ok) return parsed.answer;
	const now = ctx.core.now();
	r.notes.push({ text: parsed.value.newNote.text, createdByName: ctx.user.displayName, createdDate: now });
	r.lastModifiedDate = now;
	r.changeSeq = ++ctx.core.data.requestChanges;
	return ok(ctx.core.serviceRequestView(r));
}

// ---- benefits (issue 9, flow G) ----

function listBenefitActivations(ctx: AuthedContext): Answer {
	const { core } = ctx;
	core.settleBenefitActivations();
	const items = core.data.benefitActivations.filter((a) => a.partnerId === ctx.partner.id);
	return ok({ items: items.map((a) => core.benefitActivationView(a)) });
}

function listSubscriptionBenefits(ctx: AuthedContext): Answer {
	const { core } = ctx;
	const sub = findSubscription(ctx, ctx.params.id);
	if (!sub) return notFound('The subscription');
	core.settleBenefitActivations();
	const items = core.data.benefitActivations.filter((a) => a.subscriptionId === sub.id);
	return ok({ items: items.map((a) => core.benefitActivationView(a)) });
}

/** The subscription, the benefit of its offer, and its activation if any; or the 404 to answer. */
function benefitTarget(
	ctx: AuthedContext
): { ok: true; sub: SubscriptionRecord; benefit: Benefit; activation?: BenefitActivationRecord } | { ok: false; answer: Answer } {
	const sub = findSubscription(ctx, ctx.params.id);
	if (!sub) return { ok: false, answer: notFound('The subscription') };
	const benefit = findOffer(sub.offerId, ctx.partner.country)?.benefits.find((b) => b.id === ctx.params.benefitId);
	if (!benefit) return { ok: false, answer: notFound('The benefit') };
	ctx.core.settleBenefitActivations();
	const activation = ctx.core.data.benefitActivations.find((a) => a.subscriptionId === sub.id && a.benefitId === benefit.id);
	return { ok: true, sub, benefit, activation };
}

function subscriptionEnded(sub: SubscriptionRecord, today: string): Answer | null {
	const status = subscriptionStatus(sub, today);
	if (status === 'active') return null;
	return problem(
		422,
		'subscription_not_active',
		status === 'cancelled' ? 'The subscription is cancelled: its benefits cannot be activated or assigned.' : 'The subscription has expired. Renew it to use its benefits again.'
	);
}

function activationPath(a: BenefitActivationRecord): string {
	return `/v1/subscriptions/${encodeURIComponent(a.subscriptionId)}/benefits/${encodeURIComponent(a.benefitId)}/activation`;
}

function getBenefitActivation(ctx: AuthedContext): Answer {
	const t = benefitTarget(ctx);
	if (!t.ok) return t.answer;
	return t.activation ? ok(ctx.core.benefitActivationView(t.activation)) : notFound('The activation');
}

/** Product keys in the familiar 5×5 shape; random, so no two activations share one. */
function productKey(): string {
	const alphabet = 'BCDFGHJKMPQRTVWXY2346789';
	const bytes = randomBytes(25);
	let out = '';
	for (let i = 0; i < 25; i++) {
		out += alphabet[bytes[i] % alphabet.length];
		if (i % 5 === 4 && i < 24) out += '-';
	}
	return out;
}

function activateBenefit(ctx: AuthedContext): Answer {
	const { core } = ctx;
	if (!can(ctx.user.role, 'activateBenefit')) return forbidden('activateBenefit');
	const t = benefitTarget(ctx);
	if (!t.ok) return t.answer;
	// No body means nothing to add: `{}` and an empty body are the same request.
	const parsed = parse(BenefitActivationBody, ctx.body === undefined ? {} : ctx.body);
	if (!parsed.ok) return parsed.answer;
	const body = parsed.value;
	switch (activationInputError(t.benefit.kind, ctx.user.role, body)) {
		case 'assignee_forbidden':
			return forbidden('assignBenefit');
		case 'contact_required':
			return validationProblem([{ field: 'contact', message: 'Enter a contact to set this service up with' }]);
	}
	const ended = subscriptionEnded(t.sub, core.today());
	if (ended) return ended;
	if (t.activation) {
		return problem(409, 'benefit_already_activated', `${t.benefit.name} is already activated for this subscription.`);
	}
	const now = core.now();
	const record: BenefitActivationRecord = {
		id: randomToken('ba_', 12),
		partnerId: ctx.partner.id,
		subscriptionId: t.sub.id,
		benefitId: t.benefit.id,
		status: 'pending',
		activatedDate: core.today(),
		requestedAtMs: core.clock(),
		assignee: body.assignee ? { ...body.assignee } : null,
		contact: body.contact ? { ...body.contact } : null,
		// One key per license, made now so that every read shows the same ones.
		productKeys: t.benefit.kind === 'software' ? Array.from({ length: t.benefit.quantity }, productKey) : [],
		requestId: ctx.requestId,
		lastModifiedDate: now
	};
	core.data.benefitActivations.push(record);
	if (endsRefund(t.benefit.kind) && !t.sub.softwareBenefitActivated) {
		// From the moment it is asked for, not when it finishes: keys may be handed out any time.
		t.sub.softwareBenefitActivated = true;
		t.sub.lastModifiedDate = now;
	}
	// 202: accepted, finishing on its own; GET the Location (or the list) to see it finish.
	return ok(core.benefitActivationView(record), 202, { location: activationPath(record) });
}

function assignBenefit(ctx: AuthedContext): Answer {
	const { core } = ctx;
	if (!can(ctx.user.role, 'assignBenefit')) return forbidden('assignBenefit');
	const t = benefitTarget(ctx);
	if (!t.ok) return t.answer;
	const parsed = parse(BenefitAssignBody, ctx.body);
	if (!parsed.ok) return parsed.answer;
	const ended = subscriptionEnded(t.sub, core.today());
	if (ended) return ended;
	if (!t.activation) return problem(409, 'benefit_not_activated', `Activate ${t.benefit.name} before assigning it.`);
	t.activation.assignee = { ...parsed.value.assignee };
	t.activation.lastModifiedDate = core.now();
	return ok(core.benefitActivationView(t.activation));
}

/** Support's side: answer with a note and close (a test control, not a partner action). */
export function closeServiceRequest(core: SandboxCore, id: string, note: string, cancelSubscription: boolean): Answer {
	const r = core.data.serviceRequests.find((x) => x.id === id);
	if (!r) return notFound('The service request');
	const now = core.now();
	r.notes.push({ text: note, createdByName: SUPPORT_NAME, createdDate: now });
	r.status = 'closed';
	r.history.push({ status: 'closed', date: now, by: SUPPORT_NAME });
	r.lastModifiedDate = now;
	r.changeSeq = ++core.data.requestChanges;
	if (cancelSubscription) {
		// A granted cancellation request ends the partner's Action Pack.
		for (const s of core.subscriptionsOf(r.partnerId)) {
			if (!s.cancelled && r.description.includes(s.id)) {
				s.cancelled = true;
				s.autoRenew = false;
				s.lastModifiedDate = now;
			}
		}
	}
	return ok(core.serviceRequestView(r));
}

const LOCALE = '(?<locale>[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*)';
const ID = '(?<id>[^/]+)';
const BENEFIT = '(?<benefitId>[^/]+)';

function route(method: string, path: string, handler: (ctx: PublicContext) => Answer, auth: false): Route;
function route(method: string, path: string, handler: (ctx: AuthedContext) => Answer, action?: Action): Route;
function route(method: string, path: string, handler: (ctx: never) => Answer, auth: false | Action | undefined = undefined): Route {
	const pattern = new RegExp(`^${path}$`);
	return auth !== false
		? { method, pattern, auth: true, handler: handler as (ctx: AuthedContext) => Answer, action: auth }
		: { method, pattern, auth: false, handler: handler as (ctx: PublicContext) => Answer };
}

/** Order matters: literal paths before `{id}` patterns. */
export const ROUTES: Route[] = [
	route('POST', '/v1/auth/signin', signIn, false),
	route('POST', '/v1/auth/signout', signOut, false),
	route('GET', '/v1/me', me),
	route('GET', '/v1/offers', offers),
	route('GET', '/v1/subscriptions', listSubscriptions),
	route('PATCH', `/v1/subscriptions/${ID}`, patchSubscription, 'autoRenewOff'),
	route('GET', '/v1/benefits', listBenefitActivations),
	route('GET', `/v1/subscriptions/${ID}/benefits`, listSubscriptionBenefits),
	route('GET', `/v1/subscriptions/${ID}/benefits/${BENEFIT}/activation`, getBenefitActivation),
	route('POST', `/v1/subscriptions/${ID}/benefits/${BENEFIT}/activation`, activateBenefit, 'activateBenefit'),
	route('PATCH', `/v1/subscriptions/${ID}/benefits/${BENEFIT}/activation`, assignBenefit, 'assignBenefit'),
	route('GET', '/v1/paymentmethods', listPaymentMethods),
	route('POST', '/v1/paymentmethods', addPaymentMethod, 'buy'),
	route('DELETE', `/v1/paymentmethods/${ID}`, deletePaymentMethod, 'buy'),
	route('POST', '/v1/orders', placeOrder, 'buy'),
	route('GET', '/v1/orders', listOrders),
	route('GET', `/v1/orders/${ID}`, getOrder),
	route('GET', '/v1/invoices', listInvoices),
	route('GET', `/v1/invoices/${ID}`, getInvoice),
	route('GET', '/v1/servicerequests/supporttopics', supportTopics),
	route('GET', '/v1/servicerequests', listServiceRequests),
	route('POST', `/v1/servicerequests/${LOCALE}`, createServiceRequest, 'fileSupport'),
	route('GET', `/v1/servicerequests/${ID}`, getServiceRequest),
	route('PATCH', `/v1/servicerequests/${ID}`, addNote, 'fileSupport')
];

export function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | { allowed: string[] } | null {
	const allowed: string[] = [];
	for (const r of ROUTES) {
		const m = r.pattern.exec(path);
		if (!m) continue;
		if (r.method === method) {
			const params: Record<string, string> = {};
			for (const [k, val] of Object.entries(m.groups ?? {})) params[k] = decodeURIComponent(val);
			return { route: r, params };
		}
		allowed.push(r.method);
	}
	return allowed.length > 0 ? { allowed } : null;
}
