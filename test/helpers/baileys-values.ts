import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Baileys 7 is an ES module, which jest's CommonJS runtime cannot load. The few runtime values the
 * tests compare against are read from the real package in a child Node, once per test file.
 */
function readFromBaileys<T>(expression: string): T {
	const script = `import * as baileys from '@whiskeysockets/baileys'; process.stdout.write(JSON.stringify(${expression}));`;
	const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' });
	return JSON.parse(out) as T;
}

export const DisconnectReason = readFromBaileys<Record<'loggedOut' | 'restartRequired' | 'connectionReplaced' | 'connectionLost' | 'connectionClosed' | 'unavailableService' | 'badSession' | 'timedOut' | 'multideviceMismatch' | 'forbidden', number>>(
	'baileys.DisconnectReason',
);
