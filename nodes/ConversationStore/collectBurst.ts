/**
 * The Conversation Store's "Collect Burst" operation: several web chat messages a customer sends within
 * the quiet time become one turn. Each execution records its message, waits the quiet time, and only the
 * one holding the burst's last message goes on (output 1) with every message joined; the others leave on
 * output 2, "Joined Into A Later Message", so the webhook still answers them and nothing vanishes.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import {
	BackendUnavailableError,
	capQuietSeconds,
	collectBursts,
	DEFAULT_QUIET_SECONDS,
	identitiesOf,
	identityKey,
	joinParts,
	MAX_QUIET_SECONDS,
	timeoutFor,
	unopened,
	withTimeout,
	type BurstBackend,
	type BurstRequest,
	type Settled,
	type StoreOptions,
} from '../shared/conversation';
import { toMillis } from '../shared/calendar';
import type { Ticket } from '../shared/ticket';
import type { OpenedBackend } from '../common/conversationBackend';
import type { ParameterReader } from '../common/parameterReader';
import { writeSections } from '../common/ticketField';

const only = { show: { operation: ['collectBurst'] } };

export const collectBurstProperties: INodeProperties[] = [
	{
		displayName: 'Quiet Time (S)',
		name: 'quietTimeSeconds',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_QUIET_SECONDS },
		default: DEFAULT_QUIET_SECONDS,
		description: 'Messages of one customer less than this apart are answered as one (0: each on its own, no wait)',
		displayOptions: only,
	},
	{
		displayName: 'Let the Request Shorten It',
		name: 'quietTimeFromBody',
		type: 'boolean',
		default: false,
		description: 'Whether a web chat request may shorten the quiet time with `quietTime` (seconds) in its JSON body, as the simulator’s live replay sends 0',
		displayOptions: only,
	},
	{
		displayName: 'Shorter Quiet Time For This Message (S)',
		name: 'quietTimeOverride',
		type: 'string',
		default: '',
		placeholder: '={{ $json.body?.quietTime }}',
		description: 'A per-message quiet time that can only shorten the one above (the simulator’s live replay sends 0); empty: none',
		displayOptions: only,
	},
];

export interface CollectBurstSettings {
	opened: OpenedBackend;
	store: StoreOptions;
	timeoutMs: number;
	maxTextLength: number;
	/** Where the ticket sits in the item (empty: the item is the ticket). */
	ticketField: string;
	/** The node's per-item parameters, read once when they hold no expression. */
	param: ParameterReader;
}

export interface BurstItem {
	itemIndex: number;
	incoming: IDataObject;
	ticket: Ticket;
	/** Absent: the message goes on alone (quiet time 0, or no verified identity to gather under). */
	request?: BurstRequest;
}

const asSeconds = (raw: unknown): number => (raw === '' || raw === null || raw === undefined || typeof raw === 'object' ? NaN : Number(raw));

function quietMsOf(param: ParameterReader, itemIndex: number, received: IDataObject): number {
	const base = Number(param('quietTimeSeconds', itemIndex, DEFAULT_QUIET_SECONDS));
	// The body is read here rather than through an expression: n8n evaluates an expression per item at a real cost.
	const body = param<boolean>('quietTimeFromBody', 0, false) === true ? (received.body as IDataObject | undefined) : undefined;
	const shorter = [asSeconds(body && typeof body === 'object' ? body.quietTime : undefined), asSeconds(param<unknown>('quietTimeOverride', itemIndex, ''))].filter((s) => Number.isFinite(s) && s >= 0);
	return capQuietSeconds(Math.min(Number.isFinite(base) ? base : DEFAULT_QUIET_SECONDS, ...shorter)) * 1000;
}

/** The customer key a burst gathers under: a verified identity only (a typed-in email never joins someone else's). */
function burstKeyOf(ticket: Ticket, store: StoreOptions): string | undefined {
	const verified = identitiesOf(ticket, { trustWebchatCustomerId: store.trustWebchatCustomerId }).identities.find((i) => i.strength === 'verified');
	return verified ? identityKey(verified) : undefined;
}

