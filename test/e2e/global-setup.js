'use strict';
/**
 * jest globalSetup for the end-to-end suite: installs n8n (and its Node 24) into .cache/n8n/ when missing,
 * so `npm test` works on a fresh clone. scripts/install-n8n.sh is a no-op once its marker is there.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function installN8n() {
	const root = path.resolve(__dirname, '../..');
	const started = Date.now();
	const run = spawnSync('bash', [path.join(root, 'scripts/install-n8n.sh')], { cwd: root, stdio: 'inherit' });
	if (run.status !== 0) {
		throw new Error(`scripts/install-n8n.sh failed (${run.status ?? run.signal}); the end-to-end tests need it`);
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	if (seconds > 5) process.stderr.write(`e2e global setup: n8n installed in ${seconds} s\n`);
};
