/**
 * The Conversation Store's "Collect Burst" operation: several web chat messages a customer sends within
 * the quiet time become one turn. Each execution records its message, waits the quiet time, and only the
 * one holding the burst's last message goes on (output 1) with every message joined; the others leave on
 * output 2, "Joined Into A Later Message", so the webhook still answers them and nothing vanishes.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import {
	BackendUnavailableError,
	identitiesOf,
	identityKey,
	joinParts,
	recordBurstPart,
	settleBurstPart,
	unopened,
	withTimeout,
	type BurstTicket,
	type ConversationBackend,
	type Recorded,
	type Settled,
	type StoreOptions,
} from '../shared/conversation';
import { toMillis } from '../shared/calendar';
import type { Ticket } from '../shared/ticket';
import type { OpenedBackend } from '../common/conversationBackend';
import { writeSections } from '../common/ticketField';

const only = { show: { operation: ['collectBurst'] } };
/** A longer wait holds an execution (and, on web chat, the customer's request) for nothing. */
export const MAX_QUIET_SECONDS = 60;

export const collectBurstProperties: INodeProperties[] = [
	{
		displayName: 'Quiet Time (S)',
		name: 'quietTimeSeconds',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_QUIET_SECONDS },
		default: 4,
		description: 'Messages of one customer less than this apart are answered as one (0: each on its own, no wait)',
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
}

export interface BurstItem {
	itemIndex: number;
	incoming: IDataObject;
	ticket: Ticket;
}

interface Waiting extends BurstItem {
	part: BurstTicket;
	receivedMs: number;
	quietMs: number;
	recorded?: Recorded;
}

function quietMsOf(ctx: IExecuteFunctions, itemIndex: number): number {
	const base = Number(ctx.getNodeParameter('quietTimeSeconds', itemIndex, 4));
	const raw = ctx.getNodeParameter('quietTimeOverride', itemIndex, '') as unknown;
	const override = raw === '' || raw === null || raw === undefined ? NaN : Number(raw);
	const seconds = Math.min(Number.isFinite(base) ? base : 4, Number.isFinite(override) && override >= 0 ? override : Infinity, MAX_QUIET_SECONDS);
	return Math.max(0, seconds) * 1000;
}

/** The customer key a burst gathers under: a verified identity only (a typed-in email never joins someone else's). */
function burstKeyOf(ticket: Ticket, store: StoreOptions): string | undefined {
	const verified = identitiesOf(ticket, { trustWebchatCustomerId: store.trustWebchatCustomerId }).identities.find((i) => i.strength === 'verified');
	return verified ? identityKey(verified) : undefined;
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
 * Runs every item of the execution: all parts are recorded first, then one wait, then each settles, so
 * a batch holding several messages of one customer also comes out as one turn.
 */
export async function collectBurstItems(
	ctx: IExecuteFunctions,
	settings: CollectBurstSettings,
	items: BurstItem[],
	sleep: (ms: number) => Promise<void>,
): Promise<{ last: INodeExecutionData[]; joined: INodeExecutionData[] }> {
	const last: INodeExecutionData[] = [];
	const joined: INodeExecutionData[] = [];
	const alone = (item: BurstItem) => last.push({ json: item.incoming, pairedItem: { item: item.itemIndex } });
	const { backend, error: openError } = settings.opened;
	const call = <T>(what: string, work: (opened: ConversationBackend) => Promise<T>) =>
		withTimeout(backend ? work(backend) : Promise.reject(unopened(what, openError)), settings.timeoutMs, what);
	const storeAway = (item: BurstItem, error: Error) => {
		if (!(error instanceof BackendUnavailableError)) throw new NodeOperationError(ctx.getNode(), error.message, { itemIndex: item.itemIndex });
		ctx.logger.warn(`Conversation Store: ${error.message}; message ${item.ticket.ticketId} goes on alone, not joined into a burst`);
		alone(item);
	};

	const waiting: Waiting[] = [];
	for (const item of items) {
		const quietMs = quietMsOf(ctx, item.itemIndex);
		const key = burstKeyOf(item.ticket, settings.store);
		if (quietMs === 0 || !key) {
			alone(item);
			continue;
		}
		const receivedAt = String(item.ticket.message.receivedAt);
		const part = { key, id: String(item.ticket.ticketId), text: String(item.ticket.message.text ?? ''), receivedAt };
		waiting.push({ ...item, part, receivedMs: toMillis(receivedAt, 'message.receivedAt'), quietMs });
	}
	for (const entry of waiting) {
		try {
			entry.recorded = await call('Collect burst', (opened) => recordBurstPart(opened, entry.part, entry.receivedMs, { quietMs: entry.quietMs }));
		} catch (error) {
			storeAway(entry, error as Error);
		}
		if (entry.recorded?.duplicate) {
			joined.push({ json: writeSections(entry.incoming, settings.ticketField, { burst: { id: entry.recorded.burstId, duplicate: true } }), pairedItem: { item: entry.itemIndex } });
		}
	}
	const toSettle = waiting.flatMap((entry) => (entry.recorded && !entry.recorded.duplicate ? [{ ...entry, recorded: entry.recorded }] : []));
	if (toSettle.length === 0) return { last, joined };
	await sleep(Math.max(...toSettle.map((entry) => entry.quietMs)));
	for (const entry of toSettle) {
		let settled: Settled;
		try {
			settled = await call('Collect burst', (opened) => settleBurstPart(opened, entry.recorded, entry.part, entry.receivedMs));
		} catch (error) {
			storeAway(entry, error as Error);
			continue;
		}
		if (settled.role === 'last') last.push({ json: joinedTicket(entry, settled, settings), pairedItem: { item: entry.itemIndex } });
		else joined.push({ json: writeSections(entry.incoming, settings.ticketField, { burst: { id: settled.burstId, joinedInto: settled.into } }), pairedItem: { item: entry.itemIndex } });
	}
	return { last, joined };
}
