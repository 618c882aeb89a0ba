/**
 * Test controls under /__sandbox: reset, clock, faults, ledger, and support's answer to a
 * request. Never subject to faults, auth or request ids: tests must always reach them.
 */
import * as v from 'valibot';
import { FIXED_MESSAGES, IsoDate, NotePatch } from '../../api/schemas.ts';
import { isIsoDate } from '../../domain/dates.ts';
import type { SandboxCore } from './core.ts';
import { faultsFrom, FaultsBody } from './faults.ts';
import { issuesToErrors, ok, problem, validationProblem, type Answer } from './http.ts';
import { closeServiceRequest } from './routes.ts';

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
		if (method === 'GET') return ok({ today: core.today() });
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

	const close = /^\/__sandbox\/servicerequests\/([^/]+)\/close$/.exec(path);
	if (close && method === 'POST') {
		const p = parse(CloseBody);
		if (!p.ok) return p.answer;
		// The handler refused malformed %-escapes already, so this decode cannot throw.
		return closeServiceRequest(core, decodeURIComponent(close[1]), p.value.note, p.value.cancelSubscription ?? false);
	}
	return problem(404, 'not_found', `No sandbox control ${method} ${path}.`);
}
