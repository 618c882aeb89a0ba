/**
 * Test controls under /__sandbox: reset, clock, faults, ledger, bulk seeding, and support's
 * answer to a request. Never subject to faults, auth or request ids: tests must always reach them.
 */
import * as v from 'valibot';
import { FIXED_MESSAGES, IsoDate, NotePatch } from '../../api/schemas.ts';
import { isIsoDate } from '../../domain/dates.ts';
import type { SandboxCore } from './core.ts';
import { faultsFrom, FaultsBody } from './faults.ts';
import { issuesToErrors, ok, problem, validationProblem, type Answer } from './http.ts';
import { closeServiceRequest } from './routes.ts';
import { SUPPORT_TOPICS } from '../../domain/support.ts';
import type { Severity } from '../../api/schemas.ts';
import type { ServiceRequestRecord } from './state.ts';

const RealDate = v.pipe(IsoDate, v.check(isIsoDate, 'Not a calendar date'));

export const ResetBody = v.optional(v.strictObject({ today: v.optional(RealDate) }));
export const ClockBody = v.strictObject({
	today: RealDate,
	/** Re-seed Fabrikam relative to the new date; by default only the first change after a reset does. */
	reseed: v.optional(v.boolean())
});
export const CloseBody = v.strictObject({
	note: NotePatch.entries.newNote.entries.text,
	/** Also cancel the subscription the request names (a granted cancellation). */
	cancelSubscription: v.optional(v.boolean())
});

/** More than any benchmark needs; a bound so that one typo cannot exhaust the server's memory. */
export const MAX_SEEDED_REQUESTS = 100_000;

export const SeedBody = v.strictObject({
	partnerId: v.pipe(v.string(), v.minLength(1)),
	serviceRequests: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_SEEDED_REQUESTS)),
	/** How many of them support has already closed (the oldest ones), so both filters have rows. */
	closed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)))
});

const SEVERITIES: readonly Severity[] = ['minimal', 'moderate', 'critical'];

/**
 * Bulk service requests for benchmarks (DESIGN §6). Records are built directly, not through
 * the filing route: validating, fingerprinting and storing 10,000 idempotent writes would
 * measure the sandbox instead of the app, and these are not writes a partner made. They are
 * appended after any existing ones, oldest first, with instants one minute apart ending now,
 * so the API's newest-first order is the order of their numbers.
 */
export function seedServiceRequests(core: SandboxCore, partnerId: string, count: number, closed = 0): Answer {
	const partner = core.data.partners.find((p) => p.id === partnerId);
	if (!partner) return problem(404, 'not_found', `No partner ${partnerId}.`);
	if (closed > count) return validationProblem([{ field: 'closed', message: 'At most serviceRequests' }]);
	const contactUser = core.data.users.find((u) => u.partnerId === partnerId);
	const contact = { name: contactUser?.displayName ?? partner.name, email: contactUser?.email ?? `support@${partnerId}.example` };
	const end = Date.parse(core.now());
	const records: ServiceRequestRecord[] = new Array(count);
	for (let i = 0; i < count; i++) {
		core.data.serviceRequestSeq += 1;
		const seq = core.data.serviceRequestSeq;
		const created = new Date(end - (count - 1 - i) * 60_000).toISOString();
		const topic = SUPPORT_TOPICS[i % SUPPORT_TOPICS.length];
		const isClosed = i < closed;
		records[i] = {
			id: `SR-${String(2600000000 + seq)}`,
			partnerId,
			title: `Seeded request ${i + 1}`,
			description: `Benchmark request ${i + 1} of ${count}, seeded by the sandbox.`,
			severity: SEVERITIES[i % SEVERITIES.length],
			supportTopicId: topic.id,
			supportTopicName: topic.name,
			status: isClosed ? 'closed' : 'open',
			primaryContact: { ...contact },
			notes: [],
			history: isClosed
				? [
						{ status: 'open', date: created, by: contact.name },
						{ status: 'closed', date: created, by: 'Partner Center Support' }
					]
				: [{ status: 'open', date: created, by: contact.name }],
			createdDate: created,
			lastModifiedDate: created,
			changeSeq: ++core.data.requestChanges
		};
	}
	// push(...records) would overflow the call stack at this size.
	for (const r of records) core.data.serviceRequests.push(r);
	// Like any committed write: a later clock change must not re-seed these away.
	if (count > 0) core.dirty = true;
	const ids = count > 0 ? { first: records[0].id, last: records[count - 1].id } : null;
	return ok({ partnerId, created: count, closed, ids }, 201);
}

export function handleControl(core: SandboxCore, method: string, path: string, body: unknown): Answer {
	const parse = <S extends v.GenericSchema>(schema: S): { ok: true; value: v.InferOutput<S> } | { ok: false; answer: Answer } => {
		// valibot's object schemas accept arrays (typeof [] is 'object'); a body is never one.
		if (Array.isArray(body)) return { ok: false, answer: validationProblem([{ field: '', message: 'Expected an object' }]) };
		const r = v.safeParse(schema, body, FIXED_MESSAGES);
		return r.success ? { ok: true, value: r.output } : { ok: false, answer: validationProblem(issuesToErrors(r.issues)) };
	};

	if (path === '/__sandbox/reset' && method === 'POST') {
		const p = parse(ResetBody);
		if (!p.ok) return p.answer;
		core.reset(p.value?.today);
		return ok({ today: core.today() });
	}
	if (path === '/__sandbox/clock') {
		if (method === 'GET') return ok({ today: core.today(), busy: core.busy });
		if (method === 'PUT') {
			const p = parse(ClockBody);
			if (!p.ok) return p.answer;
			core.setClock(p.value.today, p.value.reseed);
			return ok({ today: core.today() });
		}
	}
	if (path === '/__sandbox/faults') {
		if (method === 'GET') return ok(core.faults);
		if (method === 'PUT') {
			const p = parse(FaultsBody);
			if (!p.ok) return p.answer;
			core.faults = faultsFrom(p.value);
			return ok(core.faults);
		}
	}
	if (path === '/__sandbox/ledger' && method === 'GET') return ok(core.ledger());
	if (path === '/__sandbox/seed' && method === 'POST') {
		const p = parse(SeedBody);
		if (!p.ok) return p.answer;
		return seedServiceRequests(core, p.value.partnerId, p.value.serviceRequests, p.value.closed ?? 0);
	}

	const close = /^\/__sandbox\/servicerequests\/([^/]+)\/close$/.exec(path);
	if (close && method === 'POST') {
		const p = parse(CloseBody);
		if (!p.ok) return p.answer;
		// The handler refused malformed %-escapes already, so this decode cannot throw.
		return closeServiceRequest(core, decodeURIComponent(close[1]), p.value.note, p.value.cancelSubscription ?? false);
	}
	return problem(404, 'not_found', `No sandbox control ${method} ${path}.`);
}
