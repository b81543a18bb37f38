import * as fs from 'fs';
import * as path from 'path';
import { answerReply, getKnowledgeBase, knowledgeBaseStats, lookupKnowledge, personalizeAnswer, pickAnswer, toKnowledgeEntries } from '../../nodes/shared/knowledge';

const entries = toKnowledgeEntries(JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/kb-store.json'), 'utf8')));
const kb = getKnowledgeBase(entries, { cacheDir: false });
const ask = (text: string, extra: Record<string, unknown> = {}) =>
	lookupKnowledge({ ticketId: 'T-1', message: { text }, customer: { name: 'ana lópez' }, ...extra }, kb, { threshold: 0.5, maxSources: 3 });

describe('knowledge lookup', () => {
	it.each([
		['¿A qué hora abren el sábado?', 'hours', 'es'],
		['cuanto tarda el envio a monterrey', 'shipping', 'es'],
		['quiero devolver unos zapatos q me quedaron chicos', 'returns', 'es'],
		['esqueci a senha da minha conta', 'password-reset', 'pt'],
		['meu pedido nao chegou ainda', 'order-status', 'pt'],
		['my order hasnt arrived yet', 'order-status', 'en'],
		['i forgot my pasword', 'password-reset', 'en'],
		['necesito la factura xfa', 'invoices', 'es'],
	])('answers %s from %s in %s', (text, id, language) => {
		const { knowledge, reply } = ask(text);
		expect(knowledge).toEqual(expect.objectContaining({ answered: true, bestId: id, method: 'model' }));
		expect(knowledge.sources[0]).toEqual({ id, title: entries.find((e) => e.id === id)?.title });
		expect(knowledge.answer).toBe((entries.find((e) => e.id === id)?.answer as Record<string, string>)[language]);
		expect(reply?.language).toBe(language);
		expect(reply?.text).toContain('Ana');
		expect(reply?.text).toContain(knowledge.answer?.slice(1, 20));
	});

	it('finds article-style entries without example questions by keywords', () => {
		const gift = ask('can I buy a gift card?');
		expect(gift.knowledge).toEqual(expect.objectContaining({ answered: true, bestId: 'gift-cards', method: 'bm25' }));
		const stores = ask('tienen sucursales en Guadalajara?');
		expect(stores.knowledge).toEqual(expect.objectContaining({ answered: true, bestId: 'store-locations', method: 'bm25' }));
		expect(stores.reply?.language).toBe('es');
	});

	it('never invents: off-topic questions are not answered', () => {
		for (const text of ['quien gano el partido de futbol ayer', 'what is the weather in paris tomorrow', 'me puedes recomendar una pelicula de terror']) {
			const { knowledge, reply } = ask(text);
			expect(knowledge.answered).toBe(false);
			expect(knowledge.score).toBeLessThan(0.5);
			expect(knowledge.answer).toBeUndefined();
			expect(knowledge.sources).toEqual([]);
			expect(reply).toBeUndefined();
		}
		expect(ask('').knowledge).toEqual({ answered: false, score: 0, sources: [], bestId: undefined, method: undefined });
	});

	it('answers in triage.language, then customer.language, with an English fallback', () => {
		expect(ask('where is my order?', { triage: { language: 'pt' } }).reply?.language).toBe('pt');
		expect(ask('where is my order?', { customer: { name: 'Ana', language: 'es' } }).knowledge.answer).toMatch(/^Puedes seguir tu pedido/);
		expect(pickAnswer({ en: 'Hello', es: 'Hola' }, 'fr')).toEqual({ text: 'Hello', language: 'en' });
		expect(pickAnswer({ pt: 'Olá' }, 'fr')).toEqual({ text: 'Olá', language: 'pt' });
		expect(pickAnswer('Plain', 'es', 'en')).toEqual({ text: 'Plain', language: 'en' });
	});

	it('varies the opening per ticket id but not between runs', () => {
		const openings = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => personalizeAnswer('Abrimos a las 9.', 'es', 'Ana', id).split('Abrimos')[0]));
		expect(openings.size).toBeGreaterThan(1);
		expect(personalizeAnswer('Abrimos a las 9.', 'es', 'Ana', 'x')).toBe(personalizeAnswer('Abrimos a las 9.', 'es', 'Ana', 'x'));
		expect(personalizeAnswer('We open at 9.', 'en', 'ANA maria', 'x')).toMatch(/Ana/);
		expect(personalizeAnswer('We open at 9.', 'en', '+52 55 1234', 'x')).not.toMatch(/\+52/);
	});

	it('greets once per conversation: the greeter\'s greeting at first contact, nothing once the bot has answered', () => {
		const greeting = 'Hola Ana, gracias por escribir a Aurora Store. Estamos fuera de horario.';
		const ticket = { ticketId: 't1', customer: { name: 'Ana' }, hours: { open: false, greet: true, greeting, language: 'es' } };
		expect(answerReply(ticket, 'Abrimos a las 9.', 'es')).toBe(`${greeting}\n\nAbrimos a las 9.`);
		// A greeting in another language than the answer's is not glued to it: the short opening instead.
		expect(answerReply(ticket, 'We open at 9.', 'en')).toBe(personalizeAnswer('We open at 9.', 'en', 'Ana', 't1'));
		const later = { ...ticket, hours: { ...ticket.hours, greet: false }, history: [{ role: 'customer', text: 'hola' }, { role: 'ai', text: 'Hola Ana, …' }] };
		expect(answerReply(later, 'Abrimos a las 9.', 'es')).toBe('Abrimos a las 9.');
		// A new episode (after a person's answer or a release) of a conversation greeted before: no new greeting.
		expect(answerReply({ ...ticket, hours: { ...ticket.hours, greet: false, greetedAt: '2026-03-01T10:00:00.000-06:00' } }, 'Abrimos a las 9.', 'es')).toBe('Abrimos a las 9.');
		// In hours, first contact: the short personal opening is the greeting.
		expect(answerReply({ ticketId: 't1', customer: { name: 'Ana' }, hours: { open: true, greet: false } }, 'Abrimos a las 9.', 'es')).toBe(personalizeAnswer('Abrimos a las 9.', 'es', 'Ana', 't1'));
	});

	it('builds the index and model once per knowledge base content', () => {
		const builds = knowledgeBaseStats.builds;
		expect(getKnowledgeBase(toKnowledgeEntries(JSON.parse(JSON.stringify(entries))), { cacheDir: false })).toBe(kb);
		expect(knowledgeBaseStats.builds).toBe(builds);
	});
});

