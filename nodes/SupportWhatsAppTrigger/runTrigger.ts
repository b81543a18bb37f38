import os from 'node:os';
import { NodeOperationError, type IDataObject, type INodeExecutionData, type ITriggerFunctions, type ITriggerResponse } from 'n8n-workflow';

import { resolveAuthFolder, qrFilePath, sessionSettings } from '../shared/whatsapp/auth-folder';
import { toBaileysLogger } from '../shared/whatsapp/logger';
import { showQr, type PairingInfo } from '../shared/whatsapp/pairing';
import { removeQrPng } from '../shared/whatsapp/qr';
import { RecentIds } from '../shared/whatsapp/recent-ids';
import { ChatDebouncer } from '../shared/whatsapp/debounce';
import { capQuietSeconds, DEFAULT_QUIET_SECONDS } from '../shared/conversation/collectBurst';
import { DEFAULT_INPUT_LIMITS } from '../shared/input-limits';
import type { Ticket } from '../shared/ticket';
import type { WhatsAppConnectionRegistry } from '../shared/whatsapp/registry';
import { WhatsAppSession } from '../shared/whatsapp/session';
import type { WhatsAppDeps } from '../shared/whatsapp/types';

interface TriggerOptions {
	ignoreFromMe?: boolean;
	ignoreStatus?: boolean;
	ignoreGroups?: boolean;
	ignoreWithoutText?: boolean;
	rememberIds?: number;
	reconnectInitialDelay?: number;
	reconnectMaxDelay?: number;
	maxReconnectAttempts?: number;
	pairingTimeout?: number;
	quietTime?: number;
}

/** What the trigger keeps in workflow static data. */
interface TriggerStaticData extends IDataObject {
	/** Newest emitted message ids, so redeliveries after a restart are dropped. */
	seenIds?: string[];
	/** The QR code waiting to be scanned, removed once paired. */
	pairing?: IDataObject;
}