/**
 * One item, read inside the node's per-item loop so bad input fails that item (its index, continueOnFail):
 * the time is parsed here, for every message, whether it waits or goes on alone.
 */
export function burstItemOf(settings: CollectBurstSettings, itemIndex: number, incoming: IDataObject, ticket: Ticket, received: IDataObject): BurstItem {
	const receivedAt = String(ticket.message.receivedAt);
	const receivedMs = toMillis(receivedAt, 'message.receivedAt');
	const quietMs = quietMsOf(settings.param, itemIndex, received);
	const key = burstKeyOf(ticket, settings.store);
	if (quietMs === 0 || !key) return { itemIndex, incoming, ticket };
	const part = { key, id: String(ticket.ticketId), text: String(ticket.message.text ?? ''), receivedAt };
	return { itemIndex, incoming, ticket, request: { ticket: part, receivedMs, options: { quietMs } } };
}

function joinedTicket(item: BurstItem, settled: Extract<Settled, { role: 'last' }>, settings: CollectBurstSettings): IDataObject {
	if (settled.parts.length < 2) return item.incoming;
	return writeSections(item.incoming, settings.ticketField, {
		message: {
			...(item.ticket.message as unknown as IDataObject),
			text: joinParts(settled.parts, settings.maxTextLength),
			parts: settled.parts.map((p) => ({ id: p.id, text: p.text, receivedAt: p.receivedAt })),
		},
		burst: { id: settled.burstId, parts: settled.parts.length },
	});
}

/**
 * Every item of the execution through the shared record, wait and settle (collectBursts), with the
 * store's timeout. A store that is away lets its messages go on alone; any other store error fails the
 * item (or, with continueOnFail, sends it on with its error).
 */
export async function collectBurstItems(
	ctx: IExecuteFunctions,
	settings: CollectBurstSettings,
	items: BurstItem[],
	sleep: (ms: number) => Promise<void>,
): Promise<{ last: INodeExecutionData[]; joined: INodeExecutionData[] }> {
	const last: INodeExecutionData[] = [];
	const joined: INodeExecutionData[] = [];
	const { backend, error: openError } = settings.opened;
	const timed: BurstBackend = {
		transactBurst: (key, mutate) =>
			withTimeout(backend ? backend.transactBurst(key, mutate) : Promise.reject(unopened('Collect burst', openError)), timeoutFor(backend, settings.timeoutMs), 'Collect burst'),
	};
	const waiting = items.filter((item) => item.request);
	const outcomes = await collectBursts(
		timed,
		waiting.map((item) => item.request as BurstRequest),
		sleep,
	);
	const outcomeOf = new Map(waiting.map((item, i) => [item, outcomes[i]]));
	for (const item of items) {
		const outcome = outcomeOf.get(item);
		const paired = { item: item.itemIndex };
		if (!outcome) {
			last.push({ json: item.incoming, pairedItem: paired });
		} else if (outcome.role === 'failed') {
			const { error } = outcome;
			if (error instanceof BackendUnavailableError) {
				ctx.logger.warn(`Conversation Store: ${error.message}; message ${item.ticket.ticketId} goes on alone, not joined into a burst`);
				last.push({ json: item.incoming, pairedItem: paired });
			} else if (ctx.continueOnFail()) {
				last.push({ json: { ...item.incoming, error: error.message }, pairedItem: paired });
			} else {
				throw new NodeOperationError(ctx.getNode(), error.message, { itemIndex: item.itemIndex });
			}
		} else if (outcome.role === 'duplicate') {
			joined.push({ json: writeSections(item.incoming, settings.ticketField, { burst: { id: outcome.burstId, duplicate: true } }), pairedItem: paired });
		} else if (outcome.role === 'last') {
			last.push({ json: joinedTicket(item, outcome, settings), pairedItem: paired });
		} else {
			joined.push({ json: writeSections(item.incoming, settings.ticketField, { burst: { id: outcome.burstId, joinedInto: outcome.into } }), pairedItem: paired });
		}
	}
	return { last, joined };
}
