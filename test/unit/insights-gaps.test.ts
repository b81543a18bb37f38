import { findKnowledgeGaps, gapTicketFromItem, type GapTicket } from '../../nodes/shared/insights';
import { clusterVectors } from '../../nodes/shared/insights/cluster';
import type { KnowledgeEntry } from '../../nodes/shared/knowledge/types';

const t = (id: string, text: string, language: string, extra: Partial<GapTicket> = {}): GapTicket => ({ id, text, language, ...extra });

/** Three clear topics in Spanish, one in Portuguese and one English pair that is too small. */
const TICKETS: GapTicket[] = [
	t('es-gift-1', '¿Venden tarjetas de regalo?', 'es', { offHours: true, resolutionText: 'Sí, las tarjetas de regalo se compran en la tienda en línea, de 200 a 2000 pesos.' }),
	t('es-gift-2', 'quiero comprar una tarjeta de regalo para mi hermana', 'es', { offHours: false, resolutionText: 'Sí, las tarjetas de regalo se compran en la tienda en línea, de 200 a 2000 pesos.' }),
	t('es-gift-3', 'tienen tarjetas de regalo digitales?', 'es', { offHours: true, resolutionText: 'Claro, hay tarjetas de regalo.' }),
	t('es-gift-4', 'la tarjeta de regalo tiene fecha de vencimiento?', 'es', { offHours: false }),
	t('es-pickup-1', 'puedo recoger mi compra en la tienda de Monterrey?', 'es', { offHours: true }),
	t('es-pickup-2', 'se puede recoger el pedido en tienda?', 'es'),
	t('es-pickup-3', 'quiero recoger en tienda, como le hago', 'es', { offHours: true }),
	t('es-student-1', 'tienen descuento para estudiantes?', 'es'),
	t('es-student-2', 'hay descuento de estudiante con credencial?', 'es'),
	t('es-student-3', 'descuento para estudiantes universitarios', 'es'),
	t('pt-gift-1', 'vocês vendem cartão presente?', 'pt'),
	t('pt-gift-2', 'quero comprar um cartão presente', 'pt'),
	t('pt-gift-3', 'o cartão presente tem validade?', 'pt'),
	t('en-gift-1', 'do you sell gift cards?', 'en'),
	t('en-lonely-1', 'can I pay with bitcoin?', 'en'),
];

