/**
 * scripts/prereqs.js, the check npm test, npm run test:fast and .ci/run make before anything else:
 * what it asks for, when it installs, and the one line it stops with.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

interface Requirement {
	pkg: string;
	binary: string;
	area: string;
	fast: boolean;
}
interface Prereqs {
	REQUIREMENTS: Requirement[];
	missing(options?: { fast?: boolean; pretend?: boolean }): Requirement[];
	missingLine(reqs: Requirement[], options?: { sudo?: boolean }): string;
	plan(reqs: Requirement[], env: { root: boolean; sudo: boolean; apt: boolean }): { action: string; sudo?: boolean; pkgs?: string[]; line?: string };
	main(argv: string[], host?: { root?: boolean; sudo?: boolean }): number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const prereqs = require('../../scripts/prereqs.js') as Prereqs;
const script = path.join(__dirname, '../../scripts/prereqs.js');
const req = (pkg: string) => prereqs.REQUIREMENTS.find((r) => r.pkg === pkg) as Requirement;

describe('prerequisite check', () => {
	const prior = process.env.SUPPORT247_PRETEND_MISSING;
	afterEach(() => {
		if (prior === undefined) delete process.env.SUPPORT247_PRETEND_MISSING;
		else process.env.SUPPORT247_PRETEND_MISSING = prior;
	});

	it('asks for every service the tests start, and only Dovecot and Chromium for test:fast', () => {
		expect(prereqs.REQUIREMENTS.map((r) => r.pkg)).toEqual(expect.arrayContaining(['dovecot-imapd', 'chromium', 'redis-server', 'postgresql']));
		expect(prereqs.REQUIREMENTS.filter((r) => r.fast).map((r) => r.pkg)).toEqual(['dovecot-imapd', 'chromium']);
	});

	it('installs as root or with a password-less sudo, and only where apt-get is', () => {
		const absent = [req('dovecot-imapd'), req('redis-server')];
		expect(prereqs.plan([], { root: false, sudo: false, apt: true })).toEqual({ action: 'none' });
		expect(prereqs.plan(absent, { root: true, sudo: false, apt: true })).toEqual({ action: 'install', sudo: false, pkgs: ['dovecot-imapd', 'redis-server'] });
		expect(prereqs.plan(absent, { root: false, sudo: true, apt: true })).toEqual({ action: 'install', sudo: true, pkgs: ['dovecot-imapd', 'redis-server'] });
		expect(prereqs.plan(absent, { root: false, sudo: false, apt: true }).action).toBe('stop');
		expect(prereqs.plan(absent, { root: true, sudo: false, apt: false }).action).toBe('stop');
	});

	it('stops with one line that names the packages, what needs them and the exact command', () => {
		const line = prereqs.plan([req('dovecot-imapd'), req('chromium')], { root: false, sudo: false, apt: true }).line as string;
		expect(line.split('\n')).toHaveLength(1);
		expect(line).toBe(
			'prereqs: missing Debian packages dovecot-imapd chromium (needed for email integration, browser tests); ' +
				'install them with: sudo apt-get update && sudo apt-get install -y --no-install-recommends dovecot-imapd chromium',
		);
		expect(prereqs.missingLine([req('postgresql')], { sudo: false })).toMatch(/: apt-get update && apt-get install -y --no-install-recommends postgresql$/);
	});

	it('SUPPORT247_PRETEND_MISSING makes an installed package count as missing, until it is installed', () => {
		delete process.env.SUPPORT247_PRETEND_MISSING;
		const really = prereqs.missing({ fast: true }).map((r) => r.pkg);
		process.env.SUPPORT247_PRETEND_MISSING = 'dovecot-imapd,chromium';
		expect(prereqs.missing({ fast: true }).map((r) => r.pkg)).toEqual(['dovecot-imapd', 'chromium']);
		// After an install the binaries decide.
		expect(prereqs.missing({ fast: true, pretend: false }).map((r) => r.pkg)).toEqual(really);
	});

	it('as a user who cannot install, stops at once with exit 1 and the one line on standard error', () => {
		process.env.SUPPORT247_PRETEND_MISSING = 'redis-server';
		const written: string[] = [];
		const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
		let code: number;
		try {
			code = prereqs.main([], { root: false, sudo: false });
		} finally {
			stderr.mockRestore();
		}
		expect(code).toBe(1);
		expect(written).toEqual([`${prereqs.missingLine(prereqs.missing(), { sudo: true })}\n`]);
		expect(written[0]).toContain('redis-server');
	});

	it('under test:fast never installs: it says what will be skipped and goes on', () => {
		const run = spawnSync(process.execPath, [script, '--fast'], { encoding: 'utf8', env: { ...process.env, SUPPORT247_PRETEND_MISSING: 'dovecot-imapd' } });
		expect(run.status).toBe(0);
		expect(run.stderr).toMatch(/^prereqs: test:fast will skip email integration \(no dovecot\); to run them: .*apt-get install -y --no-install-recommends dovecot-imapd\n$/);
	});
});
