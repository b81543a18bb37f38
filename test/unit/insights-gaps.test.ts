import { findKnowledgeGaps, gapTicketFromItem, type GapTicket } from '../../nodes/shared/insights';
import { clusterVectors } from '../../nodes/shared/insights/cluster';
import { isPolicyEscalation } from '../../nodes/shared/insights/from-ticket';
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

	it('counts why the tickets were unanswered, and groups those a rule sends to a person apart from the knowledge misses', () => {
		const gaps = findKnowledgeGaps([
			t('1', 'tarjeta de regalo', 'es', { reason: 'low_confidence' }),
			t('2', 'tarjetas de regalo?', 'es', { reason: 'person', policy: true }),
			t('3', 'una tarjeta de regalo', 'es', { reason: 'not_found' }),
			t('4', 'tarjeta regalo por favor', 'es', { reason: 'low_confidence' }),
			t('5', 'la tarjeta de regalo no sirve, quiero hablar con una persona', 'es', { reason: 'person', policy: true }),
			t('6', 'tarjeta de regalo, páseme con un humano', 'es', { reason: 'person', policy: true }),
		]);
		expect(gaps.unanswered).toBe(6);
		expect(gaps.knowledgeMisses).toBe(3);
		const [knowledge, policy] = [gaps.topics.find((topic) => topic.kind === 'knowledge'), gaps.topics.find((topic) => topic.kind === 'policy')];
		expect(knowledge?.ticketIds).toEqual(['1', '3', '4']);
		expect(knowledge?.reasons).toEqual({ not_found: 1, low_confidence: 2, person: 0 });
		expect(knowledge?.policyShare).toBe(0);
		// Of all six unanswered, and of the three knowledge misses.
		expect(knowledge?.share).toBe(0.5);
		expect(knowledge?.knowledgeShare).toBe(1);
		expect(policy?.ticketIds).toEqual(['2', '5', '6']);
		expect(policy?.policyShare).toBe(1);
		expect(policy?.knowledgeShare).toBeNull();
	});

	it('with the merge pass on, one subject told several ways is one topic, two subjects stay two, whatever the order', () => {
		const restock = [
			t('r1', 'cuando vuelve a haber licuadora en stock', 'es'),
			t('r2', 'cuando vuelve a haber licuadora en stock?', 'es'),
			t('r3', 'cuando vuelve a haber licuadora', 'es'),
			t('r4', 'la licuadora esta agotada, cuando vuelve el stock', 'es'),
			t('r5', 'licuadora agotada, cuando hay stock', 'es'),
			t('r6', 'licuadora agotada', 'es'),
		];
		const other = [t('o1', 'aceptan pagos con paypal', 'es'), t('o2', 'puedo pagar con paypal?', 'es'), t('o3', 'pago con paypal', 'es')];
		const merged = findKnowledgeGaps([...restock, ...other], { minSize: 2 });
		const restockTopics = (gaps: typeof merged) => gaps.topics.filter((topic) => topic.ticketIds.some((id) => id.startsWith('r')));
		expect(restockTopics(merged).map((topic) => topic.ticketIds)).toEqual([['r1', 'r2', 'r3', 'r4', 'r5', 'r6']]);
		expect(merged.topics.find((topic) => topic.ticketIds.includes('o1'))?.ticketIds).toEqual(['o1', 'o2', 'o3']);
		// And the merge, like the rest, does not depend on the order of the tickets.
		expect(strip(findKnowledgeGaps(shuffled([...restock, ...other], 5), { minSize: 2 }))).toBe(strip(merged));
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

	it('merges clusters whose centroids reach the merge similarity, and no others', () => {
		// Leaders a=[0,1] and b=[2,1]: cosine 0.5 between them, below the join threshold 0.6 but at a merge of 0.45.
		const vectors = [v([[0, 1], [1, 1]]), v([[1, 1], [2, 1]]), v([[7, 1]])];
		expect(Array.from(clusterVectors(vectors, [0, 1, 2], { threshold: 0.6 }))).toEqual([0, 1, 2]);
		expect(Array.from(clusterVectors(vectors, [0, 1, 2], { threshold: 0.6, merge: 0.45 }))).toEqual([0, 0, 1]);
		expect(Array.from(clusterVectors(vectors, [0, 1, 2], { threshold: 0.6, merge: 0.55 }))).toEqual([0, 1, 2]);
		expect(Array.from(clusterVectors(vectors, [2, 1, 0], { threshold: 0.6, merge: 0.45 }))).toEqual([1, 1, 0]);
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
		// A knowledge miss: nothing but the lack of an answer kept it from the AI.
		expect(gapTicketFromItem({ ...item, route: { tier: 'L2', reasons: ['intent track_order needs system access'] } }, 0)?.policy).toBe(false);
		expect(gapTicketFromItem({ ...item, route: { tier: 'L3', reasons: ['low confidence: no knowledge answer and no action intent'] } }, 0)?.policy).toBe(false);
		expect(() => gapTicketFromItem({ message: {} }, 3)).toThrow('field "message.text" is empty or not a text');
	});
});

describe('isPolicyEscalation', () => {
	it('counts every rule that sends a ticket to a person whatever the knowledge base holds', () => {
		for (const reason of [
			'angry customer',
			'customer asked for a person',
			'needs a human: humanScore 0.87 at or above 0.5',
			'taken over by a person',
			'financial harm to the customer',
			'product safety hazard',
			'press or regulator contact',
			'privacy or data-protection request',
			'intent complaint mapped to L3',
		])
			expect(isPolicyEscalation(['low confidence: no knowledge answer and no action intent', reason])).toBe(true);
	});

	it('does not count what a knowledge entry can change', () => {
		expect(isPolicyEscalation(['low confidence: no knowledge answer and no action intent'])).toBe(false);
		expect(isPolicyEscalation(['intent track_order needs system access'])).toBe(false);
		expect(isPolicyEscalation(['order number given: the AI with system access looks it up'])).toBe(false);
		expect(isPolicyEscalation(['low confidence: answer score 0.41 below 0.5'])).toBe(false);
		expect(isPolicyEscalation(['intent track_order mapped to L2'])).toBe(false);
	});
});
