/**
 * A burst of messages joined into one turn (Conversation Store, Collect Burst) keeps its parts in
 * `message.parts`: "¿hacen envíos?" / "¿y aceptan PayPal?" are two questions, and the one reply answers both.
 * Each part is looked up alone; the answers found are joined into one reply. When no part is answered on
 * its own, the joined text is looked up as one message, as before bursts.
 */
import type { Ticket } from '../ticket';
import { answerReply } from './answer';
import type { KnowledgeBase } from './base';
import { customerLanguage, lookupKnowledge, type LookupOptions, type LookupResult } from './lookup';

/** More parts than this are looked up as one text: a burst is a few messages, not a transcript. */
const MAX_PARTS = 20;

/** The parts' texts of a joined burst; empty when the message is a single one. */
export function partTexts(ticket: Partial<Ticket>): string[] {
	const parts = (ticket.message as { parts?: unknown } | undefined)?.parts;
	if (!Array.isArray(parts) || parts.length < 2 || parts.length > MAX_PARTS) return [];
	return parts.map((part) => (typeof (part as { text?: unknown })?.text === 'string' ? (part as { text: string }).text : '')).filter((text) => text.trim());
}

export function lookupParts(ticket: Partial<Ticket>, kb: KnowledgeBase, options: LookupOptions): LookupResult {
	const texts = partTexts(ticket);
	if (texts.length < 2) return lookupKnowledge(ticket, kb, options);
	const whole = options.text ?? ticket.message?.text ?? '';
	// One language for the whole reply: a lone "hola" must not switch it.
	const language = customerLanguage(ticket, whole, kb);
	const hinted = ticket.triage?.language || ticket.customer?.language ? ticket : { ...ticket, customer: { ...ticket.customer, language } };
	const found = texts.map((text) => lookupKnowledge(hinted, kb, { ...options, text, reply: false }));
	const seen = new Set<string>();
	const answered = found.filter((result) => {
		const id = result.knowledge.bestId ?? '';
		if (!result.knowledge.answered || seen.has(id)) return false;
		seen.add(id);
		return true;
	});
	if (answered.length === 0) return lookupKnowledge(ticket, kb, options);
	const answer = answered.map((result) => result.knowledge.answer ?? '').join('\n\n');
	const [first] = answered;
	const sources = answered.flatMap((result) => result.knowledge.sources).filter((source, index, all) => all.findIndex((s) => s.id === source.id) === index);
	const result: LookupResult = {
		knowledge: {
			...first.knowledge,
			answer,
			// The weakest answer found speaks for the reply.
			score: Math.min(...answered.map((r) => r.knowledge.score)),
			sources: sources.slice(0, Math.max(options.maxSources ?? 1, answered.length)),
			parts: found.map((r, i) => ({ text: texts[i], answered: r.knowledge.answered, score: r.knowledge.score, ...(r.knowledge.bestId ? { bestId: r.knowledge.bestId } : {}) })),
		},
		language: first.language,
	};
	if (options.reply !== false) result.reply = { text: answerReply(ticket, answer, first.language), language: first.language };
	return result;
}
