/**
 * The one IndexedDB database. It is the UI's single source of truth: pages read it through
 * liveQuery (src/lib/db/queries.ts); the sync engine is the only code that writes server
 * answers into it; user actions write their local effect and an outbox entry together.
 *
 * Versions are numbered and only ever added: a phone may open this build with a database
 * made by any earlier one, with writes still waiting in the outbox.
 */
import Dexie, { type EntityTable } from 'dexie';
import type {
	BenefitActivation,
	Invoice,
	Me,
	Offer,
	Order,
	PaymentMethod,
	ServiceRequest,
	Subscription,
	SupportTopic
} from '$lib/api/schemas';
import type { SupportFormInput } from '$lib/domain/support-form';

export interface SessionRow extends Me {
	key: 'current';
	token: string;
	signedInAt: string;
}

export type SyncState = 'pending' | 'sending' | 'failed' | 'done';

/**
 * A write waiting for the server. `id` is the MS-RequestId of every attempt, fixed at creation,
 * which is what makes a replay harmless: the server answers a known id with its first answer.
 */
export interface OutboxEntry {
	id: string;
	/** Monotonic creation order; entries sharing a `group` are sent in this order. */
	seq: number;
	/**
	 * Who made the write. Request ids are scoped on the server to the partner (and user), so an
	 * entry may only ever travel with its own user's token: another user's session never sends it.
	 */
	userId: string;
	partnerId: string;
	kind: 'serviceRequest.create' | 'serviceRequest.note' | 'subscription.autoRenewOff' | 'order.place' | 'benefit.activate';
	method: 'POST' | 'PATCH' | 'DELETE';
	path: string;
	body: unknown;
	/** Entries of one group depend on each other (a note on a request not yet filed). */
	group: string;
	/** The local row this write belongs to, e.g. a service request's localId. */
	target: string;
	state: SyncState;
	/** Attempts so far, recorded before each one is sent (another context must know it may have landed). */
	attempts: number;
	/** Wall-clock ms of the first attempt: the server keeps a request id for a limited time from then. */
	firstAttemptAt?: number;
	/** Wall-clock ms of the latest attempt, and how long to wait after it (see sync/retry.ts). */
	lastAttemptAt?: number;
	retryAfterMs?: number;
	/** 2xx answers in a row that broke the contract; a replay returns the same bytes, so this stops. */
	unreadable?: number;
	createdAt: string;
	lastError?: EntryError;
}

export interface EntryError {
	status?: number;
	code?: string;
	message: string;
	/** The fields a refusal named, in the API's terms (`primaryContact.email`): the form maps them. */
	fields?: string[];
}

/** A service request as the user sees it: the server's copy, or a local draft waiting to sync. */
export interface LocalServiceRequest extends Partial<ServiceRequest> {
	localId: string;
	serverId?: string;
	title: string;
	description: string;
	severity: ServiceRequest['severity'];
	supportTopicId: string;
	primaryContact: ServiceRequest['primaryContact'];
	status: ServiceRequest['status'];
	createdDate: string;
	lastModifiedDate: string;
	notes: ServiceRequest['notes'];
	history: ServiceRequest['history'];
	/** Notes written here and not yet acknowledged by the server. */
	pendingNotes: { requestId: string; text: string; createdDate: string }[];
	syncState: SyncState;
	/** Open or Closed, as the list filters them: indexed with createdDate, so a page of the list is one range read. */
	bucket: RequestBucket;
}

export type RequestBucket = 'open' | 'closed';
export const bucketOf = (status: ServiceRequest['status']): RequestBucket => (status === 'closed' ? 'closed' : 'open');

/**
 * A wizard in progress: the XState persisted snapshot, saved on every step so that a draft
 * survives a reload, a closed tab and a day offline. Never holds a card number or code.
 */
export interface DraftRow {
	id: string;
	kind: 'checkout';
	mode: 'purchase' | 'renew';
	subscriptionId?: string;
	snapshot: unknown;
	updatedAt: string;
}

/**
 * The New request form in progress (flow E), kept as typed so that leaving the page, a reload
 * or a closed tab loses nothing. `id` names the form: `serviceRequest:new`, or
 * `serviceRequest:cancel:{subscriptionId}` for the pre-filled cancellation.
 */
export interface ServiceRequestDraftRow {
	id: string;
	kind: 'serviceRequest';
	form: SupportFormInput;
	updatedAt: string;
}

