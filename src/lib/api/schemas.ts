/**
 * The HTTP contract between the app and Partner Center (or the sandbox that stands in for it).
 * One set of valibot schemas: the client parses every answer with them, and the sandbox
 * validates every request body with them, so the two cannot drift apart.
 *
 * Calendar dates are `YYYY-MM-DD` strings, never instants: a renewal date must not move when
 * the phone changes time zone. Money is a number in the currency's major unit (475.2 USD,
 * 560000 KRW), rounded to the currency's minor digits by the domain rules.
 */
import * as v from 'valibot';
import { isIsoDate } from '../domain/dates.ts';
import { hasControlCharacters, hasVisibleText } from '../domain/text.ts';

// ---- Limits and text rules (issue 10) -------------------------------------------------------

/** Length caps, the same in the form and in the API. */
export const MAX_LENGTH = {
	id: 200,
	title: 200,
	description: 5000,
	note: 2000,
	name: 100,
	email: 254,
	phone: 40,
	password: 1000,
	/** Any other string in an answer. */
	text: 5000
} as const;

/** Any string on the wire: capped, so no field can carry megabytes. */
const Str = v.pipe(v.string(), v.maxLength(MAX_LENGTH.text, `At most ${MAX_LENGTH.text} characters`));
const capped = (max: number) => v.pipe(v.string(), v.maxLength(max, `At most ${max} characters`));

/**
 * Text a person typed: trimmed, capped, no control characters (NUL included), and something
 * visible (not only zero-width or blank characters).
 */
function typedText(max: number, emptyMessage: string, tooLongMessage = `At most ${max} characters`, minLength = 1) {
	return v.pipe(
		v.string(),
		v.trim(),
		v.maxLength(max, tooLongMessage),
		v.check((s: string) => !hasControlCharacters(s), 'Remove control characters'),
		// One check, one message: empty counts as invisible, so this is also "required".
		v.check((s: string) => s.length >= minLength && hasVisibleText(s), emptyMessage)
	);
}

/**
 * A valibot config whose messages never quote the received value (valibot's defaults do:
 * "Invalid format: Expected … but received "4242…""). Pass it to parse/safeParse wherever the
 * messages may be shown, stored or sent back; schema-specific messages still win over it.
 */
export const FIXED_MESSAGES: v.Config<v.BaseIssue<unknown>> = { message: fixedMessage };

export function fixedMessage(issue: v.BaseIssue<unknown>): string {
	switch (issue.type) {
		case 'max_length':
			return `At most ${String(issue.requirement)} characters`;
		case 'min_length':
			return 'Too short';
		case 'max_value':
		case 'min_value':
			return 'Out of range';
		case 'email':
			return 'Enter a valid email address';
		case 'integer':
			return 'Expected a whole number';
		case 'regex':
		case 'iso_timestamp':
			return 'Invalid format';
		case 'strict_object':
			return 'Unknown field';
		case 'check':
			return 'Invalid value';
		default:
			// Schema issues: `expected` comes from the schema (e.g. "string"), never from the input.
			return issue.kind === 'schema' ? `Expected ${issue.expected ?? 'another value'}` : 'Invalid value';
	}
}

export const IsoDate = v.pipe(
	v.string(),
	v.regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a YYYY-MM-DD date'),
	// A real day on the calendar: 2026-02-30 has the right shape and no existence.
	v.check(isIsoDate, 'Not a calendar date')
);
export const IsoInstant = v.pipe(v.string(), v.isoTimestamp('Expected an ISO timestamp'));

export const Role = v.picklist(['global_admin', 'mpn_admin', 'account_admin', 'user']);
export type Role = v.InferOutput<typeof Role>;

export const CompetencyLevel = v.picklist(['silver', 'gold']);

export const Competency = v.object({
	id: Str,
	name: Str,
	level: CompetencyLevel,
	since: IsoDate
});
export type Competency = v.InferOutput<typeof Competency>;

export const Partner = v.object({
	id: Str,
	name: Str,
	country: Str,
	currency: Str,
	networkMember: v.boolean(),
	networkMemberSince: v.nullable(IsoDate),
	competencies: v.array(Competency)
});
export type Partner = v.InferOutput<typeof Partner>;

export const User = v.object({
	id: Str,
	email: Str,
	displayName: Str,
	role: Role,
	partnerId: Str
});
export type User = v.InferOutput<typeof User>;

