/**
 * HTTP plumbing for the sandbox: answers are plain values until the very end, so the
 * idempotency store can keep exactly the bytes that were (or would have been) sent.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import type { ProblemCode } from '../../api/schemas.ts';

export interface Answer {
	status: number;
	/** Serialised once; undefined means no body (204). */
	body?: unknown;
	headers?: Record<string, string>;
	/** Problem answers use application/problem+json. */
	problem?: boolean;
}

/** An answer in the form it is sent and stored: a replay must be byte-identical. */
export interface WireAnswer {
	status: number;
	body: string | null;
	headers: Record<string, string>;
}

export interface FieldError {
	field: string;
	message: string;
}

const TITLES: Record<ProblemCode, string> = {
	validation: 'The request is not valid',
	unauthenticated: 'Sign in first',
	bad_credentials: 'Wrong email or password',
	forbidden_role: 'Your role does not allow this',
	not_network_member: 'Only network members can upgrade',
	already_subscribed: 'An Action Pack subscription is already active',
	outside_renewal_window: 'The subscription cannot be renewed today',
	auto_renew_on_requires_renewal: 'Auto-renew can only be turned on by renewing',
	card_declined: 'The card was declined',
	missing_request_id: 'MS-RequestId header is required',
	request_id_reused: 'This request id was used for another request',
	request_in_progress: 'A request with this id is still being processed',
	not_found: 'Not found',
	unavailable: 'The service is unavailable',
	bad_path: 'The path is not valid',
	forbidden_origin: 'Requests from another site are refused',
	unsupported_media_type: 'Send JSON (application/json)',
	payload_too_large: 'The body is too large',
	too_many_requests: 'Too many attempts',
	request_closed: 'This request is closed',
	duplicate_batch_id: 'Two batch items share one id',
	benefit_already_activated: 'This benefit is already activated',
	benefit_not_activated: 'This benefit is not activated yet',
	subscription_not_active: 'The subscription is not active'
};

export function problem(status: number, code: ProblemCode, detail?: string, errors?: FieldError[]): Answer {
	const body: Record<string, unknown> = {
		type: `https://partner-sandbox.invalid/problems/${code}`,
		title: TITLES[code],
		status,
		code
	};
	if (detail !== undefined) body.detail = detail;
	if (errors !== undefined) body.errors = errors;
	return { status, body, problem: true };
}

export function validationProblem(errors: FieldError[], detail = 'Some fields are not valid.'): Answer {
	return problem(400, 'validation', detail, errors);
}

export function ok(body: unknown, status = 200, headers?: Record<string, string>): Answer {
	return { status, body, headers };
}

export const noContent = (): Answer => ({ status: 204 });

export function toWire(answer: Answer): WireAnswer {
	const headers: Record<string, string> = { ...(answer.headers ?? {}) };
	let body: string | null = null;
	if (answer.body !== undefined) {
		body = JSON.stringify(answer.body);
		headers['content-type'] = answer.problem
			? 'application/problem+json; charset=utf-8'
			: 'application/json; charset=utf-8';
	}
	return { status: answer.status, body, headers };
}

export function send(res: ServerResponse, wire: WireAnswer, extra: Record<string, string> = {}): void {
	if (res.headersSent || res.destroyed) return;
	const headers: Record<string, string | number> = { ...wire.headers, ...extra, 'cache-control': 'no-store' };
	if (wire.body !== null) headers['content-length'] = Buffer.byteLength(wire.body);
	// An unread body (413) cannot be skipped on a kept-alive connection: answer, then hang up.
	const close = wire.status === 413;
	if (close) headers.connection = 'close';
	res.writeHead(wire.status, headers);
	res.end(wire.body ?? undefined);
	if (close) {
		// Half-close after the answer and give the client a moment to read it: destroying at
		// once, with its body still arriving, makes the kernel send a reset that can wipe the
		// answer out of the client's buffer before it is read.
		const socket = res.socket;
		res.once('finish', () => {
			socket?.end();
			setTimeout(() => socket?.destroy(), 1000).unref();
		});
	}
}

/** Valibot issues → [{field, message}], field as a dot path ('primaryContact.email'). */
export function issuesToErrors(issues: readonly v.BaseIssue<unknown>[]): FieldError[] {
	// The path is made of the body's keys: cap it, so an odd key cannot carry much back.
	const seen = new Set<string>();
	const errors: FieldError[] = [];
	for (const issue of issues) {
		const error = { field: (v.getDotPath(issue) ?? '').slice(0, 100), message: issue.message };
		// Two checks may say the same thing about one field (empty is also "invisible").
		const key = `${error.field}\u0000${error.message}`;
		if (!seen.has(key)) errors.push(error);
		seen.add(key);
	}
	return errors;
}

