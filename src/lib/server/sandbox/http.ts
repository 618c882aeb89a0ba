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
	unavailable: 'The service is unavailable'
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
	res.writeHead(wire.status, headers);
	res.end(wire.body ?? undefined);
}

/** Valibot issues → [{field, message}], field as a dot path ('primaryContact.email'). */
export function issuesToErrors(issues: readonly v.BaseIssue<unknown>[]): FieldError[] {
	return issues.map((issue) => ({ field: v.getDotPath(issue) ?? '', message: issue.message }));
}

export type ParsedBody = { ok: true; value: unknown; raw: string } | { ok: false; raw: string; reason: 'json' | 'size' };

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads and parses a JSON body; an empty body parses as undefined. */
export async function readJsonBody(req: IncomingMessage): Promise<ParsedBody> {
	const chunks: Buffer[] = [];
	let size = 0;
	let tooBig = false;
	for await (const chunk of req) {
		const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
		size += buf.length;
		// Keep draining so the client sees an answer, not a reset connection.
		if (size > MAX_BODY_BYTES) tooBig = true;
		else chunks.push(buf);
	}
	const raw = Buffer.concat(chunks).toString('utf8');
	if (tooBig) return { ok: false, raw: '', reason: 'size' };
	if (raw.trim() === '') return { ok: true, value: undefined, raw };
	try {
		return { ok: true, value: JSON.parse(raw) as unknown, raw };
	} catch {
		return { ok: false, raw, reason: 'json' };
	}
}

/** JSON with object keys sorted, so a fingerprint does not depend on key order. */
export function canonicalJson(value: unknown): string {
	if (value === undefined) return '';
	return JSON.stringify(value, (_key, val: unknown) => {
		if (val && typeof val === 'object' && !Array.isArray(val)) {
			const sorted: Record<string, unknown> = {};
			for (const k of Object.keys(val as Record<string, unknown>).sort()) {
				sorted[k] = (val as Record<string, unknown>)[k];
			}
			return sorted;
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
