#!/usr/bin/env node
'use strict';
/**
 * Runs every test: unit, workflow (engine) and integration (real Dovecot, SMTP, Chromium), then
 * end-to-end against a real n8n. Ends with one line "N passed, N failed" summed from jest's --json output.
 * scripts/prereqs.js runs first (npm test, npm run test:fast): in a full run every service is there.
 *
 *   node scripts/run-tests.js            all suites; a missing service fails its tests
 *   node scripts/run-tests.js --no-e2e   npm run test:fast: no real-n8n suite (it installs ~3 GB on first run),
 *                                        and tests whose Debian package is missing are skipped and listed
 */
const { spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, existsSync, rmSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, '.cache', 'test-results');
mkdirSync(out, { recursive: true });
const args = process.argv.slice(2);
const fast = args.includes('--no-e2e');
const jestArgs = args.filter((a) => a !== '--no-e2e');
const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
// Only the fast run may skip: test/helpers/prerequisites.ts records each skipped area here.
const skipLog = path.join(out, 'skipped.txt');
rmSync(skipLog, { force: true });
const env = fast ? { ...process.env, SUPPORT247_ALLOW_SKIPS: '1', SUPPORT247_SKIP_LOG: skipLog } : { ...process.env, SUPPORT247_ALLOW_SKIPS: '0' };

const suites = [{ name: 'unit, workflow and integration', config: 'jest.config.js' }];
if (!fast) suites.push({ name: 'end to end (real n8n)', config: 'jest.e2e.config.js' });
// Installs the packed tarballs from the registry, like the e2e suite it needs network and Node 24.
if (!fast) suites.push({ name: 'install (packed tarballs)', config: 'jest.install.config.js' });

let passed = 0;
let failed = 0;
let ok = true;
for (const suite of suites) {
	const file = path.join(out, `${path.basename(suite.config, '.js')}.json`);
	rmSync(file, { force: true });
	process.stderr.write(`\n== ${suite.name} ==\n`);
	const run = spawnSync(process.execPath, [jest, '--config', suite.config, '--json', `--outputFile=${file}`, ...jestArgs], {
		cwd: root,
		stdio: 'inherit',
		env,
	});
	if (!existsSync(file)) {
		process.stderr.write(`${suite.name}: jest wrote no results (exit ${run.status})\n`);
		ok = false;
		failed++;
		continue;
	}
	const result = JSON.parse(readFileSync(file, 'utf8'));
	passed += result.numPassedTests;
	failed += result.numFailedTests;
	// A suite that fails to load has no failed test but is a failure all the same.
	if (run.status !== 0 || result.numFailedTestSuites > 0 || result.numRuntimeErrorTestSuites > 0) ok = false;
}
const skipped = existsSync(skipLog) ? readFileSync(skipLog, 'utf8').split('\n').filter(Boolean) : [];
if (fast) skipped.push('end to end against a real n8n (npm run test:fast)');
for (const area of new Set(skipped)) process.stdout.write(`skipped: ${area}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(ok && failed === 0 ? 0 : 1);
