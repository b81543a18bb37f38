import { importModule } from './import-module';
import type { MakeSocket, WhatsAppDeps } from './types';

/** Baileys 7 is an ES module: loaded with a real dynamic import (import-module.js). */
type Baileys = typeof import('@whiskeysockets/baileys');

/**
 * The production dependencies: Baileys' makeWASocket and useMultiFileAuthState, loaded on first
 * use so that n8n (and the simulator, which never opens a socket) does not pay for Baileys'
 * protobuf bundle at start-up.
 */
export function baileysDeps(): WhatsAppDeps {
	const load = () => importModule('@whiskeysockets/baileys') as Promise<Baileys>;
	let baileys: Baileys | undefined;
	const makeSocket: MakeSocket = (options) => {
		if (!baileys) throw new Error('Baileys is not loaded: call loadAuthState first');
		const { makeWASocket, Browsers } = baileys;
		return makeWASocket({
			auth: options.auth,
			logger: options.logger,
			browser: Browsers.ubuntu(options.browserName),
			markOnlineOnConnect: options.markOnlineOnConnect,
			printQRInTerminal: false,
			syncFullHistory: false,
		});
	};
	return {
		makeSocket,
		loadAuthState: async (folder) => {
			baileys ??= await load();
			return baileys.useMultiFileAuthState(folder);
		},
		sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
		clock: () => performance.now(),
	};
}
