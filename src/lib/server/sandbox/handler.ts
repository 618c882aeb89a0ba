/**
 * The request pipeline: faults → route → auth → request id → write → store → answer.
 *
 * The order is the contract: a 503 fault happens before anything (a retry must be able to
 * succeed); the answer to a write is stored before it is sent (a lost answer is replayed, never
 * re-executed); a dropped answer is dropped after the commit, as a real network would.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fingerprintOf, type SandboxCore } from './core.ts';
import { handleControl } from './controls.ts';
import { delay, malformedBody, pick, roll } from './faults.ts';
import * as v from 'valibot';
import { BatchRequest, FIXED_MESSAGES } from '../../api/schemas.ts';
import {
	canonicalJson,
	hasBody,
	header,
	isCrossOrigin,
	isJsonContentType,
	issuesToErrors,
	problem,
	readJsonBody,
	hungUp,
	send,
	toWire,
	validationProblem,
	type Answer,
	type ParsedBody,
	type WireAnswer
} from './http.ts';
import { forbidden, matchRoute } from './routes.ts';
import { can } from '../../domain/membership.ts';

export type Next = (err?: unknown) => void;

export interface HandlerOptions {
	/**
	 * Serve the test controls under /__sandbox. Off unless asked for: they need no sign-in and
	 * can read every partner's data, so a server a person starts must not expose them.
	 */
	controls?: boolean;
}

/**
 * No CORS headers at all: the app and its API share one origin, and a wildcard would let
 * any page the partner visits read the answers.
 */
const NO_CORS: Record<string, string> = { 'x-content-type-options': 'nosniff' };

/** The sandbox path of a request, with the /api mount stripped if it is still there. */
export function sandboxPath(url: string | undefined): string {
	let path: string;
	try {
		path = new URL(url ?? '/', 'http://sandbox.invalid').pathname;
	} catch {
		return '/';
	}
	if (path === '/api' || path.startsWith('/api/')) path = path.slice(4) || '/';
	if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
	return path;
}

function badBody(body: ParsedBody & { ok: false }): Answer {
	switch (body.reason) {
		case 'size':
			return problem(413, 'payload_too_large', 'The body is larger than 1 MB.');
		case 'depth':
			return validationProblem([{ field: '', message: 'The body is nested too deeply' }], 'The body is nested too deeply.');
		case 'utf8':
			return validationProblem([{ field: '', message: 'The body is not valid UTF-8' }], 'The body is not valid UTF-8.');
		case 'json':
		case 'aborted': // never sent: the handler hangs up on it first
			return validationProblem([{ field: '', message: 'The body is not valid JSON' }], 'The body is not valid JSON.');
	}
}

const unsupportedType = (): Answer => problem(415, 'unsupported_media_type', 'Send the body as application/json.');
const crossOrigin = (): Answer => problem(403, 'forbidden_origin', 'Requests from another origin are refused.');
const badPath = (): Answer => problem(400, 'bad_path', 'The path has a malformed %-escape.');

/** A path whose %-escapes all decode; a malformed one would throw in every later decode. */
function pathDecodes(path: string): boolean {
	try {
		decodeURIComponent(path);
		return true;
	} catch {
		return false;
	}
}

function bearer(req: IncomingMessage): string | undefined {
	const auth = header(req, 'authorization');
	const m = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
	return m ? m[1] : undefined;
}

export function createHandler(
	core: SandboxCore,
	options: HandlerOptions = {}
): (req: IncomingMessage, res: ServerResponse, next?: Next) => void {
	return (req, res, next) => {
		const api = sandboxPath(req.url).startsWith('/v1');
		if (api) core.busy++;
		dispatch(core, options, req, res, next)
			.finally(() => {
				if (api) core.busy--;
			})
			.catch(() => {
			// A bug must not hang the client: answer 500 if we still can, else cut the line.
				if (!res.headersSent) send(res, toWire(problem(500, 'unavailable', 'The sandbox failed.')), NO_CORS);
				else res.destroy();
			});
	};
}

