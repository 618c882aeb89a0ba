/**
 * Seeded randomness. Every decision of a simulated run comes from streams derived from one seed,
 * so a seed replays the same schedule (real timing still interleaves the engines differently,
 * which is why a replay is close, not exact).
 */

/** mulberry32: tiny, fast, and good enough to drive a schedule (not for cryptography). */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface Rng {
	(): number;
	int(min: number, max: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** Picks a key with probability proportional to its weight. */
	weighted<K extends string>(weights: Record<K, number>): K;
}

/**
 * A stream of its own per concern (schedule, network, engines): a decision the network makes a
 * little earlier or later under real timing must not shift every schedule decision after it.
 */
export function rngFor(seed: number, stream: number): Rng {
	const next = mulberry32((Math.imul(seed, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0);
	const r = (() => next()) as Rng;
	r.int = (min, max) => min + Math.floor(next() * (max - min + 1));
	r.chance = (p) => next() < p;
	r.pick = (items) => items[Math.floor(next() * items.length)];
	r.weighted = (weights) => {
		const entries = Object.entries(weights) as [keyof typeof weights, number][];
		let x = next() * entries.reduce((s, [, w]) => s + w, 0);
		for (const [k, w] of entries) if ((x -= w) < 0) return k;
		return entries[entries.length - 1][0];
	};
	return r;
}