/** Sign-in body. Trimmed and checked the same way on both sides. */
export const SignInBody = v.object({
	email: v.pipe(v.string(), v.trim(), v.maxLength(MAX_LENGTH.email), v.email('Enter a valid email address')),
	password: v.pipe(
		v.string(),
		v.minLength(1, 'Enter your password'),
		v.maxLength(MAX_LENGTH.password),
		v.check((s: string) => !s.includes('\u0000'), 'Remove control characters')
	)
});
export type SignInBody = v.InferOutput<typeof SignInBody>;

export const Me = v.object({ user: User, partner: Partner });
export type Me = v.InferOutput<typeof Me>;

export const Session = v.object({ token: Str, user: User, partner: Partner });
export type Session = v.InferOutput<typeof Session>;

export const Money = v.object({
	currency: Str,
	amount: v.number(),
	taxRate: v.number(),
	tax: v.number(),
	total: v.number()
});
export type Money = v.InferOutput<typeof Money>;

export const BenefitKind = v.picklist(['software', 'assign', 'contact']);

export const BenefitDefinition = v.object({
	id: Str,
	kind: BenefitKind,
	quantity: v.number(),
	/** English name; the UI translates by id. */
	name: Str
});
export type BenefitDefinition = v.InferOutput<typeof BenefitDefinition>;

export const Terms = v.object({
	version: Str,
	title: Str,
	url: Str,
	summary: Str
});
export type Terms = v.InferOutput<typeof Terms>;

export const Offer = v.object({
	id: Str,
	name: Str,
	description: Str,
	termMonths: v.number(),
	price: Money,
	benefits: v.array(BenefitDefinition),
	terms: Terms,
	/** Only network members may buy; the server says so per partner. */
	requiresNetworkMembership: v.boolean()
});
export type Offer = v.InferOutput<typeof Offer>;

export const OfferList = v.object({ items: v.array(Offer) });

export const SubscriptionStatus = v.picklist(['active', 'expired', 'cancelled']);

export const Subscription = v.object({
	id: Str,
	partnerId: Str,
	offerId: Str,
	status: SubscriptionStatus,
	/** Purchase date: the anniversary on which it renews each year. */
	startDate: IsoDate,
	endDate: IsoDate,
	autoRenew: v.boolean(),
	renewableFrom: IsoDate,
	renewableUntil: IsoDate,
	/** Last day a cancellation is refundable, or null when it no longer can be. */
	refundableUntil: v.nullable(IsoDate),
	lastModifiedDate: IsoInstant
});
export type Subscription = v.InferOutput<typeof Subscription>;

export const SubscriptionList = v.object({ items: v.array(Subscription) });

/** Auto-renew can only be turned off by this call; renewing turns it on again. */
export const SubscriptionPatch = v.object({ autoRenew: v.literal(false) });

// ---- Payment methods (issue 4) ----------------------------------------------------------

/** The only body that ever carries a card number. Sent once; never stored by the app. */
export const CardInput = v.object({
	cardNumber: v.pipe(v.string(), v.regex(/^\d{12,19}$/, 'Enter the card number')),
	expMonth: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)),
	expYear: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
	securityCode: v.pipe(v.string(), v.regex(/^\d{3,4}$/, 'Enter the security code')),
	holderName: typedText(MAX_LENGTH.name, 'Enter the cardholder name')
});
export type CardInput = v.InferOutput<typeof CardInput>;

const Last4 = v.pipe(v.string(), v.regex(/^\d{4}$/, 'Expected 4 digits'));

export const PaymentMethod = v.object({
	id: Str,
	brand: Str,
	last4: Last4,
	// Display fields are checked by format: an answer that smuggles more than the last 4 digits,
	// or anything else, into them is refused, never stored.
	expMonth: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)),
	expYear: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
	holderName: Str
});
export type PaymentMethod = v.InferOutput<typeof PaymentMethod>;

export const PaymentMethodList = v.object({ items: v.array(PaymentMethod) });

// ---- Orders and invoices (issue 4) ------------------------------------------------------

export const OrderKind = v.picklist(['purchase', 'renew']);

export const OrderBody = v.object({
	/** Client-made id: orders are deduplicated by it as well as by MS-RequestId. */
	orderId: v.pipe(v.string(), v.minLength(8), v.maxLength(64), v.check((s: string) => !hasControlCharacters(s), 'Invalid value')),
	kind: OrderKind,
	offerId: capped(MAX_LENGTH.id),
	subscriptionId: v.optional(capped(MAX_LENGTH.id)),
	paymentMethodId: capped(MAX_LENGTH.id),
	termsVersion: capped(MAX_LENGTH.id),
	termsAccepted: v.literal(true)
});
export type OrderBody = v.InferOutput<typeof OrderBody>;