function shuffled<T>(items: readonly T[], seed: number): T[] {
	const copy = [...items];
	let state = seed;
	for (let i = copy.length - 1; i > 0; i--) {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		const j = state % (i + 1);
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

const strip = (analysis: ReturnType<typeof findKnowledgeGaps>) => JSON.stringify(analysis.topics);

describe('findKnowledgeGaps', () => {
	const analysis = findKnowledgeGaps(TICKETS);
	const topicOf = (id: string) => analysis.topics.find((topic) => topic.ticketIds.includes(id));

	it('groups the tickets of one topic together and keeps topics apart', () => {
		expect(topicOf('es-gift-1')?.ticketIds).toEqual(['es-gift-1', 'es-gift-2', 'es-gift-3', 'es-gift-4']);
		expect(topicOf('es-pickup-1')?.ticketIds).toEqual(['es-pickup-1', 'es-pickup-2', 'es-pickup-3']);
		expect(topicOf('es-student-1')?.ticketIds).toEqual(['es-student-1', 'es-student-2', 'es-student-3']);
		expect(analysis.topics.map((topic) => topic.size)).toEqual([4, 3, 3, 3]);
	});

	it('never mixes languages: the Portuguese gift cards are a topic of their own', () => {
		const pt = topicOf('pt-gift-1');
		expect(pt?.language).toBe('pt');
		expect(pt?.ticketIds).toEqual(['pt-gift-1', 'pt-gift-2', 'pt-gift-3']);
		for (const topic of analysis.topics) expect(new Set(topic.ticketIds.map((id) => id.slice(0, 2)))).toEqual(new Set([topic.language]));
		expect(analysis.byLanguage).toEqual({ en: 2, es: 10, pt: 3 });
	});

	it('reports no topic of one ticket, and below the minimum size none at all', () => {
		expect(topicOf('en-gift-1')).toBeUndefined();
		expect(topicOf('en-lonely-1')).toBeUndefined();
		expect(findKnowledgeGaps(TICKETS, { minSize: 4 }).topics.map((topic) => topic.ticketIds[0])).toEqual(['es-gift-1']);
		expect(() => findKnowledgeGaps(TICKETS, { minSize: 1 })).toThrow(/minSize must be a whole number of at least 2/);
		expect(findKnowledgeGaps([t('a', 'gift card', 'en'), t('b', 'gift card', 'en')], { minSize: 2 }).topics).toHaveLength(1);
	});

	it('gives the same topics, labels and drafts whatever the order of the tickets', () => {
		const reference = strip(analysis);
		for (const seed of [1, 7, 42, 1234]) expect(strip(findKnowledgeGaps(shuffled(TICKETS, seed)))).toBe(reference);
	});

	it('labels a topic with its distinctive words and a representative question', () => {
		const gift = topicOf('es-gift-1');
		// "tarjeta" and "tarjetas" are one stem, written each way twice: the tie goes to the first alphabetically.
		expect(gift?.terms.slice(0, 2).sort()).toEqual(['regalo', 'tarjeta']);
		expect(gift?.label).toContain('regalo');
		expect(TICKETS.map((ticket) => ticket.text)).toContain(gift?.representative);
		expect(gift?.examples.length).toBe(4);
		expect(topicOf('es-student-1')?.terms[0]).toMatch(/^(descuento|estudiantes)$/);
	});

	it('computes size, share and off-hours share as counted by hand', () => {
		const gift = topicOf('es-gift-1');
		expect(gift?.share).toBe(Math.round((4 / 15) * 10_000) / 10_000);
		expect(gift?.offHoursShare).toBe(0.5); // 2 of the 4 with known hours
		expect(topicOf('es-pickup-1')?.offHoursShare).toBe(1); // 2 of 2 known; the third is unknown
		expect(topicOf('es-student-1')?.offHoursShare).toBeNull();
		expect(analysis.unanswered).toBe(15);
		expect(analysis.clustered).toBe(13);
	});

	it('drafts an entry with the questions and the most representative answer a person gave', () => {
		const gift = topicOf('es-gift-1');
		expect(gift?.draft.questions).toHaveLength(4);
		expect(gift?.draft.language).toBe('es');
		// Given twice, and closest to the other answers: it wins over the one-off.
		expect(gift?.draft.answer).toBe('Sí, las tarjetas de regalo se compran en la tienda en línea, de 200 a 2000 pesos.');
		expect(gift?.draft.needsAnswer).toBe(false);
		const pickup = topicOf('es-pickup-1');
		expect(pickup?.draft.needsAnswer).toBe(true);
		expect(pickup?.draft.answer).toMatch(/^BORRADOR/);
	});

	it('counts why the tickets were unanswered and how many went to people by policy', () => {
		const reasons = findKnowledgeGaps([
			t('1', 'tarjeta de regalo', 'es', { reason: 'low_confidence' }),
			t('2', 'tarjetas de regalo?', 'es', { reason: 'person', policy: true }),
			t('3', 'una tarjeta de regalo', 'es', { reason: 'not_found' }),
			t('4', 'tarjeta regalo por favor', 'es', { reason: 'low_confidence' }),
		]).topics[0];
		expect(reasons.reasons).toEqual({ not_found: 1, low_confidence: 2, person: 1 });
		expect(reasons.policyShare).toBe(0.25);
	});
});

describe('nearest knowledge entry', () => {
	const kb: KnowledgeEntry[] = [
		{ id: 'gift_cards', title: 'Gift cards', questions: ['venden tarjetas de regalo', 'tarjeta de regalo', 'do you sell gift cards', 'gift card balance', 'cartão presente'], answer: 'Yes.' },
		{ id: 'opening_hours', title: 'Opening hours', questions: ['a que hora abren', 'horario de la tienda', 'what time do you open', 'opening hours', 'horário de funcionamento'], answer: '9 to 6.' },
		{ id: 'payments', title: 'Payment methods', questions: ['aceptan tarjeta de credito', 'formas de pago', 'which payment methods', 'do you take paypal', 'formas de pagamento'], answer: 'Cards and cash.' },
	];
	const analysis = findKnowledgeGaps(TICKETS, { knowledge: kb });
	const topicOf = (id: string) => analysis.topics.find((topic) => topic.ticketIds.includes(id));

	it('names the entry the Knowledge Lookup ranks first for the topic, with its score', () => {
		const gift = topicOf('es-gift-1');
		expect(gift?.nearest?.id).toBe('gift_cards');
		expect(gift?.nearest?.similarity).toBeGreaterThan(0);
		expect(gift?.nearest?.agreement).toBeGreaterThanOrEqual(0.5);
	});

	it('an almost-covered topic drafts new questions for that entry instead of a rival entry', () => {
		const gift = topicOf('es-gift-1');
		expect(gift?.almostCovered).toBe(true);
		expect(gift?.draft.extends).toBe('gift_cards');
		expect(gift?.draft.answer).toBe('Sí, las tarjetas de regalo se compran en la tienda en línea, de 200 a 2000 pesos.');
		// Ranked first by the lookup, but sharing no word with it: a new topic, not an almost-covered one.
		const student = topicOf('es-student-1');
		expect(student?.nearest?.id).toBe('payments');
		expect(student?.almostCovered).toBe(false);
		expect(student?.draft.extends).toBeUndefined();
		for (const topic of analysis.topics) expect(Boolean(topic.draft.extends)).toBe(topic.almostCovered);
	});

	it('without a knowledge base there is no nearest entry', () => {
		expect(findKnowledgeGaps(TICKETS).topics.every((topic) => topic.nearest === null && !topic.almostCovered)).toBe(true);
	});
});

describe('clusterVectors', () => {
	const v = (pairs: Array<[number, number]>) => {
		const norm = Math.sqrt(pairs.reduce((sum, [, value]) => sum + value * value, 0));
		return { indices: Int32Array.from(pairs.map(([i]) => i)), values: Float32Array.from(pairs.map(([, value]) => value / norm)) };
	};

	it('joins vectors above the threshold, starts a cluster below it, and leaves empty vectors out', () => {
		const vectors = [v([[0, 1], [1, 1]]), v([[0, 1], [1, 0.9]]), v([[5, 1]]), { indices: new Int32Array(0), values: new Float32Array(0) }];
		const assignment = clusterVectors(vectors, [0, 1, 2, 3], { threshold: 0.5 });
		expect(Array.from(assignment)).toEqual([0, 0, 1, -1]);
	});
});

describe('gapTicketFromItem', () => {
	it('reads the ticket shape and skips what the AI resolved', () => {
		const item = {
			ticketId: 'T1',
			message: { text: 'tarjeta de regalo?' },
			customer: { language: 'es', name: 'Ana' },
			hours: { open: false },
			route: { tier: 'L3', reasons: ['angry customer', 'low confidence: no knowledge answer and no action intent'] },
			resolution: { text: 'Sí.' },
		};
		expect(gapTicketFromItem(item, 0, { resolution: 'resolution.text' })).toEqual({
			id: 'T1',
			text: 'tarjeta de regalo?',
			language: 'es',
			customerName: 'Ana',
			reason: 'low_confidence',
			policy: true,
			offHours: true,
			resolutionText: 'Sí.',
		});
		expect(gapTicketFromItem({ ...item, route: { tier: 'L1', reasons: [] }, knowledge: { answered: true } }, 0)).toBeUndefined();
		expect(() => gapTicketFromItem({ message: {} }, 3)).toThrow('field "message.text" is empty or not a text');
	});
});
