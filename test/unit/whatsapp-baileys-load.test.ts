import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * The built WhatsApp nodes load Baileys 7 (an ES module) from CommonJS with a real dynamic import.
 * Jest cannot run that import, so a child Node runs the built file, as n8n would.
 */
describe('Baileys from the built package', () => {
	it('loads, keeps its auth state in the folder given, and builds a socket', () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'wa-auth-'));
		const script = `
			const { baileysDeps } = require(${JSON.stringify(path.join(root, 'dist/nodes/shared/whatsapp/baileys.js'))});
			(async () => {
				const deps = baileysDeps();
				const { state, saveCreds } = await deps.loadAuthState(${JSON.stringify(folder)});
				await saveCreds();
				const socket = deps.makeSocket({ auth: state, logger: require('pino')({ level: 'silent' }), browserName: 'Chrome', markOnlineOnConnect: false });
				const ok = typeof socket.ev.on === 'function' && typeof state.creds.noiseKey === 'object';
				socket.end(undefined);
				process.stdout.write(ok ? 'ok' : 'bad');
				process.exit(0);
			})().catch((e) => { process.stdout.write(String(e && e.stack)); process.exit(1); });`;
		const out = execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
		expect(out).toBe('ok');
		expect(readdirSync(folder)).toContain('creds.json');
	});
});