async function dispatch(core: SandboxCore, options: HandlerOptions, req: IncomingMessage, res: ServerResponse, next?: Next): Promise<void> {
	const path = sandboxPath(req.url);
	const isV1 = path === '/v1' || path.startsWith('/v1/');
	const isControl = path === '/__sandbox' || path.startsWith('/__sandbox/');
	if (!isV1 && !isControl) {
		if (next) return next();
		return send(res, toWire(problem(404, 'not_found', 'Nothing here.')), NO_CORS);
	}
	// Closed controls do not exist at all: same answer as any unknown path.
	if (isControl && !options.controls) return send(res, toWire(problem(404, 'not_found', 'Nothing here.')), NO_CORS);

	const method = (req.method ?? 'GET').toUpperCase();
	const extra: Record<string, string> = { ...NO_CORS };
	const correlationId = header(req, 'ms-correlationid');
	if (correlationId && correlationId.length <= 200) extra['ms-correlationid'] = correlationId;
	if (!pathDecodes(path)) return send(res, toWire(badPath()), extra);
	// Before anything else: a page of another site may reach this server (a form post, a
	// no-cors fetch), and must not make it do anything.
	if (isCrossOrigin(req)) return send(res, toWire(crossOrigin()), extra);
	if (method === 'OPTIONS') return send(res, { status: 204, body: null, headers: { allow: 'GET, POST, PUT, PATCH, DELETE' } }, extra);

	if (isControl) {
		// JSON only, bodies or not: a simple (no-preflight) cross-site request cannot say so.
		if (!isJsonContentType(req)) return send(res, toWire(unsupportedType()), extra);
		const body = await readJsonBody(req);
		if (hungUp(body)) return void res.destroy();
		return send(res, toWire(body.ok ? handleControl(core, method, path, body.value) : badBody(body)), extra);
	}

	const isWrite = method !== 'GET' && method !== 'HEAD';
	const keyed = isWrite && !path.startsWith('/v1/auth/');
	if (keyed) core.data.writeRequests += 1;

	const faults = core.faults;
	if (faults.latencyMs[1] > 0) await delay(pick(faults.latencyMs));
	if (roll(faults.failRate)) {
		return send(res, toWire(problem(503, 'unavailable', 'Injected fault: try again later.')), { ...extra, 'retry-after': '1' });
	}
	if (!isWrite && roll(faults.malformedRate)) {
		return send(res, toWire({ status: 200, body: malformedBody(path) }), extra);
	}

	let match: ReturnType<typeof matchRoute>;
	try {
		match = path === '/v1/$batch' && method === 'POST' ? { route: BATCH_ROUTE, params: {} } : matchRoute(method, path);
	} catch {
		match = null; // a malformed %-escape in the path
	}
	if (!match) return send(res, toWire(problem(404, 'not_found', 'No such endpoint.')), extra);
	if (!('route' in match)) {
		const answer = problem(405, 'not_found', 'This method is not allowed here.');
		return send(res, toWire({ ...answer, headers: { allow: match.allowed.join(', ') } }), extra);
	}
	const { route, params } = match;
	const token = bearer(req);
	// A body in any other type is refused unread: text/plain is how a cross-site form or a
	// no-preflight fetch would smuggle JSON in.
	const wrongType = isWrite && hasBody(req) && !isJsonContentType(req);
	const readBody = async (): Promise<ParsedBody> => (isWrite ? readJsonBody(req) : { ok: true, value: undefined, raw: '' });

	if (!route.auth) {
		if (wrongType) return send(res, toWire(unsupportedType()), extra);
		const body = await readBody();
		if (hungUp(body)) return void res.destroy();
		const client = req.socket?.remoteAddress ?? '';
		return send(res, toWire(body.ok ? route.handler({ core, body: body.value, params, token, client }) : badBody(body)), extra);
	}

	const user = core.userByToken(token);
	if (!user) return send(res, toWire(problem(401, 'unauthenticated', 'Sign in and send the token as a Bearer token.')), extra);

	if (!keyed) {
		const partner = core.partner(user.partnerId);
		const query = new URL(req.url ?? '/', 'http://sandbox.invalid').searchParams;
		return send(res, toWire(route.handler({ core, body: undefined, params, token, user, partner, requestId: '', query })), extra);
	}

	// The role before anything about the body (runWrite checks again for batch items).
	if (route.action && !can(user.role, route.action)) return send(res, toWire(forbidden(route.action)), extra);
	if (wrongType) return send(res, toWire(unsupportedType()), extra);
	const body = await readBody();
	if (hungUp(body)) return void res.destroy();
	// Too large: answer now and hang up (send() closes on 413); nothing was read to fingerprint.
	if (!body.ok && body.reason === 'size') return send(res, toWire(badBody(body)), extra);

	const requestId = header(req, 'ms-requestid');
	if (route === BATCH_ROUTE) {
		if (!requestId) return send(res, toWire(problem(400, 'missing_request_id', 'Send an MS-RequestId header with every write.')), extra);
		const answer = body.ok ? await runBatch(core, token, user, body.value) : toWire(badBody(body));
		if (answer.status < 300 && roll(faults.dropAfterCommitRate)) {
			res.destroy();
			return;
		}
		return send(res, answer, extra);
	}

	const result = await runWrite(core, { method, path, route, params, body, token, user, requestId });
	if (result.requestId) extra['ms-requestid'] = result.requestId;
	// A committed answer, first or replayed, can be lost on the way back.
	if (result.committed && roll(faults.dropAfterCommitRate)) {
		res.destroy();
		return;
	}
	send(res, result.wire, { ...extra, ...result.headers });
}

