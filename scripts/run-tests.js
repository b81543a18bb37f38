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
const { spawn } = require('node:child_process');
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

// Jest writes its results file when the run ends; a test that leaks a child process or socket can then keep
// it alive for ever (a CI run once waited out its time limit that way). Past this grace it is killed and
// the suite counts as failed, so the leak is named instead of hanging CI.
const EXIT_GRACE_MS = 60_000;

function runJest(suite, file) {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [jest, '--config', suite.config, '--json', `--outputFile=${file}`, ...jestArgs], {
			cwd: root,
			stdio: 'inherit',
			env,
		});
		let killedAfterResults = false;
		let resultsSeenAt;
		const watch = setInterval(() => {
			if (resultsSeenAt === undefined && existsSync(file)) resultsSeenAt = Date.now();
			if (resultsSeenAt !== undefined && Date.now() - resultsSeenAt > EXIT_GRACE_MS) {
				killedAfterResults = true;
				child.kill('SIGKILL');
			}
		}, 2000);
		child.on('exit', (status) => {
			clearInterval(watch);
			resolve({ status, killedAfterResults });
		});
	});
}

async function main() {
	let passed = 0;
	let failed = 0;
	let ok = true;
	for (const suite of suites) {
		const file = path.join(out, `${path.basename(suite.config, '.js')}.json`);
		rmSync(file, { force: true });
		process.stderr.write(`\n== ${suite.name} ==\n`);
		const run = await runJest(suite, file);
		if (!existsSync(file)) {
			process.stderr.write(`${suite.name}: jest wrote no results (exit ${run.status})\n`);
			ok = false;
			failed++;
			continue;
		}
		if (run.killedAfterResults) {
			process.stderr.write(`${suite.name}: jest had not exited ${EXIT_GRACE_MS / 1000} s after its results; a test left a process or handle open (killed)\n`);
			ok = false;
		}
		const result = JSON.parse(readFileSync(file, 'utf8'));
		passed += result.numPassedTests;
		failed += result.numFailedTests;
		// A suite that fails to load has no failed test but is a failure all the same.
		if ((run.status !== 0 && !run.killedAfterResults) || result.numFailedTestSuites > 0 || result.numRuntimeErrorTestSuites > 0) ok = false;
	}
	return { passed, failed, ok };
}

main().then(({ passed, failed, ok }) => {
	const skipped = existsSync(skipLog) ? readFileSync(skipLog, 'utf8').split('\n').filter(Boolean) : [];
	if (fast) skipped.push('end to end against a real n8n (npm run test:fast)');
	for (const area of new Set(skipped)) process.stdout.write(`skipped: ${area}\n`);
	process.stdout.write(`${passed} passed, ${failed} failed\n`);
	process.exit(ok && failed === 0 ? 0 : 1);
});
