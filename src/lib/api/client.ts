/**
 * Typed client of the Partner Center contract. Only the sync engine and the actions in
 * src/lib/actions use it; components never do. Every answer is parsed with the shared schemas,
 * so a server that breaks the contract surfaces as an ApiError of kind 'schema', never as a
 * crash further down.
 */
import * as v from 'valibot';
import {
	BatchResponse,
	CardInput,
	InvoiceList,
	Me,
	OfferList,
	OrderBody,
	OrderList,
	OrderResult,
	PaymentMethod,
	PaymentMethodList,
	Problem,
	ServiceRequest,
	ServiceRequestList,
	Session,
	SubscriptionList,
	Subscription,
	SupportTopicList,
	type BatchRequest,
	type SignInBody
} from './schemas';

export type ApiErrorKind = 'network' | 'http' | 'schema';

export class ApiError extends Error {
	constructor(
		readonly kind: ApiErrorKind,
		message: string,
		readonly status?: number,
		readonly problem?: Problem
	) {
		super(message);
		this.name = 'ApiError';
	}

	get code(): string | undefined {
		return this.problem?.code;
	}

	/**
	 * Whether trying again later may succeed: no answer at all, 5xx, 408 and 429. A 409 means
	 * the first attempt with this request id is still being processed, so it is retried too.
	 * Any other 4xx is the server's final word.
	 */
	get retryable(): boolean {
		if (this.kind === 'network' || this.kind === 'schema') return true;
		const s = this.status ?? 0;
		return s >= 500 || s === 408 || s === 429 || s === 409;
	}
}

export interface ClientOptions {
	baseUrl: string;
	getToken?: () => string | undefined | Promise<string | undefined>;
	fetch?: typeof fetch;
}

export interface WriteOptions {
	/** The MS-RequestId: the same on every retry of one write. */
	requestId: string;
}

function newId(): string {
	return crypto.randomUUID();
}

export function createApiClient(options: ClientOptions) {
	const base = options.baseUrl.replace(/\/$/, '');
	const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

	async function request<S extends v.GenericSchema>(
		schema: S | null,
		method: string,
		path: string,
		body?: unknown,
		write?: WriteOptions
	): Promise<v.InferOutput<S>> {
		const headers: Record<string, string> = {
			accept: 'application/json',
			'MS-CorrelationId': newId()
		};
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (write) headers['MS-RequestId'] = write.requestId;
		const token = await options.getToken?.();
		if (token) headers.authorization = `Bearer ${token}`;

		let res: Response;
		try {
			res = await doFetch(base + path, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
				cache: 'no-store'
			});
		} catch (e) {
			throw new ApiError('network', e instanceof Error ? e.message : 'Network error');
		}

		let json: unknown = undefined;
		const text = await res.text().catch(() => '');
		if (text) {
			try {
				json = JSON.parse(text);
			} catch {
				if (res.ok) throw new ApiError('schema', 'The server sent an answer that is not JSON', res.status);
			}
		}
		if (!res.ok) {
			const parsed = v.safeParse(Problem, json);
			const problem = parsed.success
				? parsed.output
				: { title: res.statusText || 'Request failed', status: res.status };
			throw new ApiError('http', problem.detail ?? problem.title, res.status, problem);
		}
		if (!schema) return undefined as v.InferOutput<S>;
		const parsed = v.safeParse(schema, json);
		if (!parsed.success) {
			throw new ApiError('schema', `Unexpected answer from ${method} ${path}: ${v.summarize(parsed.issues)}`, res.status);
		}
		return parsed.output;
	}

	return {
		signIn: (body: SignInBody) => request(Session, 'POST', '/v1/auth/signin', body),
		signOut: () => request(null, 'POST', '/v1/auth/signout'),
		me: () => request(Me, 'GET', '/v1/me'),
		offers: () => request(OfferList, 'GET', '/v1/offers'),
		subscriptions: () => request(SubscriptionList, 'GET', '/v1/subscriptions'),
		turnOffAutoRenew: (id: string, w: WriteOptions) =>
			request(Subscription, 'PATCH', `/v1/subscriptions/${encodeURIComponent(id)}`, { autoRenew: false }, w),
		supportTopics: () => request(SupportTopicList, 'GET', '/v1/servicerequests/supporttopics'),
		serviceRequests: () => request(ServiceRequestList, 'GET', '/v1/servicerequests'),
		serviceRequest: (id: string) => request(ServiceRequest, 'GET', `/v1/servicerequests/${encodeURIComponent(id)}`),
		paymentMethods: () => request(PaymentMethodList, 'GET', '/v1/paymentmethods'),
		addPaymentMethod: (card: CardInput, w: WriteOptions) => request(PaymentMethod, 'POST', '/v1/paymentmethods', card, w),
		removePaymentMethod: (id: string, w: WriteOptions) =>
			request(null, 'DELETE', `/v1/paymentmethods/${encodeURIComponent(id)}`, undefined, w),
		placeOrder: (body: OrderBody, w: WriteOptions) => request(OrderResult, 'POST', '/v1/orders', body, w),
		orders: () => request(OrderList, 'GET', '/v1/orders'),
		invoices: () => request(InvoiceList, 'GET', '/v1/invoices'),
		/** Many outbox entries in one round trip; each item carries its own MS-RequestId. */
		batch: (requests: BatchRequest['requests'], w: WriteOptions) => request(BatchResponse, 'POST', '/v1/$batch', { requests }, w),
		/** Outbox replay: the entry carries its own method, path and body. */
		send: (method: string, path: string, body: unknown, w: WriteOptions) => request(v.unknown(), method, path, body, w)
	};
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Where the API lives. One setting points a deployment at another backend. */
export const API_BASE: string = import.meta.env.VITE_API_BASE ?? '/api';