export const InvoiceLine = v.object({
	description: Str,
	quantity: v.number(),
	unitPrice: v.number(),
	amount: v.number()
});

export const Invoice = v.object({
	id: Str,
	number: Str,
	orderId: Str,
	date: IsoDate,
	partnerName: Str,
	currency: Str,
	lines: v.array(InvoiceLine),
	subtotal: v.number(),
	tax: v.number(),
	total: v.number(),
	paymentBrand: Str,
	paymentLast4: Last4
});
export type Invoice = v.InferOutput<typeof Invoice>;

export const Order = v.object({
	id: Str,
	kind: OrderKind,
	offerId: Str,
	subscriptionId: Str,
	status: v.picklist(['confirmed']),
	placedDate: IsoDate,
	currency: Str,
	amount: v.number(),
	tax: v.number(),
	total: v.number(),
	termsVersion: Str,
	paymentBrand: Str,
	paymentLast4: Last4,
	invoiceId: Str
});
export type Order = v.InferOutput<typeof Order>;

export const OrderResult = v.object({ order: Order, subscription: Subscription, invoice: Invoice });
export type OrderResult = v.InferOutput<typeof OrderResult>;

export const OrderList = v.object({ items: v.array(Order) });
export const InvoiceList = v.object({ items: v.array(Invoice) });

// ---- Service requests (issue 3), shaped like Partner Center's ----------------------------

export const Severity = v.picklist(['minimal', 'moderate', 'critical']);
export type Severity = v.InferOutput<typeof Severity>;

export const ServiceRequestStatus = v.picklist(['open', 'closed', 'attention_needed']);
export type ServiceRequestStatus = v.InferOutput<typeof ServiceRequestStatus>;

export const SupportTopic = v.object({ id: Str, name: Str, description: Str });
export type SupportTopic = v.InferOutput<typeof SupportTopic>;
export const SupportTopicList = v.object({ items: v.array(SupportTopic) });

export const Contact = v.object({
	name: typedText(MAX_LENGTH.name, 'Enter a contact name'),
	email: v.pipe(v.string(), v.trim(), v.maxLength(MAX_LENGTH.email), v.email('Enter a valid email address')),
	phone: v.optional(
		v.pipe(v.string(), v.trim(), v.maxLength(MAX_LENGTH.phone), v.check((s: string) => !hasControlCharacters(s), 'Remove control characters'))
	)
});
export type Contact = v.InferOutput<typeof Contact>;

export const ServiceRequestBody = v.object({
	title: typedText(MAX_LENGTH.title, 'Enter a title', 'Keep the title under 200 characters'),
	description: typedText(
		MAX_LENGTH.description,
		'Describe the problem in at least 10 characters',
		'Keep the description under 5000 characters',
		10
	),
	severity: Severity,
	supportTopicId: v.pipe(v.string(), v.minLength(1, 'Choose a problem type'), v.maxLength(MAX_LENGTH.id)),
	primaryContact: Contact
});
export type ServiceRequestBody = v.InferOutput<typeof ServiceRequestBody>;

export const Note = v.object({ text: Str, createdByName: Str, createdDate: IsoInstant });
export type Note = v.InferOutput<typeof Note>;

export const HistoryEntry = v.object({ status: ServiceRequestStatus, date: IsoInstant, by: Str });

export const ServiceRequest = v.object({
	id: Str,
	title: Str,
	description: Str,
	severity: Severity,
	supportTopicId: Str,
	supportTopicName: Str,
	status: ServiceRequestStatus,
	primaryContact: Contact,
	notes: v.array(Note),
	history: v.array(HistoryEntry),
	createdDate: IsoInstant,
	lastModifiedDate: IsoInstant
});
export type ServiceRequest = v.InferOutput<typeof ServiceRequest>;
/**
 * `syncToken` goes back as `?since=` on the next list; `delta: true` means `items` are only the
 * requests changed since that token (none are ever deleted), otherwise they are all of them.
 */
export const ServiceRequestList = v.object({ items: v.array(ServiceRequest), syncToken: v.optional(v.string()), delta: v.optional(v.boolean()) });
export type ServiceRequestList = v.InferOutput<typeof ServiceRequestList>;

export const NotePatch = v.object({
	newNote: v.object({
		text: typedText(MAX_LENGTH.note, 'Write a note')
	})
});

// ---- Benefit activations (issue 9, flow G) ------------------------------------------------

/** A person a benefit is assigned to (a license or seat user; the Azure credit's owner). */
export const Assignee = v.object({
	name: typedText(MAX_LENGTH.name, 'Enter a name'),
	email: v.pipe(v.string(), v.trim(), v.maxLength(MAX_LENGTH.email), v.email('Enter a valid email address'))
});
export type Assignee = v.InferOutput<typeof Assignee>;

