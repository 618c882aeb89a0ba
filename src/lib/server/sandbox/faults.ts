/**
 * Fault injection for tests: slow answers, 503s before anything happens, answers lost after
 * the write was committed, and bodies that break the schema. Rates are probabilities 0..1.
 */
import * as v from 'valibot';

const Rate = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const Range = v.pipe(
	v.tuple([v.pipe(v.number(), v.minValue(0), v.maxValue(60000)), v.pipe(v.number(), v.minValue(0), v.maxValue(60000))]),
	v.check(([min, max]) => min <= max, 'min must not exceed max')
);

export const FaultsBody = v.strictObject({
	latencyMs: v.optional(Range),
	failRate: v.optional(Rate),
	dropAfterCommitRate: v.optional(Rate),
	malformedRate: v.optional(Rate),
	/**
	 * Extra: time a write spends between claiming its request id and committing. Makes the
	 * "still processing" window real, so a concurrent retry can observe 409.
	 */
	processingMs: v.optional(Range)
});
export type FaultsBody = v.InferOutput<typeof FaultsBody>;

export interface Faults {
	latencyMs: [number, number];
	failRate: number;
	dropAfterCommitRate: number;
	malformedRate: number;
	processingMs: [number, number];
}

export function noFaults(): Faults {
	return { latencyMs: [0, 0], failRate: 0, dropAfterCommitRate: 0, malformedRate: 0, processingMs: [0, 0] };
}

/** PUT replaces the whole set: a field left out goes back to "no fault". */
export function faultsFrom(body: FaultsBody): Faults {
	const base = noFaults();
	return {
		latencyMs: body.latencyMs ? [body.latencyMs[0], body.latencyMs[1]] : base.latencyMs,
		failRate: body.failRate ?? base.failRate,
		dropAfterCommitRate: body.dropAfterCommitRate ?? base.dropAfterCommitRate,
		malformedRate: body.malformedRate ?? base.malformedRate,
		processingMs: body.processingMs ? [body.processingMs[0], body.processingMs[1]] : base.processingMs
	};
}

/** True with probability `rate`; exact at 0 and 1 so tests are deterministic there. */
export function roll(rate: number, random: () => number = Math.random): boolean {
	if (rate <= 0) return false;
	if (rate >= 1) return true;
	return random() < rate;
}

export function pick([min, max]: [number, number], random: () => number = Math.random): number {
	return min + (max - min) * random();
}

export function delay(ms: number): Promise<void> {
	if (ms <= 0) return Promise.resolve();
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A 200 body that the client's schema must reject. */
export function malformedBody(path: string): unknown {
	const last = path.split('/').filter(Boolean).pop() ?? '';
	const isList = ['offers', 'subscriptions', 'paymentmethods', 'orders', 'invoices', 'servicerequests', 'supporttopics', 'benefits'].includes(last);
	return isList ? { items: 'oops' } : { unexpected: true };
}
