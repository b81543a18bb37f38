import * as fs from 'fs';
import * as path from 'path';
import { getKnowledgeBase, lookupParts, toKnowledgeEntries } from '../../nodes/shared/knowledge';

const entries = toKnowledgeEntries(JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/kb-store.json'), 'utf8')));
const kb = getKnowledgeBase(entries, { cacheDir: false });
const answerOf = (id: string, language: string) => (entries.find((e) => e.id === id)?.answer as Record<string, string>)[language];
const burst = (...texts: string[]) => ({
	ticketId: 'T-1',
	customer: { name: 'ana' },
	message: { text: texts.join('\n'), parts: texts.map((text, i) => ({ id: `m${i}`, text })) },
});

describe('knowledge lookup of a joined burst', () => {
	it('answers every question of the burst in one reply, greeting once', () => {
		const { knowledge, reply } = lookupParts(burst('hola', '¿A qué hora abren el sábado?', 'necesito la factura xfa'), kb, { threshold: 0.5 });
		expect(knowledge.answered).toBe(true);
		expect(knowledge.parts?.map((p) => [p.answered, p.bestId])).toEqual([
			[false, expect.anything()],
			[true, 'hours'],
			[true, 'invoices'],
		]);
		expect(knowledge.answer).toBe(`${answerOf('hours', 'es')}\n\n${answerOf('invoices', 'es')}`);
		expect(knowledge.sources.map((s) => s.id)).toEqual(['hours', 'invoices']);
		expect(reply?.text).toContain(answerOf('hours', 'es').slice(0, 30));
		expect(reply?.text).toContain(answerOf('invoices', 'es').slice(0, 30));
		expect(reply?.text.match(/Ana/g)).toHaveLength(1);
	});

	it('answers a question asked twice in the burst once', () => {
		const { knowledge } = lookupParts(burst('¿A qué hora abren el sábado?', 'a que hora abren el sabado'), kb, { threshold: 0.5 });
		expect(knowledge.answer).toBe(answerOf('hours', 'es'));
	});

	it('looks a single message up as before', () => {
		const { knowledge } = lookupParts({ ticketId: 'T-2', message: { text: 'necesito la factura xfa' } }, kb, { threshold: 0.5 });
		expect(knowledge.parts).toBeUndefined();
		expect(knowledge.bestId).toBe('invoices');
	});

	it('does not answer a burst none of whose messages it can answer', () => {
		const { knowledge, reply } = lookupParts(burst('hola', 'quien gano el partido de futbol ayer'), kb, { threshold: 0.5 });
		expect(knowledge.answered).toBe(false);
		expect(reply).toBeUndefined();
	});
});
