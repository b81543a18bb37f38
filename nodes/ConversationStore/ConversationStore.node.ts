import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { readTicket, valueAt, writeSections } from '../common/ticketField';
import {
	appendToConversation,
	BackendUnavailableError,
	unopened,
	loadConversation,
	purgeCustomer,
	purgeExpired,
	recordDeliveryStatus,
	recordCsat,
	releaseConversation,
	resolveConversationPolicy,
	takeOverConversation,
	timeoutFor,
	withTimeout,
	type AskOnce,
	type ConversationBackend,
	type ConversationView,
	type StoreOptions,
} from '../shared/conversation';
import { toMillis } from '../shared/calendar';
import { channelEventOf } from '../shared/channels/from-payload';
import { parseCsat } from '../shared/csat';
import type { Ticket } from '../shared/ticket';
import { resolveInputLimits, type InputLimits } from '../shared/input-limits';
import { toTicketShape } from '../shared/ticket-input';
import { conversationStoreProperties } from './description';
import { openBackendOfNode, type OpenedBackend } from '../common/conversationBackend';
import { parameterReader, type ParameterReader } from '../common/parameterReader';
import { conversationBackendCredentials } from '../common/conversationBackendDescription';
import { support247PostgresTest } from '../common/postgresCredential';
import { personReplyItem } from './personReply';
import { webChatUpdatesItem } from './webChatUpdates';
import { burstItemOf, collectBurstItems, type BurstItem } from './collectBurst';

type Operation = 'collectBurst' | 'load' | 'append' | 'takeOver' | 'release' | 'purge' | 'recordStatus' | 'recordCsat' | 'personReply' | 'webChatUpdates';

interface Settings {
	operation: Operation;
	opened: OpenedBackend;
	store: StoreOptions;
	timeoutMs: number;
	ticketField: string;
	limits: InputLimits;
	now: string;
	/** Per-item parameters, read once for the execution when they hold no expression. */
	param: ParameterReader;
}

function unavailableView(error: Error): ConversationView {
	return { id: null, identities: [], weakMatch: false, turns: [], unresolvedAiTurns: 0, greeted: false, takeover: null, claims: [], unavailable: true, error: error.message };
}

// A store that reads and writes the ticket in place is not a tool an agent should call.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class ConversationStore implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support Conversation Store',
		name: 'conversationStore',
		icon: 'file:conversationStore.svg',
		group: ['transform'],
		version: 1,
		description: 'Remembers each customer across messages and channels, and lets a person take a conversation over from the bot',
		subtitle: '={{$parameter["operation"]}}',
		defaults: { name: 'Conversation Store' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// Collect Burst has a second output for the messages a later one of the burst carries; Take Over,
		// when it asks the person once, one for the messages the person already has a request for.
		outputs: `={{ $parameter.operation === 'collectBurst' ? [{ type: 'main', displayName: 'Last Message' }, { type: 'main', displayName: 'Joined Into A Later Message' }] : $parameter.operation === 'takeOver' && $parameter.askOnce === true ? [{ type: 'main', displayName: 'Ask the Person' }, { type: 'main', displayName: 'Already Asked' }] : ['main'] }}`,
		credentials: conversationBackendCredentials(),
		properties: conversationStoreProperties,
	};

	methods = { credentialTest: { support247PostgresTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		let settings: Settings;
		try {
			const options = this.getNodeParameter('options', 0, {}) as IDataObject;
			const number = (name: string) => (options[name] === undefined || options[name] === '' ? undefined : Number(options[name]));
			const at = String(options.now ?? '').trim();
			if (at) toMillis(at, 'options.now');
			const timeoutMs = number('timeoutMs') ?? 2000;
			settings = {
				operation: this.getNodeParameter('operation', 0) as Operation,
				opened: await openBackendOfNode(this, timeoutMs),
				store: {
					policy: resolveConversationPolicy({
						maxTurns: number('maxTurns'),
						takeoverIdleMinutes: number('takeoverIdleMinutes'),
						episodeGapHours: number('episodeGapHours'),
						retentionDays: number('retentionDays'),
					}),
					trustWebchatCustomerId: options.trustWebchatCustomerId === true,
				},
				timeoutMs,
				ticketField: String(options.ticketField ?? '').trim(),
				limits: resolveInputLimits(options),
				// Only this node file reads the clock, and only for items that carry no time of their own.
				now: at || new Date().toISOString(),
				param: parameterReader(this),
			};
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}

		if (settings.operation === 'collectBurst') return await collectBurst(this, settings, items);

		const out: INodeExecutionData[] = [];
		const alreadyAsked: INodeExecutionData[] = [];
		const split = settings.operation === 'takeOver' && settings.param<boolean>('askOnce', 0, false) === true;
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex];
			try {
				const json = await runItem(this, settings, item.json, itemIndex);
				// Null: a Person's Reply with no answer yet, so nothing to send.
				if (!json) continue;
				(split && personAskedOf(json, settings.ticketField) ? alreadyAsked : out).push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { ...item.json, error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
			}
		}
		return split ? [out, alreadyAsked] : [out];
	}
}

