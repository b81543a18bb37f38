import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The packed tarballs installed the way users install them (scripts/install-test.js): n8n's
 * community installer then n8n-core's loader, a plain npm install with nothing from GitHub, and the
 * analyst's npx command under Node 24 (plus the one-line stop on an older Node).
 */
const root = path.resolve(__dirname, '../..');

describe('installs from the packed tarballs', () => {
	it.each(['a', 'b', 'c'])('step %s', (step) => {
		const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'install-test.js'), '--only', step], { cwd: root, encoding: 'utf8' });
		process.stdout.write(run.stdout);
		expect(run.stderr).not.toContain('FAILED');
		expect(run.status).toBe(0);
		expect(run.stdout).toContain(`"step":"${step}"`);
	});
});