/** Starts the WhatsApp session for one trigger() call. Lives apart from the node class so the deps can be injected. */
export async function runWhatsAppTrigger(
	ctx: ITriggerFunctions,
	deps: WhatsAppDeps,
	registry: WhatsAppConnectionRegistry,
): Promise<ITriggerResponse> {
	const settings = sessionSettings((await ctx.getCredentials('whatsAppSessionApi')) as IDataObject);
	let authFolder: string;
	try {
		authFolder = resolveAuthFolder(settings, process.env, os.homedir());
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message);
	}
	const options = ctx.getNodeParameter('options', {}) as TriggerOptions;
	const manual = ctx.getMode() === 'manual';
	const staticData = ctx.getWorkflowStaticData('node') as TriggerStaticData;
	const remember = Math.max(10, options.rememberIds ?? 500);
	// Memory holds more than static data, so long runs dedupe well without bloating the workflow record.
	const recentIds = new RecentIds(Math.max(remember, 2000), Array.isArray(staticData.seenIds) ? staticData.seenIds : []);
	const qrFile = qrFilePath(authFolder);
	const now = () => new Date();
	let qrEmitted = false;
	// A chat's messages within the quiet time become one ticket (0: each message on its own).
	const debouncer: ChatDebouncer = new ChatDebouncer(
		capQuietSeconds(Number(options.quietTime ?? DEFAULT_QUIET_SECONDS) || 0) * 1000,
		(tickets: Ticket[]) => {
			// Persist before emitting: n8n saves static data with the execution the emit starts. A message still
			// held for another chat's burst is not remembered yet, so a restart now redelivers it instead of losing it.
			staticData.seenIds = recentIds.newest(remember).filter((id) => !debouncer.holds(id));
			ctx.emit([tickets.map((ticket) => ({ json: ticket as unknown as IDataObject }))]);
		},
		DEFAULT_INPUT_LIMITS.maxTextLength,
	);

	const emitPairing = async (pairing: PairingInfo) => {
		const png = Buffer.from(pairing.qrDataUrl.slice(pairing.qrDataUrl.indexOf(',') + 1), 'base64');
		const item: INodeExecutionData = {
			json: { pairing: { ...pairing, authFolder } } as unknown as IDataObject,
			binary: { qr: await ctx.helpers.prepareBinaryData(png, 'whatsapp-qr.png', 'image/png') },
		};
		ctx.emit([[item]]);
	};

	const session = new WhatsAppSession({
		authFolder,
		makeSocket: deps.makeSocket,
		loadAuthState: deps.loadAuthState,
		sleep: deps.sleep,
		logger: toBaileysLogger(ctx.logger, 'warn', { session: settings.sessionName }),
		browserName: settings.browserName,
		markOnlineOnConnect: settings.markOnlineOnConnect,
		filters: {
			ignoreFromMe: options.ignoreFromMe ?? true,
			ignoreStatus: options.ignoreStatus ?? true,
			ignoreGroups: options.ignoreGroups ?? true,
			ignoreWithoutText: options.ignoreWithoutText ?? true,
		},
		backoff: {
			initialMs: Math.max(0.1, options.reconnectInitialDelay ?? 1) * 1000,
			maxMs: Math.max(1, options.reconnectMaxDelay ?? 60) * 1000,
			factor: 2,
		},
		maxReconnectAttempts: Math.max(0, options.maxReconnectAttempts ?? 0),
		recentIds,
		now,
		random: Math.random,
		events: {
			onQr: async (qr) => {
				const pairing = await showQr(qr, ctx.logger, qrFile, now);
				staticData.pairing = pairing as unknown as IDataObject;
				if (manual && !qrEmitted) {
					qrEmitted = true;
					await emitPairing(pairing);
				}
			},
			onOpen: (user) => {
				ctx.logger.info(`WhatsApp session "${settings.sessionName}" connected as ${user?.id ?? 'unknown'}`);
				delete staticData.pairing;
				void removeQrPng(qrFile).catch(() => undefined);
			},
			onTickets: (tickets) => debouncer.push(tickets),
			onReconnect: ({ attempt, delayMs, code }) => {
				ctx.logger.warn(`WhatsApp connection closed (code ${code ?? 'none'}); reconnect attempt ${attempt} in ${delayMs} ms`);
			},
			onLoggedOut: (error) => {
				registry.withdraw(session);
				ctx.emitError(new NodeOperationError(ctx.getNode(), error.message));
			},
			onGiveUp: (error) => {
				registry.withdraw(session);
				ctx.emitError(new NodeOperationError(ctx.getNode(), error.message));
			},
			onSaveError: (error) => {
				ctx.logger.error(`Saving the WhatsApp auth state in ${authFolder} failed: ${error.message}`);
			},
		},
	});

	registry.publish(session);
	try {
		await session.start();
	} catch (error) {
		registry.withdraw(session);
		throw new NodeOperationError(ctx.getNode(), `Could not load the WhatsApp auth state from ${authFolder}: ${(error as Error).message}`);
	}

	const closeFunction = async () => {
		// Held messages go out now rather than vanish with the trigger.
		debouncer.flushAll();
		registry.withdraw(session);
		if (manual && qrEmitted && !session.isOpen) {
			// The manual run ended when the QR code was shown; the scan still needs a live socket.
			session.setEvents({
				onQr: async (qr) => void (await showQr(qr, ctx.logger, qrFile, now)),
				onOpen: (user) => {
					ctx.logger.info(`WhatsApp session "${settings.sessionName}" paired as ${user?.id ?? 'unknown'}`);
					void removeQrPng(qrFile).catch(() => undefined);
				},
			});
			registry.keepAlive(session, Math.max(20, options.pairingTimeout ?? 180) * 1000);
			return;
		}
		session.stop();
	};
	return { closeFunction };
}