interface WriteInput {
	method: string;
	path: string;
	route: Extract<NonNullable<ReturnType<typeof matchRoute>>, { route: unknown }>['route'];
	params: Record<string, string>;
	body: ParsedBody;
	token: string | undefined;
	user: NonNullable<ReturnType<SandboxCore['userByToken']>>;
	requestId: string | undefined;
}

/**
 * One keyed write: request id → claim → execute → store. Shared by single requests and by each
 * item of a batch, so both get exactly the same idempotency (a batch item retried alone, or a
 * single request retried inside a batch, replays the same stored answer).
 */
async function runWrite(
	core: SandboxCore,
	w: WriteInput
): Promise<{ wire: WireAnswer; headers?: Record<string, string>; committed: boolean; requestId?: string }> {
	const { requestId } = w;
	// The role first: a role that may not act gets 403, never a 400 about its body nor a
	// replay of someone else's stored answer.
	const action = w.route.auth ? w.route.action : undefined;
	if (action && !can(w.user.role, action)) return { wire: toWire(forbidden(action)), committed: false };
	if (!requestId) return { wire: toWire(problem(400, 'missing_request_id', 'Send an MS-RequestId header with every write.')), committed: false };
	if (requestId.length > 200) {
		return { wire: toWire(validationProblem([{ field: 'MS-RequestId', message: 'At most 200 characters' }])), committed: false };
	}
	const partner = core.partner(w.user.partnerId);
	// Keys are scoped to the partner and the user: replaying another user's request id must
	// not hand over that user's answer (or let a plain user reuse an admin's write).
	const scope = `${partner.id}\u0000${w.user.id}`;
	const canonical = w.body.ok ? canonicalJson(w.body.value) : `raw:${w.body.raw}`;
	const fingerprint = fingerprintOf(w.method, w.path, canonical);
	const claim = core.idempotency.claim(scope, requestId, fingerprint, core.today());
	switch (claim.kind) {
		case 'replay':
			return { wire: claim.answer, headers: { 'idempotent-replayed': 'true' }, committed: true, requestId };
		case 'conflict':
			return {
				wire: toWire(problem(422, 'request_id_reused', 'This MS-RequestId was already used for a different request.')),
				committed: false,
				requestId
			};
		case 'in_progress':
			return {
				wire: toWire(problem(409, 'request_in_progress', 'The first request with this MS-RequestId is still being processed.')),
				headers: { 'retry-after': '1' },
				committed: false,
				requestId
			};
		case 'new':
			break;
	}

	const faults = core.faults;
	if (faults.processingMs[1] > 0) await delay(pick(faults.processingMs));
	let answer: Answer;
	try {
		answer = w.body.ok
			? w.route.handler({ core, body: w.body.value, params: w.params, token: w.token, user: w.user, partner, requestId })
			: badBody(w.body as ParsedBody & { ok: false });
	} catch (err) {
		core.idempotency.release(scope, requestId);
		throw err;
	}
	const wire = toWire(answer);
	if (wire.status >= 500) {
		core.idempotency.release(scope, requestId);
		return { wire, committed: false, requestId };
	}
	core.idempotency.complete(scope, requestId, wire);
	core.dirty = true;
	return { wire, committed: true, requestId };
}