export type ParsedBody =
	| { ok: true; value: unknown; raw: string }
	| { ok: false; raw: string; reason: 'json' | 'size' | 'depth' | 'utf8' | 'aborted' };

/** The client hung up before its body was whole: no answer can reach it, and nothing may run. */
export const hungUp = (body: ParsedBody): boolean => !body.ok && body.reason === 'aborted';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Deeper JSON than any real body; bounds every recursive walk (canonicalJson, valibot). */
export const MAX_JSON_DEPTH = 32;

/**
 * Reads and parses a JSON body; an empty body parses as undefined.
 *
 * A body over MAX_BODY_BYTES is not read to its end: reading stops at the limit and the
 * caller answers 413 and closes the connection (see send()), so a client cannot make the
 * server buffer or even drain gigabytes.
 */
export function readJsonBody(req: IncomingMessage): Promise<ParsedBody> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let done = false;
		const finish = (result: ParsedBody) => {
			if (done) return;
			done = true;
			req.off('data', onData);
			req.off('end', onEnd);
			req.off('error', onError);
			req.off('close', onClose);
			resolve(result);
		};
		const onData = (chunk: Buffer | string) => {
			const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += buf.length;
			if (size > MAX_BODY_BYTES) {
				req.pause();
				finish({ ok: false, raw: '', reason: 'size' });
				return;
			}
			chunks.push(buf);
		};
		const onEnd = () => finish(parseJson(Buffer.concat(chunks)));
		// A client that hangs up mid-body gets no answer anyway. Without 'close' (and the check
		// below for one that hung up before we listened), its request would wait for an 'end'
		// that never comes. It must not be answered as bad JSON either: that answer would be
		// stored under its request id, and the client's whole retry would then be refused as
		// a different request (422 request_id_reused) although its first attempt never arrived.
		const onError = () => finish({ ok: false, raw: '', reason: 'aborted' });
		const onClose = () => finish({ ok: false, raw: '', reason: 'aborted' });
		const declared = Number(req.headers['content-length']);
		if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
			finish({ ok: false, raw: '', reason: 'size' });
			return;
		}
		if (req.destroyed) {
			finish({ ok: false, raw: '', reason: 'aborted' });
			return;
		}
		req.on('data', onData);
		req.on('end', onEnd);
		req.on('error', onError);
		req.on('close', onClose);
	});
}

export function parseJson(bytes: Buffer): ParsedBody {
	let raw: string;
	try {
		raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return { ok: false, raw: '', reason: 'utf8' };
	}
	if (raw.trim() === '') return { ok: true, value: undefined, raw };
	if (jsonDepth(raw) > MAX_JSON_DEPTH) return { ok: false, raw, reason: 'depth' };
	try {
		return { ok: true, value: JSON.parse(raw) as unknown, raw };
	} catch {
		return { ok: false, raw, reason: 'json' };
	}
}

/** Deepest bracket nesting in a JSON text, found by a flat scan (no recursion to exhaust). */
export function jsonDepth(text: string): number {
	let depth = 0;
	let max = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c) i++; // backslash: skip the escaped character
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x7b || c === 0x5b) {
			depth++;
			if (depth > max) max = depth;
		} else if (c === 0x7d || c === 0x5d) depth--;
	}
	return max;
}

/** True when a request carries a body (a declared length above 0, or a chunked body). */
export function hasBody(req: IncomingMessage): boolean {
	const len = req.headers['content-length'];
	if (len !== undefined) return Number(len) > 0;
	return req.headers['transfer-encoding'] !== undefined;
}

/** `application/json`, with or without parameters such as charset. */
export function isJsonContentType(req: IncomingMessage): boolean {
	const type = header(req, 'content-type');
	return !!type && type.split(';')[0].trim().toLowerCase() === 'application/json';
}

/**
 * True when the request names an Origin other than its own host: a page of another site.
 * Node and curl send no Origin, and a same-origin fetch sends its own, so both pass.
 */
export function isCrossOrigin(req: IncomingMessage): boolean {
	const origin = header(req, 'origin');
	if (origin === undefined) return false;
	const host = header(req, 'host');
	if (!host) return true;
	try {
		return new URL(origin).host.toLowerCase() !== host.toLowerCase();
	} catch {
		return true; // "null" (sandboxed frames, file:) and anything unparsable
	}
}

/** JSON with object keys sorted, so a fingerprint does not depend on key order. */
export function canonicalJson(value: unknown): string {
	if (value === undefined) return '';
	return JSON.stringify(value, (_key, val: unknown) => {
		if (val && typeof val === 'object' && !Array.isArray(val)) {
			// fromEntries defines own properties: a "__proto__" key stays a key (an assignment
			// would set the prototype and drop it from the fingerprint).
			const obj = val as Record<string, unknown>;
			return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k]]));
		}
		return val;
	});
}

export function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	const trimmed = first?.trim();
	return trimmed ? trimmed : undefined;
}