/** Take Over's ask-once setting: the unanswered request's expiry, or undefined when every message asks. */
function askOnceOf(ctx: IExecuteFunctions, param: ParameterReader, itemIndex: number): AskOnce | undefined {
	if (param<boolean>('askOnce', 0, false) !== true) return undefined;
	const hours = Number(param('askExpiresHours', itemIndex, 168));
	if (!Number.isFinite(hours) || hours < 0) throw new NodeOperationError(ctx.getNode(), `askExpiresHours: ${String(hours)} is not a number of hours (0 or more)`, { itemIndex });
	return { expiresMinutes: hours * 60 };
}

/** Whether Take Over found the person already asked (a store that could not be read asks again). */
function personAskedOf(json: IDataObject, ticketField: string): boolean {
	const conversation = (valueAt(json, ticketField) as IDataObject | undefined)?.conversation as IDataObject | undefined;
	return (conversation?.takeover as IDataObject | undefined)?.personAsked === true;
}

/** Collect Burst: every item's ticket first, then the parts are recorded, waited for and settled together. */
async function collectBurst(ctx: IExecuteFunctions, settings: Settings, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const ready: BurstItem[] = [];
	const failed: INodeExecutionData[] = [];
	const burstSettings = { ...settings, maxTextLength: settings.limits.maxTextLength };
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { incoming, ticket } = ticketOf(settings, items[itemIndex].json, itemIndex);
			// The webhook's payload in ticket shape, time included, so Load after it reads the same ticket.
			ready.push(burstItemOf(burstSettings, itemIndex, writeSections(incoming, settings.ticketField, { message: ticket.message as unknown as IDataObject }), ticket, items[itemIndex].json));
		} catch (error) {
			if (!ctx.continueOnFail()) throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
			failed.push({ json: { ...items[itemIndex].json, error: (error as Error).message }, pairedItem: { item: itemIndex } });
		}
	}
	const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
	const { last, joined } = await collectBurstItems(ctx, burstSettings, ready, sleep);
	return [[...last, ...failed], joined];
}

/** The item's ticket, with a time and the conversation id asked for, ready for the store. */
function ticketOf(settings: Settings, json: IDataObject, itemIndex: number): { incoming: IDataObject; ticket: Ticket } {
	// As the first node after a Webhook or Chat Trigger, Load also gives their payload the ticket shape.
	let incoming = settings.ticketField ? json : (toTicketShape(json, () => settings.now, settings.limits) as IDataObject);
	const messageless = settings.operation === 'takeOver' || settings.operation === 'release' || settings.operation === 'purge';
	// A person's action (a form, a helpdesk webhook, a schedule) may carry only a conversation id or a customer.
	if (messageless && !settings.ticketField && typeof incoming.message !== 'object') incoming = { ...incoming, message: { text: '', receivedAt: settings.now } };
	const ticket = { ...readTicket(incoming, settings.ticketField) };
	if (!ticket.message.receivedAt) ticket.message = { ...ticket.message, receivedAt: settings.now };
	if (settings.operation !== 'load') {
		const id = String(settings.param('conversationId', itemIndex, '') ?? '').trim();
		if (id) ticket.conversation = { ...(ticket.conversation ?? { identities: [], unresolvedAiTurns: 0, greeted: false, takeover: null }), id };
	}
	return { incoming, ticket };
}