describe('a knowledge base with a single entry', () => {
	it('answers only what matches it, instead of everything', () => {
		const { getKnowledgeBase, lookupKnowledge } = require('../../nodes/shared/knowledge');
		const kb = getKnowledgeBase([{ id: 'only', title: 'Meaning of life', questions: ['what is the meaning of life', 'meaning of life'], answer: '42' }]);
		const ask = (text: string) =>
			lookupKnowledge({ ticketId: 't', channel: 'webchat', customer: {}, message: { text } }, kb, { threshold: 0.5 }).knowledge;
		expect(ask('What are your opening hours on Saturday?').answered).toBe(false);
		expect(ask('Quais formas de pagamento vocês aceitam?').answered).toBe(false);
		expect(ask('what is the meaning of life?').answered).toBe(true);
	});
});

describe('the routine threshold', () => {
	const text = 'I moved house last month and my old address is still on my account, when are you open on saturday?';
	const ticket = (humanScore?: number) => ({ ticketId: 'T-2', message: { text }, ...(humanScore === undefined ? {} : { triage: { humanScore } }) });
	// Thresholds set around this text's own score, so the test holds whatever the model gives it.
	const { score, bestId } = lookupKnowledge(ticket(), kb, { threshold: 0 }).knowledge;
	const options = { threshold: Math.min(1, score + 0.1), routine: { threshold: Math.max(0, score - 0.05), maxHumanScore: 0.2 } };

	it('answers below the confidence threshold when triage judged the ticket routine, and says so', () => {
		expect(score).toBeGreaterThan(0.2);
		const { knowledge, reply } = lookupKnowledge(ticket(0.05), kb, options);
		expect(knowledge).toEqual(expect.objectContaining({ answered: true, bestId, routine: true }));
		expect(reply?.text).toContain(knowledge.answer?.slice(1, 20));
	});

	it('keeps the confidence threshold when humanScore is at the limit or above, or missing', () => {
		for (const humanScore of [0.2, 0.9, undefined]) {
			const { knowledge, reply } = lookupKnowledge(ticket(humanScore), kb, options);
			expect(knowledge.answered).toBe(false);
			expect(knowledge.routine).toBeUndefined();
			expect(reply).toBeUndefined();
		}
	});

	it('does not mark an answer that clears the confidence threshold as routine', () => {
		const { knowledge } = lookupKnowledge(ticket(0.05), kb, { ...options, threshold: Math.max(0, score - 0.1) });
		expect(knowledge.answered).toBe(true);
		expect(knowledge.routine).toBeUndefined();
	});
});
