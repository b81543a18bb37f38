/**
 * A Conversation Store as a busy month leaves it: about 1,000,000 turns over 30 days, built in memory
 * as records and written in one transaction (SqliteBackend.importRecords). Seeded, so every run
 * measures the same store. The spread follows the demo history: mostly WhatsApp, mostly L1, a
 * quarter escalated, most escalations answered by a person, a CSAT answer on some resolved cases.
 */
import type { ConversationRecord, CsatAnswer, KnowledgeSuggestion, Turn, TurnOutcome } from '../../nodes/shared/conversation';
import { seededRandom } from '../../nodes/shared/intent/random';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

function pick<T>(random: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
	let r = random();
	for (const [value, weight] of weighted) {
		if ((r -= weight) < 0) return value;
	}
	return weighted[weighted.length - 1][0];
}

const CHANNELS = [['whatsapp', 0.55], ['webchat', 0.25], ['email', 0.12], ['messenger', 0.05], ['telegram', 0.03]] as const;
const LANGUAGES = [['es', 0.7], ['pt', 0.2], ['en', 0.1]] as const;
const TIERS = [['L1', 0.55], ['L2', 0.2], ['L3', 0.2], ['L4', 0.05]] as const;

/** What customers ask, per language: the answered ones and the ones the knowledge base lacks. */
const ASKED: Record<string, { known: string[]; unknown: string[] }> = {
	es: {
		known: ['¿a qué hora abren?', '¿hacen envíos a todo el país?', '¿dónde está mi pedido {n}?', '¿cuánto tarda el envío?', '¿puedo pagar con tarjeta?', '¿tienen tienda en Guadalajara?'],
		unknown: ['necesito factura de mi compra {n}', 'mi tarjeta no pasa en el pago', '¿tienen garantía extendida?', 'quiero cambiar la dirección de entrega del pedido {n}', '¿venden tarjetas de regalo?', 'el cupón de descuento no funciona'],
	},
	pt: {
		known: ['a que horas vocês abrem?', 'vocês entregam em todo o país?', 'onde está meu pedido {n}?', 'posso pagar com cartão?'],
		unknown: ['preciso da nota fiscal do pedido {n}', 'quero um desconto especial', 'o cupom não funciona', 'vocês têm garantia estendida?'],
	},
	en: {
		known: ['what time do you open?', 'do you ship nationwide?', 'where is my order {n}?', 'can I pay by card?'],
		unknown: ['I need an invoice for order {n}', 'my card keeps getting declined', 'do you sell gift cards?', 'the discount code does not work'],
	},
};

const ESCALATIONS = [
	{ rule: 'lowConfidence', reason: 'low confidence: no knowledge answer and no action intent', share: 0.5 },
	{ rule: 'angry', reason: 'angry customer', share: 0.2 },
	{ rule: 'outOfPolicy', reason: 'out-of-policy decision', share: 0.15 },
	{ rule: 'vip', reason: 'VIP customer', share: 0.15 },
] as const;

const iso = (ms: number) => new Date(ms - 6 * HOUR_MS).toISOString().replace('Z', '-06:00');

export interface FillOptions {
	/** The end of the month the store covers (epoch ms). */
	nowMs: number;
	/** Turns to write, about (whole conversations). */
	turns: number;
	seed?: number;
}

/** The store's conversations, generated one at a time so memory holds one record, not the month. */
export function* monthOfConversations(options: FillOptions): Generator<ConversationRecord> {
	const random = seededRandom(options.seed ?? 17);
	const startMs = options.nowMs - 30 * DAY_MS;
	let written = 0;
	for (let c = 0; written < options.turns; c++) {
		const channel = pick(random, CHANNELS);
		const language = pick(random, LANGUAGES);
		const key =
			channel === 'whatsapp' ? `whatsapp:+52155${String(10_000_000 + c)}` : channel === 'webchat' ? `webchat:s-${c}` : channel === 'email' ? `email:c${c}@example.com` : `customer:${channel}:${c}`;
		const turns: Turn[] = [];
		const csat: CsatAnswer[] = [];
		const suggestions: KnowledgeSuggestion[] = [];
		const id = `c-${c.toString(16).padStart(16, '0')}`;
		let ms = startMs + Math.floor(random() * 30 * DAY_MS);
		const cases = 1 + Math.floor(random() * 8);
		for (let k = 0; k < cases && ms <= options.nowMs; k++) {
			const tier = pick(random, TIERS);
			const asked = ASKED[language];
			const answered = tier === 'L1' || (tier === 'L2' && random() < 0.5);
			const pool = answered ? asked.known : random() < 0.8 ? asked.unknown : asked.known;
			const text = pool[Math.floor(random() * pool.length)].replace('{n}', `A${1000 + Math.floor(random() * 9000)}`);
			const hour = new Date(ms - 6 * HOUR_MS).getUTCHours();
			const outcome: TurnOutcome = { tier, intent: answered ? 'faq' : 'unknown', language, answered, offHours: hour < 9 || hour >= 19 };
			const messageId = `${id}-m${k}`;
			const at = iso(ms);
			if (tier === 'L3' || tier === 'L4') {
				const escalation = pick(random, ESCALATIONS.map((e) => [e, e.share] as const));
				Object.assign(outcome, { rule: escalation.rule, reason: escalation.reason, reasons: [escalation.reason], firstResponseDueAt: iso(ms + (tier === 'L4' ? 15 : 30) * 60_000), slaState: 'ok' });
			} else {
				Object.assign(outcome, { rule: answered ? 'knowledgeAnswer' : 'actionIntent', reason: answered ? 'knowledge answer (score 0.9)' : 'intent needs system access', reasons: [answered ? 'knowledge answer (score 0.9)' : 'intent needs system access'] });
			}
			turns.push({ id: messageId, role: 'customer', text, channel, at, outcome });
			const escalated = tier === 'L3' || tier === 'L4';
			turns.push({ id: `${messageId}:ai`, role: 'ai', text: escalated ? 'Te paso con una persona.' : 'Aquí tienes la respuesta.', channel, at, ...(escalated ? { handoff: true } : {}), ...(tier === 'L2' && !answered ? { pending: true } : {}) });
			if (escalated && random() < 0.7) {
				const answerMs = ms + Math.floor((5 + random() * 120) * 60_000);
				const answer = `Respuesta de una persona a: ${text}`;
				turns.push({ id: `${messageId}:agent`, role: 'agent', text: answer, channel, at: iso(answerMs), by: 'maria', resolved: true });
				if (random() < 0.3) suggestions.push({ id: `${id}/${messageId}`, question: text, answer, language, by: 'maria', at: iso(answerMs), ticketId: messageId, channel, status: 'pending' });
				ms = answerMs;
			}
			if (random() < 0.25) {
				const score = escalated ? 1 + Math.floor(random() * 5) : 3 + Math.floor(random() * 3);
				csat.push({ score, at: iso(ms + 10 * 60_000), channel, resolver: escalated ? 'agent' : 'ai', tier, id: `${messageId}-csat` });
			}
			ms += Math.floor((0.5 + random() * 72) * HOUR_MS);
		}
		if (!turns.length) continue;
		written += turns.length;
		const lastMs = Math.max(...turns.map((t) => Date.parse(t.at)), ...csat.map((a) => Date.parse(a.at)));
		yield {
			id,
			identities: { [key]: 'verified' },
			claims: [],
			turns,
			seenTurnIds: turns.map((t) => t.id),
			takeover: null,
			createdAt: turns[0].at,
			...(csat.length ? { csat } : {}),
			...(suggestions.length ? { suggestions } : {}),
			updatedMs: lastMs,
		};
	}
}