async function call<T>(settings: Settings, what: string, work: (backend: ConversationBackend) => Promise<T>): Promise<T> {
	const { backend, error } = settings.opened;
	return await withTimeout(backend ? work(backend) : Promise.reject(unopened(what, error)), timeoutFor(backend, settings.timeoutMs), what);
}

/**
 * A delivery, read or failure receipt (the Channel Router's Status output, or a trigger's raw payload):
 * recorded in the customer's conversation, never a turn. An echo or other event passes with `recorded: false`.
 */
async function recordStatusItem(ctx: IExecuteFunctions, settings: Settings, json: IDataObject, itemIndex: number): Promise<IDataObject> {
	const event = channelEventOf(json);
	if (!event) throw new NodeOperationError(ctx.getNode(), 'channelEvent: the item is not a delivery or read status (nor a WhatsApp, Messenger or Instagram status payload)', { itemIndex });
	const withEvent = { ...json, channelEvent: event as unknown as IDataObject };
	if (event.kind !== 'status') return { ...withEvent, deliveryStatus: { conversationId: null, recorded: false } };
	try {
		await flushPending(ctx, settings);
		const result = await call(settings, 'Record status', (backend) => recordDeliveryStatus(backend, event, settings.store));
		return { ...withEvent, deliveryStatus: result as unknown as IDataObject };
	} catch (error) {
		if (!(error instanceof BackendUnavailableError)) throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
		// A lost receipt costs a tick in the conversation, never a customer's message: logged, not queued.
		ctx.logger.warn(`Conversation Store: ${error.message}; the ${event.status ?? ''} status of ${event.messageId ?? 'a message'} is not recorded`);
		return { ...withEvent, deliveryStatus: { conversationId: null, recorded: false, error: error.message } };
	}
}

