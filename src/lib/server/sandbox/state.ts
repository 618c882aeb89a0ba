/**
 * Everything the sandbox remembers. Plain data in memory: a reset replaces it wholesale, and
 * the ledger endpoint shows it, so tests can check what really happened (one charge, not two).
 *
 * Card numbers and security codes never get here: a payment method keeps display fields and
 * one private flag, and charges keep the last 4 digits.
 */
import type {
	Assignee,
	Competency,
	Contact,
	HistoryEntry,
	Invoice,
	Note,
	Order,
	OrderResult,
	Partner,
	Role,
	Severity,
	ServiceRequestStatus,
	User
} from '../../api/schemas.ts';
import type * as v from 'valibot';
import type { IsoDate } from '../../domain/dates.ts';

export interface PartnerRecord extends Partner {
	competencies: Competency[];
}

export interface UserRecord extends User {
	role: Role;
	password: string;
}

export interface SubscriptionRecord {
	id: string;
	partnerId: string;
	offerId: string;
	startDate: IsoDate;
	endDate: IsoDate;
	autoRenew: boolean;
	cancelled: boolean;
	softwareBenefitActivated: boolean;
	lastModifiedDate: string;
}

export interface PaymentMethodRecord {
	id: string;
	partnerId: string;
	brand: string;
	last4: string;
	expMonth: number;
	expYear: number;
	holderName: string;
	/** The sandbox's stand-in for the issuer's answer; the number itself is gone. */
	declines: boolean;
}

export interface OrderRecord extends Order {
	partnerId: string;
	requestId: string;
	/** The answer the first placement gave: a second placement of the same orderId gets it. */
	result: OrderResult;
}

export interface InvoiceRecord extends Invoice {
	partnerId: string;
}

export interface ChargeRecord {
	requestId: string;
	orderId: string;
	partnerId: string;
	amount: number;
	currency: string;
	last4: string;
	date: IsoDate;
}

/** Every try at a card, declined ones too: a charge with its outcome. */
export interface PaymentAttemptRecord extends ChargeRecord {
	outcome: 'charged' | 'declined';
}

export interface ServiceRequestRecord {
	id: string;
	partnerId: string;
	title: string;
	description: string;
	severity: Severity;
	supportTopicId: string;
	supportTopicName: string;
	status: ServiceRequestStatus;
	primaryContact: Contact;
	notes: Note[];
	history: HistoryEntryRecord[];
	createdDate: string;
	lastModifiedDate: string;
	/** When it last changed, on the data's change counter (`requestChanges`): what `since` compares. */
	changeSeq: number;
}

export type HistoryEntryRecord = v.InferOutput<typeof HistoryEntry>;

export interface BenefitActivationRecord {
	id: string;
	partnerId: string;
	subscriptionId: string;
	benefitId: string;
	/** Stored status only: `expired` is read from the subscription's dates (core.ts). */
	status: 'pending' | 'active';
	/** The sandbox's day it was asked for: a later sandbox day finishes a pending one. */
	activatedDate: IsoDate;
	/** Real time (core.clock) it was asked for: a pending one finishes ACTIVATION_MS later. */
	requestedAtMs: number;
	assignee: Assignee | null;
	contact: Contact | null;
	/** Made when asked for, so they never change between reads; shown only once active. */
	productKeys: string[];
	requestId: string;
	lastModifiedDate: string;
}

export interface SandboxData {
	partners: PartnerRecord[];
	users: UserRecord[];
	subscriptions: SubscriptionRecord[];
	paymentMethods: PaymentMethodRecord[];
	orders: OrderRecord[];
	invoices: InvoiceRecord[];
	charges: ChargeRecord[];
	paymentAttempts: PaymentAttemptRecord[];
	serviceRequests: ServiceRequestRecord[];
	benefitActivations: BenefitActivationRecord[];
	/** Every write that reached the handler under /v1 (sign-in aside), replays included. */
	writeRequests: number;
	invoiceSeq: number;
	serviceRequestSeq: number;
	/**
	 * Service-request changes so far, and this data's own name: a list's sync token is
	 * `<changesEpoch>.<requestChanges>`, so a token from before a reset is never taken for one
	 * of this data (the counter starts again).
	 */
	requestChanges: number;
	changesEpoch: string;
}

export function emptyData(): SandboxData {
	return {
		partners: [],
		users: [],
		subscriptions: [],
		paymentMethods: [],
		orders: [],
		invoices: [],
		charges: [],
		paymentAttempts: [],
		serviceRequests: [],
		benefitActivations: [],
		writeRequests: 0,
		invoiceSeq: 0,
		serviceRequestSeq: 0,
		requestChanges: 0,
		changesEpoch: Math.random().toString(36).slice(2, 10)
	};
}
