import fc from 'fast-check';
import { DEFAULT_FEATURES, extractTerms, Vectorizer } from '../../nodes/shared/intent/features';
import { buildTermTable } from '../../nodes/shared/intent/term-table';
import type { FingerprintMap } from '../../nodes/shared/text/fingerprint-map';
import { hashOf } from '../../nodes/shared/text/hash64';
import type { TextLanguage } from '../../nodes/shared/text';

const TRAINING: Array<[string, TextLanguage]> = [
	['where is my order', 'en'],
	['where is my package, it has not arrived', 'en'],
	['I want to return these shoes', 'en'],
	['how do I return an item?', 'en'],
	['¿dónde está mi pedido?', 'es'],
	['quiero devolver mis zapatos', 'es'],
	['mi pedido no ha llegado todavía', 'es'],
	['onde está meu pedido', 'pt'],
	['quero devolver o produto, veio com defeito', 'pt'],
	['what are your opening hours', 'en'],
	['a qué hora abren mañana', 'es'],
	['qual o horário de atendimento', 'pt'],
];

function fitted(): Vectorizer {
	return Vectorizer.fit(
		TRAINING.map(([text, language]) => extractTerms(text, language, DEFAULT_FEATURES)),
		DEFAULT_FEATURES,
	);
}

describe('intent features without term strings', () => {
	const vectorizer = fitted();
	const reference = (text: string, language: TextLanguage) => vectorizer.transformTerms(extractTerms(text, language, DEFAULT_FEATURES));

	it('give exactly the vector of the string terms for the training texts and near misses', () => {
		for (const [text, language] of [
			...TRAINING,
			['WHERE is my ordr??', 'en'],
			['devolución de zapatos por favor', 'es'],
			['pedido pedido pedido', 'pt'],
			['', 'en'],
			['🙂🙂 ok', 'es'],
		] as Array<[string, TextLanguage]>) {
			const fast = vectorizer.transform(text, language);
			const slow = reference(text, language);
			expect(Array.from(fast.indices)).toEqual(Array.from(slow.indices));
			expect(Array.from(fast.values)).toEqual(Array.from(slow.values));
		}
		expect(vectorizer.transform('where is my order', 'en').indices.length).toBeGreaterThan(20);
	});

	it('agree with the string terms on any text, including accents, emoji and repeats', () => {
		const words = fc.constantFrom('pedido', 'order', 'dónde', 'está', 'return', 'devolver', 'zapatos', 'mañana', 'ação', 'ok', '🙂', 'x', 'my', 'where', 'horário');
		fc.assert(
			fc.property(fc.array(fc.oneof(words, fc.string({ maxLength: 8 })), { maxLength: 12 }), fc.constantFrom<TextLanguage>('es', 'pt', 'en'), (parts, language) => {
				const text = parts.join(' ');
				const fast = vectorizer.transform(text, language);
				const slow = reference(text, language);
				expect(Array.from(fast.indices)).toEqual(Array.from(slow.indices));
				expect(Array.from(fast.values)).toEqual(Array.from(slow.values));
			}),
			{ numRuns: 500 },
		);
	});

	it('give a vector of unit length with ascending feature indices', () => {
		const { indices, values } = vectorizer.transform('where is my order? it has not arrived', 'en');
		for (let k = 1; k < indices.length; k++) expect(indices[k]).toBeGreaterThan(indices[k - 1]);
		expect(values.reduce((sum, v) => sum + v * v, 0)).toBeCloseTo(1, 5);
	});

	it('find every vocabulary term at its index and nothing else', () => {
		const vocabulary = new Map(['w pedid', 'b dond pedid', ' pe', 'ped', 'ido ', 'ab'].map((term, index) => [term, index]));
		const table = buildTermTable(vocabulary) as FingerprintMap;
		for (const [term, index] of vocabulary) {
			const { a, b } = hashOf(term);
			expect(table.get(a, b)).toBe(index);
		}
		for (const missing of ['w pedido', 'b dond', 'pe', 'ba', '']) {
			const { a, b } = hashOf(missing);
			expect(table.get(a, b)).toBe(-1);
		}
	});
});
