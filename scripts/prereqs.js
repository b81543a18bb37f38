#!/usr/bin/env node
'use strict';
/**
 * The Debian packages the tests need, checked before anything else runs. `npm test`, `npm run test:fast`
 * and `.ci/run` all call this one check; the test helpers ask it whether a service is there.
 *
 *   node scripts/prereqs.js          full run: installs what is missing (as root, or with a sudo that needs
 *                                    no password); otherwise stops at once with one line naming the missing
 *                                    packages and the apt-get command, and exits 1
 *   node scripts/prereqs.js --fast   npm run test:fast: never installs; says what will be skipped
 *
 * SUPPORT247_PRETEND_MISSING=dovecot-imapd,chromium makes the check treat those packages as absent
 * (to try the missing path on a machine that has them).
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function onPath(binary) {
	return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

/** Path of the dovecot binary, or undefined when it is not installed. */
function findDovecot() {
	const found = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((file) => existsSync(file));
	if (found) return found;
	const which = spawnSync('sh', ['-c', 'command -v dovecot'], { encoding: 'utf8' });
	return which.status === 0 ? which.stdout.trim() || undefined : undefined;
}

/** Debian's chromium package installs here; CHROMIUM_PATH points elsewhere. */
function chromiumPath() {
	return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** The newest /usr/lib/postgresql/<version>/bin holding initdb, pg_ctl and psql, or undefined. */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	const versions = existsSync(base)
		? readdirSync(base).filter((v) => ['initdb', 'pg_ctl', 'psql'].every((tool) => existsSync(path.join(base, v, 'bin', tool))))
		: [];
	if (versions.length === 0) return undefined;
	return path.join(base, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** n8n for the end-to-end suite is installed (scripts/install-n8n.sh leaves this marker). */
function n8nInstalled() {
	return existsSync(path.join(process.env.N8N_CACHE_DIR || path.join(root, '.cache', 'n8n'), '.complete'));
}

/**
 * What the tests need. `fast` marks what `npm run test:fast` (no end-to-end suite) uses; `area` and
 * `binary` make the skip line ("skipped: email integration (no dovecot)").
 */
const REQUIREMENTS = [
	{ pkg: 'dovecot-imapd', binary: 'dovecot', area: 'email integration', fast: true, present: () => findDovecot() !== undefined },
	{ pkg: 'chromium', binary: 'chromium', area: 'browser tests', fast: true, present: () => existsSync(chromiumPath()) },
	{ pkg: 'redis-server', binary: 'redis-server', area: 'queue mode', fast: false, present: () => onPath('redis-server') && onPath('redis-cli') },
	{
		pkg: 'postgresql',
		binary: 'postgres',
		area: 'queue mode',
		fast: false,
		present: () => postgresBinDir() !== undefined && spawnSync('id', ['-u', 'postgres'], { stdio: 'ignore' }).status === 0,
	},
	// The official-channels e2e test makes a throw-away certificate for its fake Graph API proxy.
	{ pkg: 'openssl', binary: 'openssl', area: 'official channels end to end', fast: false, present: () => onPath('openssl') },
	// scripts/install-n8n.sh rebuilds n8n's native modules (sqlite3, isolated-vm) with node-gyp: only until n8n is installed.
	{ pkg: 'make', binary: 'make', area: 'installing n8n', fast: false, present: () => n8nInstalled() || onPath('make') },
	{ pkg: 'g++', binary: 'g++', area: 'installing n8n', fast: false, present: () => n8nInstalled() || onPath('g++') },
	{ pkg: 'python3', binary: 'python3', area: 'installing n8n', fast: false, present: () => n8nInstalled() || onPath('python3') },
];

function pretendMissing() {
	return new Set((process.env.SUPPORT247_PRETEND_MISSING || '').split(',').map((p) => p.trim()).filter(Boolean));
}

function requirement(pkg) {
	const found = REQUIREMENTS.find((r) => r.pkg === pkg);
	if (!found) throw new Error(`prereqs: unknown package ${pkg}`);
	return found;
}

/** Whether a package's binaries are there; `pretend` honours SUPPORT247_PRETEND_MISSING. */
function isPresent(pkg, { pretend = true } = {}) {
	return !(pretend && pretendMissing().has(pkg)) && requirement(pkg).present();
}

/** The requirements of a run (`fast`: only what test:fast uses) that are not there. */
function missing({ fast = false, pretend = true } = {}) {
	return REQUIREMENTS.filter((r) => (!fast || r.fast) && !isPresent(r.pkg, { pretend }));
}

function installCommand(pkgs, { sudo }) {
	const prefix = sudo ? 'sudo ' : '';
	return `${prefix}apt-get update && ${prefix}apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
}

/** The one line a run stops with. */
function missingLine(reqs, { sudo = !isRoot() } = {}) {
	const pkgs = reqs.map((r) => r.pkg);
	const areas = [...new Set(reqs.map((r) => r.area))].join(', ');
	return `prereqs: missing Debian packages ${pkgs.join(' ')} (needed for ${areas}); install them with: ${installCommand(pkgs, { sudo })}`;
}

function isRoot() {
	return process.getuid?.() === 0;
}

/**
 * What to do about the missing packages: nothing, install them (how), or stop. Pure, so the choice is
 * testable without a package manager.
 */
function plan(reqs, { root, sudo, apt }) {
	if (reqs.length === 0) return { action: 'none' };
	if (apt && (root || sudo)) return { action: 'install', sudo: !root, pkgs: reqs.map((r) => r.pkg) };
	return { action: 'stop', line: missingLine(reqs, { sudo: !root }) };
}

function run(command, args) {
	const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? result.error.message : ''}` };
}

function install(pkgs, { sudo }) {
	const as = (args) => (sudo ? ['sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', ...args]] : [args[0], args.slice(1)]);
	process.stderr.write(`prereqs: installing ${pkgs.join(' ')} with apt-get${sudo ? ' (sudo)' : ''}\n`);
	for (const args of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...pkgs]]) {
		const step = run(...as(args));
		if (!step.ok) {
			process.stderr.write(`${step.output.trim().split('\n').slice(-15).join('\n')}\n`);
			return false;
		}
	}
	return true;
}

/** `host` overrides what is probed about this machine (tests): { root, sudo }. */
function main(argv, host = {}) {
	const fast = argv.includes('--fast');
	const absent = missing({ fast });
	if (absent.length === 0) return 0;
	if (fast) {
		// test:fast skips these areas and lists them at the end; say so now, with the way to run them.
		process.stderr.write(`prereqs: test:fast will skip ${[...new Set(absent.map((r) => `${r.area} (no ${r.binary})`))].join(', ')}; to run them: ${installCommand(absent.map((r) => r.pkg), { sudo: !isRoot() })}\n`);
		return 0;
	}
	const root = host.root ?? isRoot();
	const sudo = host.sudo ?? (!root && onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0);
	const decision = plan(absent, { root, sudo, apt: onPath('apt-get') });
	if (decision.action === 'install' && install(decision.pkgs, decision)) {
		// After installing, the binaries decide (a pretended absence has served its purpose).
		const still = missing({ fast, pretend: false });
		if (still.length === 0) return 0;
		process.stderr.write(`${missingLine(still, { sudo: !root })}\n`);
		return 1;
	}
	process.stderr.write(`${decision.line ?? missingLine(absent, { sudo: !root })}\n`);
	return 1;
}

module.exports = { main, REQUIREMENTS, requirement, isPresent, missing, missingLine, installCommand, plan, findDovecot, chromiumPath, postgresBinDir };

if (require.main === module) process.exit(main(process.argv.slice(2)));
