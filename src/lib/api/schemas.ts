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

export const IsoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a YYYY-MM-DD date'));
export const IsoInstant = v.pipe(v.string(), v.isoTimestamp());

export const Role = v.picklist(['global_admin', 'mpn_admin', 'account_admin', 'user']);
export type Role = v.InferOutput<typeof Role>;

export const CompetencyLevel = v.picklist(['silver', 'gold']);

export const Competency = v.object({
	id: v.string(),
	name: v.string(),
	level: CompetencyLevel,
	since: IsoDate
});
export type Competency = v.InferOutput<typeof Competency>;

export const Partner = v.object({
	id: v.string(),
	name: v.string(),
	country: v.string(),
	currency: v.string(),
	networkMember: v.boolean(),
	networkMemberSince: v.nullable(IsoDate),
	competencies: v.array(Competency)
});
export type Partner = v.InferOutput<typeof Partner>;

export const User = v.object({
	id: v.string(),
	email: v.string(),
	displayName: v.string(),
	role: Role,
	partnerId: v.string()
});
export type User = v.InferOutput<typeof User>;

/** Sign-in body. Trimmed and checked the same way on both sides. */
export const SignInBody = v.object({
	email: v.pipe(v.string(), v.trim(), v.email('Enter a valid email address')),
	password: v.pipe(v.string(), v.minLength(1, 'Enter your password'))
});
export type SignInBody = v.InferOutput<typeof SignInBody>;

export const Me = v.object({ user: User, partner: Partner });
export type Me = v.InferOutput<typeof Me>;

export const Session = v.object({ token: v.string(), user: User, partner: Partner });
export type Session = v.InferOutput<typeof Session>;

export const Money = v.object({
	currency: v.string(),
	amount: v.number(),
	taxRate: v.number(),
	tax: v.number(),
	total: v.number()
});
export type Money = v.InferOutput<typeof Money>;

export const BenefitKind = v.picklist(['software', 'assign', 'contact']);

export const BenefitDefinition = v.object({
	id: v.string(),
	kind: BenefitKind,
	quantity: v.number(),
	/** English name; the UI translates by id. */
	name: v.string()
});
export type BenefitDefinition = v.InferOutput<typeof BenefitDefinition>;

export const Terms = v.object({
	version: v.string(),
	title: v.string(),
	url: v.string(),
	summary: v.string()
});
export type Terms = v.InferOutput<typeof Terms>;

export const Offer = v.object({
	id: v.string(),
	name: v.string(),
	description: v.string(),
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
	id: v.string(),
	partnerId: v.string(),
	offerId: v.string(),
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
	holderName: v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter the cardholder name'), v.maxLength(100))
});
export type CardInput = v.InferOutput<typeof CardInput>;

export const PaymentMethod = v.object({
	id: v.string(),
	brand: v.string(),
	last4: v.pipe(v.string(), v.regex(/^\d{4}$/)),
	expMonth: v.number(),
	expYear: v.number(),
	holderName: v.string()
});
export type PaymentMethod = v.InferOutput<typeof PaymentMethod>;

export const PaymentMethodList = v.object({ items: v.array(PaymentMethod) });

// ---- Orders and invoices (issue 4) ------------------------------------------------------

export const OrderKind = v.picklist(['purchase', 'renew']);

export const OrderBody = v.object({
	/** Client-made id: orders are deduplicated by it as well as by MS-RequestId. */
	orderId: v.pipe(v.string(), v.minLength(8), v.maxLength(64)),
	kind: OrderKind,
	offerId: v.string(),
	subscriptionId: v.optional(v.string()),
	paymentMethodId: v.string(),
	termsVersion: v.string(),
	termsAccepted: v.literal(true)
});
export type OrderBody = v.InferOutput<typeof OrderBody>;

export const InvoiceLine = v.object({
	description: v.string(),
	quantity: v.number(),
	unitPrice: v.number(),
	amount: v.number()
});