/** Every row of the drafts table; `kind` tells them apart (same table, no new version). */
export type AnyDraftRow = DraftRow | ServiceRequestDraftRow;

/**
 * A benefit activation: the server's copy, or a local one (id `benefit:{subscriptionId}:{benefitId}`)
 * while its outbox entry waits (`syncState` pending) or after the server refused it (failed).
 */
export interface LocalBenefitActivation extends BenefitActivation {
	syncState?: 'pending' | 'failed';
}

/** The local id of an activation queued here: also its outbox entry's target. */
export const localActivationId = (subscriptionId: string, benefitId: string) => `benefit:${subscriptionId}:${benefitId}`;

/**
 * The outbox target of an assignment of a benefit (a Global admin naming the person who uses
 * it). It names the subscription and benefit, not an activation row: the row's id changes from
 * the local one to the server's when the activation lands, and no row has this id, so the
 * engine's bookkeeping for activation rows leaves assignments alone.
 */
export const localAssignmentId = (subscriptionId: string, benefitId: string) => `assign:${subscriptionId}:${benefitId}`;

export interface MetaRow {
	key: string;
	value: unknown;
}

// Dexie turns on its debug mode (a console task per operation, for async stack traces) on any
// page served from localhost or 127.0.0.1, which `npm start`, the tests and the bench all are.
// Users never run it, so a production build never does either: it would slow every write.
if (!import.meta.env.DEV) Dexie.debug = false;

export class PartnerDB extends Dexie {
	session!: EntityTable<SessionRow, 'key'>;
	offers!: EntityTable<Offer, 'id'>;
	subscriptions!: EntityTable<Subscription, 'id'>;
	supportTopics!: EntityTable<SupportTopic, 'id'>;
	serviceRequests!: EntityTable<LocalServiceRequest, 'localId'>;
	outbox!: EntityTable<OutboxEntry, 'id'>;
	paymentMethods!: EntityTable<PaymentMethod, 'id'>;
	orders!: EntityTable<Order, 'id'>;
	invoices!: EntityTable<Invoice, 'id'>;
	drafts!: EntityTable<AnyDraftRow, 'id'>;
	meta!: EntityTable<MetaRow, 'key'>;
	benefitActivations!: EntityTable<LocalBenefitActivation, 'id'>;

	constructor(name = 'partner-membership') {
		super(name);
		this.version(1).stores({
			session: 'key',
			offers: 'id',
			subscriptions: 'id, offerId',
			supportTopics: 'id',
			serviceRequests: 'localId, &serverId, status, createdDate',
			outbox: 'id, seq, state, group, target',
			paymentMethods: 'id',
			orders: 'id, subscriptionId',
			invoices: 'id, orderId',
			drafts: 'id, kind',
			meta: 'key'
		});
		// v2: entries carry their user and partner; backoff is "wait this long after the last
		// attempt" instead of an absolute due time, so a wall clock set back cannot strand them.
		this.version(2)
			.stores({ outbox: 'id, seq, state, group, target, userId' })
			.upgrade(async (tx) => {
				const session = (await tx.table('session').get('current')) as SessionRow | undefined;
				await tx
					.table('outbox')
					.toCollection()
					.modify((e: OutboxEntry & { nextAttemptAt?: number }) => {
						e.userId ??= session?.user.id ?? '';
						e.partnerId ??= session?.partner.id ?? '';
						delete e.nextAttemptAt;
						if (e.state === 'sending') e.state = 'pending';
					});
			});
		// v3: benefit activations (flow G).
		this.version(3).stores({ benefitActivations: 'id, subscriptionId, benefitId' });
		// v4: the requests list reads one screen at a time, newest first within Open or Closed. The
		// status and createdDate indexes go: nothing reads them, and every row written (a flush of
		// a thousand requests writes a thousand) paid for keeping them.
		this.version(4)
			.stores({ serviceRequests: 'localId, &serverId, [bucket+createdDate]' })
			.upgrade((tx) =>
				tx
					.table('serviceRequests')
					.toCollection()
					.modify((r: LocalServiceRequest) => {
						r.bucket = bucketOf(r.status);
					})
			);
	}
}

let instance: PartnerDB | undefined;

/** The app's database, opened lazily so that importing this module costs nothing. */
export function getDb(): PartnerDB {
	instance ??= new PartnerDB();
	return instance;
}
