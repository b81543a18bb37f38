/**
 * A customer's answer to the CSAT question, from a chat message (found by the conversation Load
 * found) or an email link (found by the link's conversation and token): stored with the conversation,
 * then thanks, or for a low score the case reopened to a person.
 */
import { toMillis } from '../calendar';
import { recordCsat, type ConversationBackend, type StoreOptions } from '../conversation';
import type { ConversationRecord } from '../conversation/types';
import type { Ticket } from '../ticket';
import { csatOutcome, type CsatOutcome } from './answer';
import { csatAwaiting, DEFAULT_AWAIT_RULES, type CsatAwaitRules } from './awaiting';
import { parseCsat } from './parse';

export interface ReadAnswerInput {
	/** The item as a ticket (a chat message after Load Conversation; for a link, whatever the webhook gave). */
	ticket: Partial<Ticket>;
	text: string;
	/** An email link's `t`: "<conversation id>~<token>". */
	reference?: string;
	/** ISO 8601 with offset: the message's time, or the click's. */
	now: string;
	queue?: string;
}

export type ReadAnswerResult =
	| { kind: 'none'; why: string }
	| { kind: 'rated' | 'low'; score: number; stored: boolean; ticket: Ticket; outcome: CsatOutcome; resolver?: string; tier?: string; conversationId: string };

async function read(backend: ConversationBackend, id: string): Promise<ConversationRecord | undefined> {
	return await backend.transact({ ids: [id] }, (found) => ({ result: found.find((record) => record.id === id) }));
}

function lastCustomerText(record: ConversationRecord): string | undefined {
	for (let i = record.turns.length - 1; i >= 0; i--) if (record.turns[i].role === 'customer') return record.turns[i].text;
	return undefined;
}

function languageOf(ticket: Partial<Ticket>, record: ConversationRecord): string | undefined {
	const known = ticket.triage?.language ?? ticket.customer?.language;
	if (known) return known;
	for (let i = record.turns.length - 1; i >= 0; i--) if (record.turns[i].outcome?.language) return record.turns[i].outcome?.language;
	return undefined;
}

export async function readCsatAnswer(backend: ConversationBackend, input: ReadAnswerInput, store: StoreOptions, rules: CsatAwaitRules = DEFAULT_AWAIT_RULES): Promise<ReadAnswerResult> {
	const nowMs = toMillis(input.now, 'message.receivedAt');
	const reference = (input.reference ?? '').trim();
	const fromLink = reference !== '';
	let id: string;
	let record: ConversationRecord | undefined;
	if (fromLink) {
		const [linkId, token] = reference.split('~');
		if (!linkId || !token) return { kind: 'none', why: 'link: the reference is not "<conversation>~<token>"' };
		record = await read(backend, linkId);
		// The token is random per question: a guessed or old link rates nothing.
		if (!record || record.outreach?.csatToken !== token) return { kind: 'none', why: 'link: no open question with this token' };
		id = linkId;
	} else {
		const known = input.ticket.conversation?.id;
		if (typeof known !== 'string' || !known) return { kind: 'none', why: 'no conversation' };
		// Most messages are questions, not scores: those never cost a read of the store.
		const words = input.text.trim().split(/\s+/, rules.maxWords + 1).filter(Boolean).length;
		if (words === 0 || words > rules.maxWords || parseCsat(input.text) === null) return { kind: 'none', why: 'not a score' };
		id = known;
		record = await read(backend, id);
	}
	if (!csatAwaiting(record, fromLink ? null : input.text, nowMs, rules)) return { kind: 'none', why: 'no question waiting for an answer' };
	const score = parseCsat(input.text);
	if (score === null) return { kind: 'none', why: 'not a score' };
	const found = record as ConversationRecord;
	const email = Object.keys(found.identities).find((key) => key.startsWith('email:'))?.slice('email:'.length);
	const language = languageOf(input.ticket, found);
	const ticket: Ticket = fromLink
		? ({
				ticketId: `${id}:csat-link:${found.outreach?.csatAskedAt ?? ''}`,
				channel: 'email',
				customer: { ...(found.customerName ? { name: found.customerName } : {}), ...(email ? { email } : {}), ...(language ? { language } : {}) },
				message: { text: input.text, receivedAt: input.now },
				conversation: { id, identities: [], unresolvedAiTurns: 0, greeted: false, takeover: null },
			} as Ticket)
		: ({ ...input.ticket, message: { ...(input.ticket.message ?? { text: input.text }), receivedAt: input.ticket.message?.receivedAt ?? input.now } } as Ticket);
	const result = await recordCsat(backend, ticket, score, store);
	const resolver = result.answer?.resolver;
	const tier = result.answer?.tier;
	const outcome = csatOutcome({
		score,
		language,
		name: ticket.customer?.name ?? found.customerName,
		resolver,
		tier,
		lastQuestion: lastCustomerText(found),
		conversationId: id,
		queue: input.queue,
	});
	return { kind: result.reopen ? 'low' : 'rated', score, stored: result.stored, ticket, outcome, resolver, tier, conversationId: id };
}
