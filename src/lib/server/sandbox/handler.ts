/**
 * The request pipeline: faults → route → auth → request id → write → store → answer.
 *
 * The order is the contract: a 503 fault happens before anything (a retry must be able to
 * succeed); the answer to a write is stored before it is sent (a lost answer is replayed, never
 * re-executed); a dropped answer is dropped after the commit, as a real network would.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fingerprintOf, type SandboxCore } from './core';
import { handleControl } from './controls';
import { delay, malformedBody, pick, roll } from './faults';
import { canonicalJson, header, problem, readJsonBody, send, toWire, validationProblem, type Answer, type ParsedBody } from './http';
import { matchRoute } from './routes';

export type Next = (err?: unknown) => void;

const CORS: Record<string, string> = {
	'access-control-allow-origin': '*',
	'access-control-expose-headers': 'MS-CorrelationId, MS-RequestId, Idempotent-Replayed, Location'
};

const PREFLIGHT: Record<string, string> = {
	...CORS,
	'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
	'access-control-allow-headers': 'Authorization, Content-Type, MS-RequestId, MS-CorrelationId',
	'access-control-max-age': '600'
};

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
	return body.reason === 'size'
		? validationProblem([{ field: '', message: 'The body is larger than 1 MB' }], 'The body is too large.')
		: validationProblem([{ field: '', message: 'The body is not valid JSON' }], 'The body is not valid JSON.');
}

function bearer(req: IncomingMessage): string | undefined {
	const auth = header(req, 'authorization');
	const m = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
	return m ? m[1] : undefined;
}

export function createHandler(core: SandboxCore): (req: IncomingMessage, res: ServerResponse, next?: Next) => void {
	return (req, res, next) => {
		dispatch(core, req, res, next).catch(() => {
			// A bug must not hang the client: answer 500 if we still can, else cut the line.
			if (!res.headersSent) send(res, toWire(problem(500, 'unavailable', 'The sandbox failed.')), CORS);
			else res.destroy();
		});
	};
}

async function dispatch(core: SandboxCore, req: IncomingMessage, res: ServerResponse, next?: Next): Promise<void> {
	const path = sandboxPath(req.url);
	const isV1 = path === '/v1' || path.startsWith('/v1/');
	const isControl = path === '/__sandbox' || path.startsWith('/__sandbox/');
	if (!isV1 && !isControl) {
		if (next) return next();
		return send(res, toWire(problem(404, 'not_found', `Nothing at ${path}.`)), CORS);
	}

	const method = (req.method ?? 'GET').toUpperCase();
	const extra: Record<string, string> = { ...CORS };
	const correlationId = header(req, 'ms-correlationid');
	if (correlationId) extra['ms-correlationid'] = correlationId;
	if (method === 'OPTIONS') return send(res, { status: 204, body: null, headers: {} }, PREFLIGHT);

	const body = await readJsonBody(req);

	if (isControl) {
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
		match = matchRoute(method, path);
	} catch {
		match = null; // a malformed %-escape in the path
	}
	if (!match) return send(res, toWire(problem(404, 'not_found', `No endpoint ${method} ${path}.`)), extra);
	if (!('route' in match)) {
		const answer = problem(405, 'not_found', `${method} is not allowed on ${path}.`);
		return send(res, toWire({ ...answer, headers: { allow: match.allowed.join(', ') } }), extra);
	}
	const { route, params } = match;
	const token = bearer(req);

	if (!route.auth) {
		return send(res, toWire(body.ok ? route.handler({ core, body: body.value, params, token }) : badBody(body)), extra);
	}

	const user = core.userByToken(token);
	if (!user) return send(res, toWire(problem(401, 'unauthenticated', 'Sign in and send the token as a Bearer token.')), extra);
	const partner = core.partner(user.partnerId);

	if (!keyed) {
		return send(res, toWire(body.ok ? route.handler({ core, body: body.value, params, token, user, partner, requestId: '' }) : badBody(body)), extra);
	}

	const requestId = header(req, 'ms-requestid');
	if (!requestId) return send(res, toWire(problem(400, 'missing_request_id', 'Send an MS-RequestId header with every write.')), extra);
	if (requestId.length > 200) {
		return send(res, toWire(validationProblem([{ field: 'MS-RequestId', message: 'At most 200 characters' }])), extra);
	}
	extra['ms-requestid'] = requestId;

	const canonical = body.ok ? canonicalJson(body.value) : `raw:${body.raw}`;
	const fingerprint = fingerprintOf(method, path, canonical);
	const claim = core.idempotency.claim(partner.id, requestId, fingerprint, core.today());
	switch (claim.kind) {
		case 'replay':
			// A replayed answer can be lost on the way too.
			if (roll(faults.dropAfterCommitRate)) {
				res.destroy();
				return;
			}
			return send(res, claim.answer, { ...extra, 'idempotent-replayed': 'true' });
		case 'conflict':
			return send(res, toWire(problem(422, 'request_id_reused', 'This MS-RequestId was already used for a different request.')), extra);
		case 'in_progress':
			return send(res, toWire(problem(409, 'request_in_progress', 'The first request with this MS-RequestId is still being processed.')), {
				...extra,
				'retry-after': '1'
			});
		case 'new':
			break;
	}

	if (faults.processingMs[1] > 0) await delay(pick(faults.processingMs));
	let answer: Answer;
	try {
		answer = body.ok ? route.handler({ core, body: body.value, params, token, user, partner, requestId }) : badBody(body);
	} catch (err) {
		core.idempotency.release(partner.id, requestId);
		throw err;
	}
	const wire = toWire(answer);
	if (wire.status >= 500) core.idempotency.release(partner.id, requestId);
	else {
		core.idempotency.complete(partner.id, requestId, wire);
		core.dirty = true;
	}

	if (roll(faults.dropAfterCommitRate)) {
		// Committed and stored, but the client never hears: only a retry with the same id tells.
		res.destroy();
		return;
	}
	send(res, wire, extra);
}