/** Marker route: POST /v1/$batch is dispatched here, not through ROUTES' handlers. */
const BATCH_ROUTE = { auth: true } as unknown as WriteInput['route'];

/**
 * POST /v1/$batch (the shape of Microsoft Graph's JSON batching). Each item is an ordinary
 * keyed write whose MS-RequestId travels in the item's headers. Items run in order; the
 * envelope itself stores nothing, so retrying a batch, whole or split, is always safe.
 */
async function runBatch(
	core: SandboxCore,
	token: string | undefined,
	user: WriteInput['user'],
	value: unknown
): Promise<WireAnswer> {
	const parsed = v.safeParse(BatchRequest, value, FIXED_MESSAGES);
	if (!parsed.success) return toWire(validationProblem(issuesToErrors(parsed.issues)));
	// Answers are matched to items by id: two items with one id could not both be answered.
	const ids = new Set<string>();
	for (const item of parsed.output.requests) {
		if (ids.has(item.id)) return toWire(problem(400, 'duplicate_batch_id', 'Each item of a batch needs its own id.'));
		ids.add(item.id);
	}
	// Each item's answer is already JSON (the idempotency store keeps it so, for replays): the
	// envelope is written around those strings rather than parsing and serializing them again,
	// which was a third of a thousand-item batch's time.
	const responses: string[] = [];
	const respond = (id: string, wire: WireAnswer, headers?: Record<string, string>) =>
		responses.push(
			`{"id":${JSON.stringify(id)},"status":${wire.status}${headers ? `,"headers":${JSON.stringify(headers)}` : ''}${wire.body === null ? '' : `,"body":${wire.body}`}}`
		);
	const answerItem = (id: string, answer: Answer) => respond(id, toWire(answer));
	for (const item of parsed.output.requests) {
		core.data.writeRequests += 1;
		if (!pathDecodes(item.url)) {
			answerItem(item.id, badPath());
			continue;
		}
		const path = sandboxPath(item.url);
		let match: ReturnType<typeof matchRoute> = null;
		try {
			match = matchRoute(item.method, path);
		} catch {
			match = null;
		}
		if (!match || !('route' in match) || !match.route.auth || path.startsWith('/v1/auth/')) {
			answerItem(item.id, problem(404, 'not_found', 'No such endpoint.'));
			continue;
		}
		const requestId = Object.entries(item.headers ?? {}).find(([k]) => k.toLowerCase() === 'ms-requestid')?.[1];
		// `raw` is read only for a body that did not parse, which an item's never is.
		const body: ParsedBody = { ok: true, value: item.body, raw: '' };
		let r: Awaited<ReturnType<typeof runWrite>>;
		try {
			r = await runWrite(core, { method: item.method, path, route: match.route, params: match.params, body, token, user, requestId });
		} catch {
			// Earlier items are committed: the batch must still answer each of them, so this
			// item alone gets the 500 (its key was released: a retry of it may succeed).
			answerItem(item.id, problem(500, 'unavailable', 'This item failed in the sandbox; retry it.'));
			continue;
		}
		respond(item.id, r.wire, r.headers);
	}
	return { status: 200, body: `{"responses":[${responses.join(',')}]}`, headers: { 'content-type': 'application/json; charset=utf-8' } };
}
