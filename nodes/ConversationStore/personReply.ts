/**
 * The Conversation Store's "Person's Reply" operation: what a person answered to a handed-off ticket
 * (n8n's Send and Wait for Response form, a Wait node's form or webhook, a helpdesk's webhook) becomes
 * the ticket's reply, an agent turn, a knowledge suggestion, and the person's choice for the conversation.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { BackendUnavailableError, parsePersonAction, recordPersonReply, timeoutFor, withTimeout, unopened, type PersonAction, type StoreOptions } from '../shared/conversation';
import type { OpenedBackend } from '../common/conversationBackend';
import { readTicket } from '../common/ticketField';
import { capText } from '../shared/input-limits';
import type { Ticket } from '../shared/ticket';

const only = { show: { operation: ['personReply'] } };

export const personReplyProperties: INodeProperties[] = [
	{
		displayName: 'Handed-Off Ticket',
		name: 'handoffTicket',
		type: 'json',
		default: '',
		required: true,
		placeholder: "={{ $('Hand To Person').item.json }}",
		description: 'The ticket the person answers, from a node before the wait (a form’s answer replaces the item, so the ticket is read back by name)',
		displayOptions: only,
	},
	{
		displayName: 'Answer',
		name: 'personAnswer',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '={{ $json.data?.Reply }}',
		description: 'What the person wrote to the customer. Empty: nobody answered (the item is passed over, nothing is sent).',
		displayOptions: only,
	},
	{
		displayName: 'Then',
		name: 'personAction',
		type: 'string',
		default: '={{ $json.data?.Then }}',
		description: 'Keep (the person keeps the conversation), resolve (marked resolved, back to the bot) or release (back to the bot); a form choice that says so in es, pt or en works too',
		displayOptions: only,
	},
	{
		displayName: 'Person',
		name: 'personName',
		type: 'string',
		default: '',
		placeholder: 'ana@example.com',
		description: 'Who answered (empty: whoever has the conversation, else “support team”)',
		displayOptions: only,
	},
	{
		displayName: 'Answered At',
		name: 'respondedAt',
		type: 'string',
		default: '={{ $json.data?.respondedAt }}',
		description: 'When the person answered, ISO 8601 (the form’s respondedAt). Empty: the time it runs.',
		displayOptions: only,
	},
];

export interface PersonReplySettings {
	opened: OpenedBackend;
	store: StoreOptions;
	timeoutMs: number;
	maxTextLength: number;
	now: string;
}

function handoffTicketOf(ctx: IExecuteFunctions, itemIndex: number): Ticket {
	let raw = ctx.getNodeParameter('handoffTicket', itemIndex, '') as unknown;
	if (typeof raw === 'string') {
		if (!raw.trim()) throw new NodeOperationError(ctx.getNode(), 'Handed-Off Ticket: empty (name the node before the wait, e.g. {{ $(\'Hand To Person\').item.json }})', { itemIndex });
		try {
			raw = JSON.parse(raw);
		} catch {
			throw new NodeOperationError(ctx.getNode(), 'Handed-Off Ticket: not a ticket object nor JSON', { itemIndex });
		}
	}
	try {
		return readTicket(raw as IDataObject, '');
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Handed-Off Ticket: ${(error as Error).message}`, { itemIndex });
	}
}

/**
 * The reply item for the channel router, or null when no one answered (an in-process replay passes
 * the ticket through the form node unanswered): nothing is sent then.
 */
export async function personReplyItem(ctx: IExecuteFunctions, settings: PersonReplySettings, itemIndex: number): Promise<IDataObject | null> {
	// A person's answer enters here, so the input limit applies to what is sent as well as to what is stored.
	const answer = capText(String(ctx.getNodeParameter('personAnswer', itemIndex, '') ?? '').trim(), settings.maxTextLength).text;
	if (!answer) return null;
	const ticket = handoffTicketOf(ctx, itemIndex);
	let action: PersonAction;
	try {
		action = parsePersonAction(ctx.getNodeParameter('personAction', itemIndex, ''));
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Then: ${(error as Error).message}`, { itemIndex });
	}
	const at = String(ctx.getNodeParameter('respondedAt', itemIndex, '') ?? '').trim() || settings.now;
	const by = String(ctx.getNodeParameter('personName', itemIndex, '') ?? '').trim() || ticket.conversation?.takeover?.by || ticket.route?.handoff?.assignee || 'support team';
	const input = { text: answer, by, at, action, maxTextLength: settings.maxTextLength };
	const { backend, error: openError } = settings.opened;
	const write = () => withTimeout(backend ? recordPersonReply(backend, ticket, input, settings.store) : Promise.reject(unopened("Person's reply", openError)), timeoutFor(backend, settings.timeoutMs), "Person's reply");
	const language = ticket.reply?.language ?? ticket.triage?.language ?? ticket.customer?.language ?? '';
	const reply = { text: answer, language, by: 'agent' };
	const base = { ...(ticket as unknown as IDataObject), reply, personReply: { by, at, action } as IDataObject };
	try {
		const result = await write();
		return {
			...base,
			personReply: { by, at, action, stored: result.stored, ...(result.suggestion ? { suggestion: result.suggestion as unknown as IDataObject } : {}) },
			conversation: { ...((ticket.conversation as IDataObject | undefined) ?? {}), id: result.conversationId, takeover: result.takeover, ...(result.released ? { released: result.released as unknown as IDataObject } : {}) },
		};
	} catch (error) {
		if (!(error instanceof BackendUnavailableError)) throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
		// The customer still gets the answer; the turn waits for the database like any other append.
		const kept = settings.opened.pending.add(async () => {
			await write();
		});
		ctx.logger.warn(`Conversation Store: ${error.message}; the person's answer to ticket ${ticket.ticketId} is sent, and its turn ${kept ? 'waits for the database' : 'is lost'}`);
		return { ...base, personReply: { by, at, action, ...(kept ? { pending: true } : { lost: true }), error: error.message } };
	}
}
