// @vitest-environment node
/**
 * The seeded simulation of the write path (issue 7, item 5): seeds 1..SIM_SEEDS (200 by
 * default), or only SIM_SEED. Each seed runs real actions, 2-3 real engines on one Dexie
 * database and the real sandbox under random faults, crashes and session changes, then heals
 * and checks every write landed exactly once, to its own partner (see simulation/check.ts).
 *
 * Seeds run in blocks (one test each); a failing block names every failing seed, with the
 * command that replays it. `npm run sim -- --seeds 10000` runs more of them.
 */
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startSandboxServer, type SandboxServer } from '$lib/server/sandbox';
import { describeFailure, runSeed, type SeedResult } from './simulation';

const only = process.env.SIM_SEED ? Number(process.env.SIM_SEED) : undefined;
const count = Number(process.env.SIM_SEEDS ?? 200);
const first = Number(process.env.SIM_FIRST ?? 1);
const seeds = only !== undefined ? [only] : Array.from({ length: count }, (_, i) => first + i);
const BLOCK = only !== undefined ? 1 : Number(process.env.SIM_BLOCK ?? 25);
/** For tests/sim/run.mjs: one JSON line per seed. */
const report = process.env.SIM_REPORT;

let server: SandboxServer;
beforeAll(async () => {
	server = await startSandboxServer({ port: 0 });
});
afterAll(() => server?.close());

describe('seeded simulation of the write path', () => {
	for (let i = 0; i < seeds.length; i += BLOCK) {
		const block = seeds.slice(i, i + BLOCK);
		const name = block.length === 1 ? `seed ${block[0]}` : `seeds ${block[0]}..${block[block.length - 1]}`;
		it(name, { timeout: 45_000 * block.length }, async () => {
			const failed: SeedResult[] = [];
			for (const seed of block) {
				const r = await runSeed(server, seed);
				if (report) appendFileSync(report, JSON.stringify({ seed, ok: r.ok, ms: r.ms, steps: r.steps, violations: r.violations }) + '\n');
				if (!r.ok) failed.push(r);
			}
			if (failed.length) {
				const head = `${failed.length} of ${block.length} seeds failed: ${failed.map((r) => r.seed).join(', ')}`;
				// The first failures in full; the rest by their first violation.
				const full = failed.slice(0, 3).map((r) => describeFailure(r, only !== undefined ? 200 : 30));
				const brief = failed.slice(3).map((r) => `seed ${r.seed}: ${r.violations[0]} (replay: npm run sim -- --seed ${r.seed})`);
				throw new Error([head, ...full, ...brief].join('\n\n'));
			}
		});
	}
});
