import { appendToConversation, recordCsat, recordPersonReply, resolveConversationPolicy, type ConversationBackend } from '../../nodes/shared/conversation';
import type { Ticket } from '../../nodes/shared/ticket';

/**
 * A small store whose figures were worked out by hand (test/unit/insights-report.test.ts):
 * "now" is Monday 2026-03-09 09:00 in Mexico City.
 */
export const REPORT_NOW = '2026-03-09T09:00:00-06:00';

type Tier = 'L1' | 'L2' | 'L3' | 'L4';
interface Case {
	id: string;
	who: Partial<Ticket> & { channel: string };
	at: string;
	text: string;
	tier?: Tier;
	rules?: string[];
	reasons?: string[];
	language?: string;
	answered?: boolean;
	open?: boolean;
	due?: string;
	reply?: string;
}

const A = { channel: 'whatsapp', customer: { phone: '+5215500000001', name: 'Ana' } };
const B = { channel: 'email', customer: { email: 'bob@example.com', name: 'Bob' } };
const C = { channel: 'webchat', sessionId: 'sess-c', customer: {} };
const D = { channel: 'webchat', sessionId: 'sess-d', customer: {} };
const E = { channel: 'whatsapp', customer: { phone: '+5215500000005' } };
const F = { channel: 'whatsapp', customer: { phone: '+5215500000006' } };

export const REPORT_CASES: Case[] = [
	{ id: 'a1', who: A, at: '2026-03-08T10:00:00-06:00', text: '¿a qué hora abren?', tier: 'L1', rules: ['knowledgeAnswer'], reasons: ['knowledge answer (score 0.9)'], language: 'es', answered: true, open: true, reply: 'Abrimos a las 9.' },
	{ id: 'a2', who: A, at: '2026-03-05T12:00:00-06:00', text: '¿dónde está mi pedido A123?', tier: 'L2', rules: ['actionIntent'], reasons: ['intent track_order needs system access'], language: 'es', answered: false, open: true, reply: 'Tu pedido A123 va en camino.' },
	{ id: 'a3', who: A, at: '2026-03-04T10:00:00-06:00', text: 'gracias' },
	{ id: 'b1', who: B, at: '2026-03-07T22:00:00-06:00', text: 'I want a refund now, this is outrageous', tier: 'L3', rules: ['angry'], reasons: ['angry customer'], language: 'en', open: false, due: '2026-03-09T09:30:00-06:00', reply: 'A person will answer you.' },
	{ id: 'c1', who: C, at: '2026-03-06T15:00:00-06:00', text: 'necesito factura de mi compra', tier: 'L3', rules: ['lowConfidence'], reasons: ['low confidence: no knowledge answer and no action intent'], language: 'es', open: true, due: '2026-03-06T15:30:00-06:00', reply: 'Te paso con una persona.' },
	{ id: 'd1', who: D, at: '2026-03-08T20:00:00-06:00', text: 'quero um desconto especial', tier: 'L3', rules: ['offHours', 'outOfPolicy'], reasons: ['off hours: no supervisor on call, held in the L3 queue', 'out-of-policy decision'], language: 'pt', open: false, due: '2026-03-09T10:00:00-06:00', reply: 'Uma pessoa vai responder.' },
	{ id: 'e1', who: E, at: '2026-03-08T23:00:00-06:00', text: 'mi tarjeta no pasa', tier: 'L3', rules: ['lowConfidence'], reasons: ['low confidence: answer score 0.3 below 0.5'], language: 'es', open: false, due: '2026-03-09T08:00:00-06:00', reply: 'Te paso con una persona.' },
	{ id: 'f1', who: F, at: '2026-02-20T10:00:00-06:00', text: '¿hacen envíos?', tier: 'L1', rules: ['knowledgeAnswer'], reasons: ['knowledge answer (score 0.8)'], language: 'es', answered: true, open: true, reply: 'Sí, a todo el país.' },
];

export function caseTicket(c: Case): Ticket {
	const ticket: Ticket = { ticketId: c.id, ...c.who, customer: { ...(c.who.customer ?? {}) }, message: { id: c.id, text: c.text, receivedAt: c.at } } as Ticket;
	if (!c.tier) return ticket;
	return {
		...ticket,
		triage: { intent: 'x', confidence: 0.8, urgency: 'normal', sentiment: 0, language: c.language, flags: {}, automation: 'high', provider: 'embedded' } as unknown as Ticket['triage'],
		knowledge: { answered: c.answered === true, score: 0.5, sources: [] },
		hours: { open: c.open !== false },
		route: { tier: c.tier, reasons: c.reasons ?? [], rules: c.rules ?? [] },
		...(c.due ? { sla: { policy: 'default', firstResponseDueAt: c.due, state: 'ok' as const } } : {}),
		...(c.reply ? { reply: { text: c.reply, language: c.language ?? 'es' } } : {}),
	};
}

const options = { policy: resolveConversationPolicy() };

/** A person's answer to a customer's case, as the Conversation Store's Append (a person) stores it. */
export async function agentAnswer(backend: ConversationBackend, who: Case['who'], id: string, at: string, text: string): Promise<void> {
	await appendToConversation(backend, caseTicket({ id, who, at, text: '' }), { replyRole: 'agent', agent: 'maria', agentText: text, includeCustomerTurn: false }, options);
}

export async function fillReportStore(backend: ConversationBackend): Promise<void> {
	for (const c of REPORT_CASES) await appendToConversation(backend, caseTicket(c), { replyRole: 'ai', includeCustomerTurn: true }, options);
	await agentAnswer(backend, B, 'b1-answer', '2026-03-09T08:00:00-06:00', 'Your refund is on its way.');
	await agentAnswer(backend, C, 'c1-answer', '2026-03-06T16:00:00-06:00', 'Te envío la factura por correo.');
	await recordCsat(backend, caseTicket({ id: 'a1-csat', who: A, at: '2026-03-08T10:05:00-06:00', text: '5' }), 5, options);
	await recordCsat(backend, caseTicket({ id: 'b1-csat', who: B, at: '2026-03-09T08:30:00-06:00', text: '2' }), 2, options);
	// Two answers through the Person's Reply path, each kept as a suggested knowledge entry. They come
	// after each case's first agent answer, so no other figure moves.
	const byId = (id: string) => REPORT_CASES.find((c) => c.id === id) as Case;
	await recordPersonReply(backend, caseTicket(byId('c1')), { text: 'Te envío la factura por correo; también está en Mi cuenta > Pedidos.', by: 'maria', at: '2026-03-06T16:10:00-06:00', action: 'resolve' }, options);
	await recordPersonReply(backend, caseTicket(byId('b1')), { text: 'Refunds reach your card in 3 to 5 working days.', by: 'luis', at: '2026-03-09T08:40:00-06:00', action: 'resolve' }, options);
}

export { A, B, C, D, E, F };