export const Invoice = v.object({
	id: v.string(),
	number: v.string(),
	orderId: v.string(),
	date: IsoDate,
	partnerName: v.string(),
	currency: v.string(),
	lines: v.array(InvoiceLine),
	subtotal: v.number(),
	tax: v.number(),
	total: v.number(),
	paymentBrand: v.string(),
	paymentLast4: v.string()
});
export type Invoice = v.InferOutput<typeof Invoice>;

export const Order = v.object({
	id: v.string(),
	kind: OrderKind,
	offerId: v.string(),
	subscriptionId: v.string(),
	status: v.picklist(['confirmed']),
	placedDate: IsoDate,
	currency: v.string(),
	amount: v.number(),
	tax: v.number(),
	total: v.number(),
	termsVersion: v.string(),
	paymentBrand: v.string(),
	paymentLast4: v.string(),
	invoiceId: v.string()
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

export const SupportTopic = v.object({ id: v.string(), name: v.string(), description: v.string() });
export type SupportTopic = v.InferOutput<typeof SupportTopic>;
export const SupportTopicList = v.object({ items: v.array(SupportTopic) });

export const Contact = v.object({
	name: v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter a contact name'), v.maxLength(100)),
	email: v.pipe(v.string(), v.trim(), v.email('Enter a valid email address')),
	phone: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(40)))
});
export type Contact = v.InferOutput<typeof Contact>;

export const ServiceRequestBody = v.object({
	title: v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter a title'), v.maxLength(200, 'Keep the title under 200 characters')),
	description: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(10, 'Describe the problem in at least 10 characters'),
		v.maxLength(5000, 'Keep the description under 5000 characters')
	),
	severity: Severity,
	supportTopicId: v.pipe(v.string(), v.minLength(1, 'Choose a problem type')),
	primaryContact: Contact
});
export type ServiceRequestBody = v.InferOutput<typeof ServiceRequestBody>;

export const Note = v.object({ text: v.string(), createdByName: v.string(), createdDate: IsoInstant });
export type Note = v.InferOutput<typeof Note>;

export const HistoryEntry = v.object({ status: ServiceRequestStatus, date: IsoInstant, by: v.string() });

export const ServiceRequest = v.object({
	id: v.string(),
	title: v.string(),
	description: v.string(),
	severity: Severity,
	supportTopicId: v.string(),
	supportTopicName: v.string(),
	status: ServiceRequestStatus,
	primaryContact: Contact,
	notes: v.array(Note),
	history: v.array(HistoryEntry),
	createdDate: IsoInstant,
	lastModifiedDate: IsoInstant
});
export type ServiceRequest = v.InferOutput<typeof ServiceRequest>;
export const ServiceRequestList = v.object({ items: v.array(ServiceRequest) });

export const NotePatch = v.object({
	newNote: v.object({
		text: v.pipe(v.string(), v.trim(), v.minLength(1, 'Write a note'), v.maxLength(2000))
	})
});

// ---- Errors --------------------------------------------------------------------------------

/** RFC 9457 problem details; `errors` names the fields that failed validation. */
export const Problem = v.object({
	type: v.optional(v.string()),
	title: v.string(),
	status: v.number(),
	detail: v.optional(v.string()),
	code: v.optional(v.string()),
	errors: v.optional(v.array(v.object({ field: v.string(), message: v.string() })))
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
	| 'duplicate_batch_id';

// ---- JSON batching (the shape of Microsoft Graph's $batch) ------------------------------

/**
 * POST /v1/$batch: up to 250 writes in one round trip (a thousand queued writes are four).
 * Each item is an ordinary write with its own MS-RequestId header, applied and stored exactly
 * as if it had come alone, so an item can be retried alone or in another batch and still
 * applies once.
 */
export const BATCH_MAX = 250;

export const BatchRequest = v.object({
	requests: v.pipe(
		v.array(
			v.object({
				id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
				method: v.picklist(['POST', 'PATCH', 'PUT', 'DELETE']),
				url: v.pipe(v.string(), v.startsWith('/v1/')),
				headers: v.optional(v.record(v.string(), v.string())),
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
			id: v.string(),
			status: v.number(),
			headers: v.optional(v.record(v.string(), v.string())),
			body: v.optional(v.unknown())
		})
	)
});
export type BatchResponse = v.InferOutput<typeof BatchResponse>;