/** `expired` is never stored: it reads so once the subscription has ended without renewal. */
export const BenefitActivationStatus = v.picklist(['pending', 'active', 'expired']);
export type BenefitActivationStatus = v.InferOutput<typeof BenefitActivationStatus>;

export const BenefitActivation = v.object({
	id: Str,
	subscriptionId: Str,
	benefitId: Str,
	status: BenefitActivationStatus,
	/** The day it was asked for. */
	activatedDate: IsoDate,
	/** The subscription's end date: benefits stop with it (and move with a renewal). */
	expiresOn: IsoDate,
	assignee: v.optional(Assignee),
	contact: v.optional(Contact),
	/** Software benefits only, and only once active. */
	productKeys: v.optional(v.pipe(v.array(capped(100)), v.maxLength(100))),
	lastModifiedDate: IsoInstant
});
export type BenefitActivation = v.InferOutput<typeof BenefitActivation>;

export const BenefitActivationList = v.object({ items: v.array(BenefitActivation) });

/**
 * POST /v1/subscriptions/{id}/benefits/{benefitId}/activation. An online service needs a
 * contact (or an assignee); only a Global admin may name an assignee. `{}` is a valid body.
 */
export const BenefitActivationBody = v.object({
	contact: v.optional(Contact),
	assignee: v.optional(Assignee)
});
export type BenefitActivationBody = v.InferOutput<typeof BenefitActivationBody>;

/** PATCH /v1/subscriptions/{id}/benefits/{benefitId}/activation (Global admin only). */
export const BenefitAssignBody = v.object({ assignee: Assignee });
export type BenefitAssignBody = v.InferOutput<typeof BenefitAssignBody>;

// ---- Errors --------------------------------------------------------------------------------

/** RFC 9457 problem details; `errors` names the fields that failed validation. */
export const Problem = v.object({
	type: v.optional(Str),
	title: Str,
	status: v.number(),
	detail: v.optional(Str),
	code: v.optional(Str),
	errors: v.optional(v.array(v.object({ field: Str, message: Str })))
});
export type Problem = v.InferOutput<typeof Problem>;

/** Stable machine-readable codes in `Problem.code`; the UI translates them. */
export type ProblemCode =
	| 'validation'
	| 'unauthenticated'
	| 'bad_credentials'
	| 'forbidden_role'
	| 'not_network_member'
	| 'already_subscribed'
	| 'outside_renewal_window'
	| 'auto_renew_on_requires_renewal'
	| 'card_declined'
	| 'missing_request_id'
	| 'request_id_reused'
	| 'request_in_progress'
	| 'not_found'
	| 'unavailable'
	// Hardening (issue 10): transport-level refusals and closed requests.
	| 'bad_path'
	| 'forbidden_origin'
	| 'unsupported_media_type'
	| 'payload_too_large'
	| 'too_many_requests'
	| 'request_closed'
	| 'duplicate_batch_id'
	// Benefits (issue 9).
	| 'benefit_already_activated'
	| 'benefit_not_activated'
	| 'subscription_not_active';

// ---- JSON batching (the shape of Microsoft Graph's $batch) ------------------------------

/**
 * POST /v1/$batch: up to 1,000 writes in one round trip (a thousand queued writes are one).
 * Each item is an ordinary write with its own MS-RequestId header, applied and stored exactly
 * as if it had come alone, so an item can be retried alone or in another batch and still
 * applies once.
 */
export const BATCH_MAX = 1000;
/** What a client puts in one batch at most: the server refuses bodies over 1 MB (413). */
export const BATCH_BYTES = 512 * 1024;

export const BatchRequest = v.object({
	requests: v.pipe(
		v.array(
			v.object({
				id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
				method: v.picklist(['POST', 'PATCH', 'PUT', 'DELETE']),
				url: v.pipe(v.string(), v.startsWith('/v1/'), v.maxLength(2048)),
				headers: v.optional(v.record(capped(100), capped(1000))),
				body: v.optional(v.unknown())
			})
		),
		v.maxLength(BATCH_MAX, `At most ${BATCH_MAX} requests per batch`)
	)
});
export type BatchRequest = v.InferOutput<typeof BatchRequest>;

export const BatchResponse = v.object({
	responses: v.array(
		v.object({
			id: Str,
			status: v.number(),
			headers: v.optional(v.record(capped(100), capped(1000))),
			body: v.optional(v.unknown())
		})
	)
});
export type BatchResponse = v.InferOutput<typeof BatchResponse>;
