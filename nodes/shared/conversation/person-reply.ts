/**
 * A person's answer to a handed-off ticket (n8n's send-and-wait form, or any webhook): stored as an
 * `agent` turn, offered as a knowledge entry to review, and, as the person chose, the conversation
 * stays theirs, is marked resolved, or goes back to the bot. One transaction, so a retried answer
 * changes nothing twice.
 */
import { toMillis } from '../calendar';
import { capText } from '../input-limits';
import type { Ticket } from '../ticket';
import type { ConversationBackend } from './backend';
import { appendTurn, linkIdentities, newRecord, release, takeOver } from './record';
import { keysOf, messageIdOf, resolve, run, type StoreOptions } from './store';
import type { KnowledgeSuggestion, Release, Turn } from './types';

/** What happens to the conversation after the person's answer. */
export type PersonAction = 'keep' | 'resolve' | 'release';

/** Suggestions kept per conversation. */
export const MAX_SUGGESTIONS = 50;

/**
 * The choice from the form's dropdown (or a webhook's value) as an action. Matched on a few stems
 * in es, pt and en, so a template's labels can be translated without touching the node.
 */
export function parsePersonAction(value: unknown): PersonAction {
	const text = String(value ?? '').trim().toLowerCase();
	if (!text || text === 'keep' || /\b(keep|mantener|manter)\b/.test(text)) return 'keep';
	if (text === 'resolve' || /\b(resolv|resuel)/.test(text)) return 'resolve';
	if (text === 'release' || /\b(hand|bot|release|devolver|liberar)\b/.test(text)) return 'release';
	throw new Error(`action: "${String(value).slice(0, 80)}" is not one of keep, resolve or release (or a form choice that says so)`);
}

export interface PersonReplyInput {
	text: string;
	by: string;
	/** When the person answered (the form's respondedAt), ISO 8601. */
	at: string;
	action: PersonAction;
	/** Longest turn text stored (the input limit). */
	maxTextLength?: number;
}

export interface PersonReplyResult {
	conversationId: string | null;
	/** The agent turn was stored now (false: this answer was stored before). */
	stored: boolean;
	action: PersonAction;
	takeover: { by: string; since: string } | null;
	released?: Release;
	suggestion?: KnowledgeSuggestion;
}

function languageOf(ticket: Ticket): string | undefined {
	const value = ticket.triage?.language ?? ticket.reply?.language ?? ticket.customer?.language;
	return typeof value === 'string' && value ? value : undefined;
}

/** Stores a person's answer to the ticket's message and applies their choice to the conversation. */
export async function recordPersonReply(backend: ConversationBackend, ticket: Ticket, input: PersonReplyInput, options: StoreOptions): Promise<PersonReplyResult> {
	const by = input.by.trim();
	if (!by) throw new Error('person: who answered is required');
	const cap = (text: string) => capText(text, input.maxTextLength).text;
	const text = cap(input.text.trim());
	if (!text) throw new Error('answer: the person’s answer is empty');
	toMillis(input.at, 'respondedAt');
	// Found as the handed-off ticket was, at the time of the answer (for idle release and retention).
	const keys = keysOf({ ...ticket, message: { ...ticket.message, receivedAt: input.at } }, options);
	if (keys.identities.length === 0 && !keys.lookup.ids?.length) throw new Error('conversation: the ticket has no identity or conversation id to answer in');
	const messageId = messageIdOf(ticket);
	const channel = String(ticket.channel ?? '');
	const turn: Turn = { id: `${messageId}:agent`, role: 'agent', text, channel, at: input.at, by, ...(input.action === 'resolve' ? { resolved: true } : {}) };
	const question = cap(String(ticket.message?.text ?? '').trim());
	const language = languageOf(ticket);
	const reason = ticket.route?.reasons?.find((r) => typeof r === 'string' && r !== '');
	return await run<PersonReplyResult>(backend, keys.lookup, (found) => {
		const { record: existing, remove } = resolve(found, keys, options);
		if (!existing && keys.identities.length === 0) throw new Error(`conversation.id: no conversation ${keys.lookup.ids?.[0]}`);
		const record = existing ?? newRecord(keys.identities, input.at);
		linkIdentities(record, keys.identities);
		const stored = appendTurn(record, turn, options.policy);
		let released: Release | undefined;
		// A retried answer must not re-take a conversation the person has since handed back.
		if (stored) {
			if (input.action === 'keep') {
				takeOver(record, record.takeover?.by ?? by, input.at);
				// Answered: the customer's next message asks the person anew.
				if (record.takeover) delete record.takeover.askedAt;
			}
			else released = release(record, input.at, 'released', by);
		}
		let suggestion: KnowledgeSuggestion | undefined;
		if (question) {
			const id = `${record.id}/${messageId}`;
			const list = record.suggestions ?? [];
			suggestion = list.find((s) => s.id === id);
			if (!suggestion) {
				suggestion = { id, question, answer: text, ...(language ? { language } : {}), by, at: input.at, ticketId: String(ticket.ticketId ?? messageId), channel, ...(reason ? { reason } : {}), status: 'pending' };
				record.suggestions = [...list, suggestion].slice(-MAX_SUGGESTIONS);
			}
		}
		const takeover = record.takeover ? { by: record.takeover.by, since: record.takeover.since } : null;
		return {
			save: record,
			remove: remove.filter((id) => id !== record.id),
			result: { conversationId: record.id, stored, action: input.action, takeover, ...(released ? { released } : {}), ...(suggestion ? { suggestion } : {}) },
		};
	});
}

/**
 * The suggestions waiting for review, newest first, as knowledge entries ready to paste into a
 * knowledge base (workflows/knowledge/*.json) once a person has checked them.
 */
export function suggestedEntries(records: Iterable<{ suggestions?: KnowledgeSuggestion[] }>, sinceMs = -Infinity) {
	const out: Array<KnowledgeSuggestion & { title: string; questions: string[]; tags: string[] }> = [];
	for (const record of records) {
		for (const s of record.suggestions ?? []) {
			if (toMillis(s.at, 'suggestion.at') < sinceMs) continue;
			out.push({ ...s, title: s.question.replace(/\s+/g, ' ').slice(0, 120), questions: [s.question], tags: ['suggested', 'from-person'] });
		}
	}
	return out.sort((a, b) => toMillis(b.at, 'suggestion.at') - toMillis(a.at, 'suggestion.at') || (a.id < b.id ? -1 : 1));
}
