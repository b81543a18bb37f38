import os from 'node:os';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { resolveAuthFolder, sessionSettings } from '../shared/whatsapp/auth-folder';
import { deliver, type TypingOptions } from '../shared/whatsapp/deliver';
import { readPath } from '../shared/field-path';
import { toJid } from '../shared/whatsapp/jid';
import { toBaileysLogger } from '../shared/whatsapp/logger';
import { normalizeChoices, planMessage, type InteractiveMode, type PlanOptions } from '../shared/whatsapp/outgoing';
import type { SendLimits } from '../shared/whatsapp/rate-limit';
import type { WhatsAppConnectionRegistry } from '../shared/whatsapp/registry';
import { WhatsAppSession } from '../shared/whatsapp/session';
import type { WhatsAppDeps, WhatsAppSocket } from '../shared/whatsapp/types';

interface SendOptions {
	connectTimeout?: number;
	footer?: string;
	listButtonText?: string;
	typing?: boolean;
	typingDelay?: number;
	perChatPerMinute?: number;
	perChatBurst?: number;
	globalPerMinute?: number;
	globalBurst?: number;
}

function recipientOf(json: IDataObject, recipientField: string): unknown {
	if (recipientField) return readPath(json, recipientField);
	return readPath(json, 'whatsapp.jid') ?? readPath(json, 'customer.phone');
}

/** The Support WhatsApp Send node's execute(): parameters once, then one message per item. */
export async function sendWhatsAppItems(
	ctx: IExecuteFunctions,
	deps: WhatsAppDeps,
	registry: WhatsAppConnectionRegistry,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	// Parameters that cannot vary per item are read once: this node sits on the hot path of every reply.
	const textField = (ctx.getNodeParameter('textField', 0, 'reply.text') as string).trim() || 'reply.text';
	const recipientField = (ctx.getNodeParameter('recipientField', 0, '') as string).trim();
	const mode = ctx.getNodeParameter('interactive', 0, 'numbered') as InteractiveMode;
	const choicesField = mode === 'none' ? '' : ((ctx.getNodeParameter('choicesField', 0, 'reply.choices') as string).trim() || 'reply.choices');
	const options = ctx.getNodeParameter('options', 0, {}) as SendOptions;
	const planOptions: PlanOptions = { footer: options.footer, listButtonText: options.listButtonText };
	const typing: TypingOptions = { enabled: options.typing ?? true, ms: Math.max(0, options.typingDelay ?? 800) };
	const limits: SendLimits = {
		perChat: { perMinute: Math.max(0, options.perChatPerMinute ?? 20), burst: Math.max(1, options.perChatBurst ?? 3) },
		global: { perMinute: Math.max(0, options.globalPerMinute ?? 60), burst: Math.max(1, options.globalBurst ?? 10) },
	};
	const timeoutMs = Math.max(1, options.connectTimeout ?? 30) * 1000;

	const settings = sessionSettings((await ctx.getCredentials('whatsAppSessionApi')) as IDataObject);
	let authFolder: string;
	try {
		authFolder = resolveAuthFolder(settings, process.env, os.homedir());
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message);
	}
	const limiter = registry.limiter(authFolder, limits, deps.clock, deps.sleep);
	const openOwn = () =>
		new WhatsAppSession({
			authFolder,
			makeSocket: deps.makeSocket,
			loadAuthState: deps.loadAuthState,
			sleep: deps.sleep,
			logger: toBaileysLogger(ctx.logger, 'warn', { session: settings.sessionName }),
			browserName: settings.browserName,
			markOnlineOnConnect: settings.markOnlineOnConnect,
			maxReconnectAttempts: 5,
			stopOnReplaced: true,
			failWhenPairingNeeded: true,
			now: () => new Date(),
		});
	let socket: Promise<WhatsAppSocket> | undefined;

	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const json = items[itemIndex].json;
		try {
			const text = readPath(json, textField);
			if (typeof text !== 'string' || text.trim() === '') {
				throw new NodeOperationError(ctx.getNode(), `No message text in field "${textField}"`, { itemIndex });
			}
			const recipient = recipientOf(json, recipientField);
			const jid = typeof recipient === 'string' || typeof recipient === 'number' ? toJid(String(recipient)) : undefined;
			if (!jid) {
				const where = recipientField ? `"${recipientField}"` : '"whatsapp.jid" or "customer.phone"';
				throw new NodeOperationError(ctx.getNode(), `No WhatsApp recipient in field ${where}`, { itemIndex });
			}
			const choices = choicesField ? normalizeChoices(readPath(json, choicesField)) : [];
			const plan = planMessage(text, choices, mode, planOptions);

			socket ??= registry.socketFor(authFolder, openOwn, timeoutMs);
			const live = await socket;
			await limiter.acquire(jid);
			const delivery = await deliver(live, jid, plan, typing, deps.sleep);

			const sent: IDataObject = { to: jid, messageId: delivery.messageId ?? null, kind: delivery.kind };
			if (delivery.fallbackFrom) {
				sent.fallbackFrom = delivery.fallbackFrom;
				sent.fallbackReason = delivery.fallbackReason;
			}
			out.push({ json: { ...json, sent }, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (ctx.continueOnFail()) {
				out.push({ json: { ...json, error: (error as Error).message }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw error instanceof NodeOperationError ? error : new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		}
	}
	return [out];
}
