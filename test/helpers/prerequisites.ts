/**
 * Tests that need a Debian package (a real Dovecot, Chromium) ask scripts/prereqs.js, the same check
 * `npm test` and `.ci/run` make first. A missing package fails the suite with the install line; only
 * `npm run test:fast` (SUPPORT247_ALLOW_SKIPS=1) skips it, and the runner lists what it skipped.
 */
import { appendFileSync } from 'fs';

interface Requirement {
	pkg: string;
	binary: string;
}
interface Prereqs {
	requirement(pkg: string): Requirement;
	isPresent(pkg: string): boolean;
	missingLine(reqs: Requirement[]): string;
	chromiumPath(): string;
	findDovecot(): string | undefined;
	postgresBinDir(): string | undefined;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const prereqs = require('../../scripts/prereqs.js') as Prereqs;

export type TestPackage = 'dovecot-imapd' | 'chromium' | 'redis-server' | 'postgresql';

/** The line a skipped area leaves for the runner's summary, e.g. "email integration (no dovecot)". */
function recordSkip(line: string): void {
	const log = process.env.SUPPORT247_SKIP_LOG;
	if (log) appendFileSync(log, `${line}\n`);
}

/** describe() when the package is installed; otherwise a failing suite, or under test:fast a recorded skip. */
export function describeWith(pkg: TestPackage, area: string, name: string, body: () => void): void {
	if (prereqs.isPresent(pkg)) {
		describe(name, body);
		return;
	}
	const req = prereqs.requirement(pkg);
	if (process.env.SUPPORT247_ALLOW_SKIPS === '1') {
		recordSkip(`${area} (no ${req.binary})`);
		describe.skip(name, body);
		return;
	}
	describe(name, () => {
		it(`needs the Debian package ${pkg}`, () => {
			throw new Error(`${prereqs.missingLine([req])} (npm run test:fast skips these tests instead)`);
		});
	});
}

/** For the end-to-end suite, which has no fast variant: a missing package is always an error with the install line. */
export function assertInstalled(pkg: TestPackage): void {
	if (!prereqs.isPresent(pkg)) throw new Error(prereqs.missingLine([prereqs.requirement(pkg)]));
}

export const { chromiumPath, findDovecot, postgresBinDir } = prereqs;
