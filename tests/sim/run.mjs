// `npm run sim`: the seeded simulation of the write path (src/lib/sync/simulation.test.ts) with
// more seeds than `npm test` runs, or one seed to replay.
//   npm run sim -- --seeds 10000        seeds 1..10000
//   npm run sim -- --seeds 500 --from 9001   seeds 9001..9500
//   npm run sim -- --seed 1234          replay one seed, with its whole schedule on failure
// Ends with the number of failed seeds and the runs per second.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
const seed = opt('seed');
const seeds = opt('seeds') ?? '200';
const from = opt('from') ?? '1';
for (const [name, value] of [['seed', seed], ['seeds', seeds], ['from', from]]) {
	if (value !== undefined && !/^\d+$/.test(value)) {
		console.error(`--${name} takes a whole number, got ${value}`);
		process.exit(2);
	}
}

const report = join(mkdtempSync(join(tmpdir(), 'pm-sim-')), 'seeds.jsonl');
const env = { ...process.env, SIM_REPORT: report };
if (seed) env.SIM_SEED = seed;
else {
	env.SIM_SEEDS = seeds;
	env.SIM_FIRST = from;
	// Bigger blocks for long runs: fewer tests to report, same seeds.
	env.SIM_BLOCK ??= String(Number(seeds) >= 1000 ? 100 : 25);
}

const started = Date.now();
const run = spawnSync('npx', ['vitest', 'run', 'src/lib/sync/simulation.test.ts', ...(seed ? [] : ['--reporter=dot'])], {
	stdio: 'inherit',
	env
});
const seconds = (Date.now() - started) / 1000;

const results = existsSync(report)
	? readFileSync(report, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))
	: [];
const failed = results.filter((r) => !r.ok);
const simSeconds = results.reduce((s, r) => s + r.ms, 0) / 1000;
if (failed.length) {
	console.log(`\nfailed seeds (${failed.length}):`);
	for (const r of failed.slice(0, 50)) console.log(`  ${r.seed}: ${r.violations[0]}  → npm run sim -- --seed ${r.seed}`);
	if (failed.length > 50) console.log(`  … and ${failed.length - 50} more`);
}
console.log(
	`\n${results.length} seeds, ${failed.length} failed, in ${seconds.toFixed(1)} s: ` +
		`${(results.length / seconds).toFixed(1)} runs/s overall, ${(results.length / Math.max(simSeconds, 0.001)).toFixed(1)} runs/s in the simulation itself`
);
process.exit(run.status !== 0 || failed.length > 0 || results.length === 0 ? 1 : 0);
