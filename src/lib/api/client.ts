/**
 * Typed client of the Partner Center contract. Only the sync engine and the actions in
 * src/lib/actions use it; components never do. Every answer is parsed with the shared schemas,
 * so a server that breaks the contract surfaces as an ApiError of kind 'schema', never as a
 * crash further down.
 */
import * as v from 'valibot';
import {
	BatchResponse,
	BenefitActivation,
	BenefitActivationList,
	type BenefitActivationBody,
	type BenefitAssignBody,
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

	get retryable(): boolean {
		return this.kind === 'network' || this.kind === 'schema' || isRetryable(this.status ?? 0, this.code);
	}
}

/**
 * The one rule for "may trying again later succeed?": 5xx, 408 and 429; and a 409 only when
 * the first attempt with this request id is still being processed. Every other answer is the
 * server's final word, a 409 like `already_subscribed` included: it is stored under the
 * request id and would come back the same on every retry.
 */
export function isRetryable(status: number, code?: string): boolean {
	if (status >= 500 || status === 408 || status === 429) return true;
	return status === 409 && code === 'request_in_progress';
}

/** Field paths only: a message kept or shown must never quote what the server sent. */
function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
	const paths = [...new Set(issues.map((i) => v.getDotPath(i) ?? '(root)'))].slice(0, 5);
	return `fields ${paths.join(', ')}`;
}

export interface ClientOptions {
	baseUrl: string;
	/** For calls made without `as(token)`: pages read the current session's token. */
	getToken?: () => string | undefined | Promise<string | undefined>;
	fetch?: typeof fetch;
	/** Every call gives up after this long: one hung request must not wedge a flush. */
	timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;

interface CallContext {
	token?: string;
	signal?: AbortSignal;
}

export interface WriteOptions {
	/** The MS-RequestId: the same on every retry of one write. */
	requestId: string;
}

function newId(): string {
	return crypto.randomUUID();
}

export function createApiClient(options: ClientOptions) {
	const calls = (ctx: CallContext) => apiCalls(options, ctx);
	return {
		...calls({}),
		/** The same calls, bound to one session's token (and an optional abort signal). */
		as: (token: string, signal?: AbortSignal) => calls({ token, signal })
	};
}

function apiCalls(options: ClientOptions, ctx: CallContext) {
	const base = options.baseUrl.replace(/\/$/, '');
	const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

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
		const token = ctx.token ?? (await options.getToken?.());
		if (token) headers.authorization = `Bearer ${token}`;

		// One controller for the timeout and the caller's signal (AbortSignal.any is too new for
		// the Safari versions partners still carry).
		const abort = new AbortController();
		const timer = setTimeout(() => abort.abort(), timeoutMs);
		const onAbort = () => abort.abort();
		ctx.signal?.addEventListener('abort', onAbort);
		if (ctx.signal?.aborted) abort.abort();
		let res: Response;
		let text: string;
		try {
			res = await doFetch(base + path, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
				cache: 'no-store',
				signal: abort.signal
			});
			text = await res.text();
		} catch (e) {
			throw new ApiError('network', abort.signal.aborted ? 'No answer in time' : e instanceof Error ? e.message : 'Network error');
		} finally {
			clearTimeout(timer);
			ctx.signal?.removeEventListener('abort', onAbort);
		}

		let json: unknown = undefined;
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
			throw new ApiError('schema', `Unexpected answer from ${method} ${path}: ${describeIssues(parsed.issues)}`, res.status);
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
		serviceRequests: (since?: string) =>
			request(ServiceRequestList, 'GET', since ? `/v1/servicerequests?since=${encodeURIComponent(since)}` : '/v1/servicerequests'),
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
		benefitActivations: () => request(BenefitActivationList, 'GET', '/v1/benefits'),
		/** Activation is a write like any other: the UI queues it in the outbox (body always `{}` or more). */
		activateBenefit: (subscriptionId: string, benefitId: string, body: BenefitActivationBody, w: WriteOptions) =>
			request(BenefitActivation, 'POST', `${benefitPath(subscriptionId, benefitId)}`, body, w),
		assignBenefit: (subscriptionId: string, benefitId: string, body: BenefitAssignBody, w: WriteOptions) =>
			request(BenefitActivation, 'PATCH', `${benefitPath(subscriptionId, benefitId)}`, body, w),
		/** Outbox replay: the entry carries its own method, path and body. */
		send: (method: string, path: string, body: unknown, w: WriteOptions) => request(v.unknown(), method, path, body, w)
	};
}

const benefitPath = (subscriptionId: string, benefitId: string) =>
	`/v1/subscriptions/${encodeURIComponent(subscriptionId)}/benefits/${encodeURIComponent(benefitId)}/activation`;

export type ApiClient = ReturnType<typeof createApiClient>;
/** A client bound to one session: what the sync engine sends a flush's entries with. */
export type SessionClient = ReturnType<typeof apiCalls>;

/** Where the API lives. One setting points a deployment at another backend. */
export const API_BASE: string = import.meta.env.VITE_API_BASE ?? '/api';
