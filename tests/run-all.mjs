// `npm test`: every suite (Vitest unit + component, Playwright end-to-end), then one line with
// the totals of all of them, which CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'pm-test-'));
const vitestJson = join(dir, 'vitest.json');
const pwJson = join(dir, 'playwright.json');
let passed = 0;
let failed = 0;

const v = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], {
	stdio: 'inherit'
});
if (existsSync(vitestJson)) {
	const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
	passed += r.numPassedTests;
	failed += r.numFailedTests;
	// A file that fails to load has no failed test but fails the run: count it.
	if (!r.success && r.numFailedTests === 0) failed += Math.max(1, r.numFailedTestSuites ?? 0);
} else {
	failed += 1;
}

const p = spawnSync('npx', ['playwright', 'test'], {
	stdio: 'inherit',
	env: {
		...process.env,
		PW_REPORTER: JSON.stringify([['list'], ['json', { outputFile: pwJson }]])
	}
});
if (existsSync(pwJson)) {
	const r = JSON.parse(readFileSync(pwJson, 'utf8'));
	passed += r.stats.expected + r.stats.flaky;
	failed += r.stats.unexpected;
	if (p.status !== 0 && r.stats.unexpected === 0) failed += 1;
} else {
	failed += 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || v.status !== 0 || p.status !== 0 ? 1 : 0);