async function runItem(ctx: IExecuteFunctions, settings: Settings, json: IDataObject, itemIndex: number): Promise<IDataObject | null> {
	if (settings.operation === 'recordStatus') return await recordStatusItem(ctx, settings, json, itemIndex);
	if (settings.operation === 'webChatUpdates') return await webChatUpdatesItem(ctx, settings, json, itemIndex);
	if (settings.operation === 'personReply') {
		// A database still away keeps its waiting writes; the answer goes out either way.
		await flushPending(ctx, settings).catch(() => undefined);
		return await personReplyItem(ctx, { ...settings, maxTextLength: settings.limits.maxTextLength }, itemIndex);
	}
	const { incoming, ticket } = ticketOf(settings, json, itemIndex);
	const field = settings.ticketField;
	const { store, opened } = settings;
	switch (settings.operation) {
		case 'load': {
			try {
				await flushPending(ctx, settings);
				const loaded = await call(settings, 'Load', (backend) => loadConversation(backend, ticket, store));
				const sections: IDataObject = { conversation: loaded.conversation as unknown as IDataObject };
				if (loaded.conversation.id) sections.history = loaded.history as unknown as IDataObject[];
				if (loaded.conversation.greetedAt) sections.hours = { ...((ticket.hours as IDataObject | undefined) ?? {}), greetedAt: loaded.conversation.greetedAt };
				return writeSections(incoming, field, sections);
			} catch (error) {
				if (!(error instanceof BackendUnavailableError)) throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
				ctx.logger.warn(`Conversation Store: ${error.message}; ticket ${ticket.ticketId} goes on without its conversation and to a person`);
				return writeSections(incoming, field, { conversation: unavailableView(error) as unknown as IDataObject });
			}
		}
		case 'append': {
			const input = {
				replyRole: settings.param('replyRole', itemIndex, 'ai') as 'ai' | 'agent',
				agent: String(settings.param('agent', itemIndex, '') ?? '') || undefined,
				agentText: String(settings.param('agentText', itemIndex, '') ?? '') || undefined,
				includeCustomerTurn: settings.param('includeCustomerTurn', itemIndex, true) as boolean,
				maxTextLength: settings.limits.maxTextLength,
			};
			const write = () => call(settings, 'Append', (backend) => appendToConversation(backend, ticket, input, store));
			try {
				await flushPending(ctx, settings);
				const result = await write();
				return writeSections(incoming, field, { conversation: { ...((ticket.conversation as IDataObject | undefined) ?? {}), id: result.conversationId, appended: { stored: result.stored, duplicates: result.duplicates } } });
			} catch (error) {
				if (!(error instanceof BackendUnavailableError)) throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
				const kept = opened.pending.add(write);
				ctx.logger.warn(
					kept
						? `Conversation Store: ${error.message}; the turns of ticket ${ticket.ticketId} wait to be written when the database is back (${opened.pending.size} waiting)`
						: `Conversation Store: ${error.message}; the turns of ticket ${ticket.ticketId} are lost (${opened.pending.lost} lost so far)`,
				);
				return writeSections(incoming, field, { conversation: { ...((ticket.conversation as IDataObject | undefined) ?? {}), appended: kept ? { pending: true } : { lost: true }, error: error.message } });
			}
		}
		case 'takeOver': {
			// Read from the ticket rather than through an expression: n8n evaluates an expression per item at a real cost.
			const person = String(settings.param('person', itemIndex, '') ?? '').trim() || ticket.route?.handoff?.queue || 'support team';
			const ask = askOnceOf(ctx, settings.param, itemIndex);
			const result = await call(settings, 'Take over', (backend) => takeOverConversation(backend, ticket, person, store, ask));
			return writeSections(incoming, field, { conversation: { ...((ticket.conversation as IDataObject | undefined) ?? {}), id: result.conversationId, takeover: result.takeover } });
		}
		case 'release': {
			const person = String(settings.param('person', itemIndex, '') ?? '');
			const result = await call(settings, 'Release', (backend) => releaseConversation(backend, ticket, person || undefined, store));
			return writeSections(incoming, field, {
				conversation: { ...((ticket.conversation as IDataObject | undefined) ?? {}), id: result.conversationId, takeover: null, ...(result.released ? { released: result.released as unknown as IDataObject } : {}) },
			});
		}
		case 'purge': {
			const mode = settings.param('purgeMode', itemIndex, 'customer') as string;
			const purged =
				mode === 'expired'
					? await call(settings, 'Purge', (backend) => purgeExpired(backend, toMillis(ticket.message.receivedAt as string, 'message.receivedAt'), store.policy))
					: await call(settings, 'Purge', (backend) => purgeCustomer(backend, ticket, store));
			return writeSections(incoming, field, { purge: { mode, conversations: purged } });
		}
		case 'recordCsat': {
			const score = parseCsat(settings.param('csatAnswer', itemIndex, '') ?? '');
			if (score === null) return writeSections(incoming, field, { csat: { score: null, stored: false, reopen: false } });
			const result = await call(settings, 'Record CSAT', (backend) => recordCsat(backend, ticket, score, store));
			return writeSections(incoming, field, {
				csat: { score, stored: result.stored, reopen: result.reopen, ...(result.answer ? { resolver: result.answer.resolver, ...(result.answer.tier ? { tier: result.answer.tier } : {}) } : {}) },
				conversation: { ...((ticket.conversation as IDataObject | undefined) ?? {}), id: result.conversationId },
			});
		}
		default:
			throw new NodeOperationError(ctx.getNode(), `operation: "${settings.operation as string}" is not one of load, append, takeOver, release, purge, recordStatus, recordCsat, personReply, webChatUpdates`, { itemIndex });
	}
}

/** Writes turns that waited for the database; once it answers, they go before anything new. */
async function flushPending(ctx: IExecuteFunctions, settings: Settings): Promise<void> {
	const pending = settings.opened.pending;
	if (pending.size === 0) return;
	const written = await pending.flush(async (write) => {
		await write();
	});
	if (written) ctx.logger.info(`Conversation Store: ${written} waiting append(s) written now that the database answers`);
}
