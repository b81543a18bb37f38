import { getIntentModel } from '../../nodes/shared/intent';
import { ExampleIndex } from '../../nodes/shared/intent/neighbours';
import { dequantizeRows, quantizeRows } from '../../nodes/shared/intent/quantize';
import { DEFAULT_TRAINING } from '../../nodes/shared/intent/train';
import type { KnowledgeEntry } from '../../nodes/shared/knowledge/types';

const entry = (id: string, questions: string[]): KnowledgeEntry => ({ id, title: id, questions, answer: `About ${id}`, language: 'en' });

const store: KnowledgeEntry[] = [
	entry('shipping', ['how long does shipping take', 'when will my parcel arrive', 'do you ship to canada', 'how much is delivery']),
	entry('returns', ['how do i return an item', 'can i send it back', 'what is your return policy', 'i want to exchange my shoes']),
	entry('payment', ['which cards do you accept', 'can i pay with paypal', 'my payment was declined', 'do you take cash on delivery']),
];

describe('out-of-scope detection', () => {
	it('rejects chit-chat and general questions that share words with the examples', () => {
		const model = getIntentModel(store, { cacheDir: false });
		// None of these is in background.json. (A lexical model still answers "how do i make pancakes"
		// with the returns entry of so small a base: its only "how do i ..." example.)
		for (const text of ['could you tell me a riddle', 'what is the forecast for berlin on friday', 'who scored in the football final']) {
			expect(model.predict(text).score).toBeLessThan(0.5);
		}
		for (const text of ['when does my parcel arrive', 'can i pay by paypal', 'how can i return these shoes']) {
			expect(model.predict(text).score).toBeGreaterThan(0.5);
		}
	});

	it('lowers the score of off-topic text compared with no background class', () => {
		const withBackground = getIntentModel(store, { cacheDir: false });
		const without = getIntentModel(store, { cacheDir: false, settings: { ...DEFAULT_TRAINING, background: false } });
		expect(withBackground.predict('what is the weather in paris tomorrow').score).toBeLessThan(without.predict('what is the weather in paris tomorrow').score);
	});

	it('keeps in scope what the knowledge base itself answers, even when the background has such texts', () => {
		const assistant = [
			...store,
			entry('weather', ['what is the weather today', 'will it rain tomorrow', 'how hot is it outside', 'is it going to snow this week']),
			entry('jokes', ['tell me a joke', 'say something funny', 'do you know any jokes', 'make me laugh']),
		];
		const model = getIntentModel(assistant, { cacheDir: false });
		expect(model.predict('will it rain in paris tomorrow')).toMatchObject({ intent: 'weather' });
		expect(model.predict('will it rain in paris tomorrow').score).toBeGreaterThan(0.5);
		expect(model.predict('tell me a funny joke').score).toBeGreaterThan(0.5);
		expect(model.intents).toEqual(['shipping', 'returns', 'payment', 'weather', 'jokes']);
	});
});

describe('nearest training example', () => {
	const vector = (pairs: Array<[number, number]>) => ({ indices: Int32Array.from(pairs.map((p) => p[0])), values: Float32Array.from(pairs.map((p) => p[1])) });

	it('returns the best cosine within the class only', () => {
		const index = ExampleIndex.build(
			[vector([[0, 1]]), vector([[1, 0.6], [2, 0.8]]), vector([[2, 1]])],
			[0, 0, 1],
			2,
			3,
		);
		expect(index.nearest(vector([[2, 1]]), 0)).toBeCloseTo(0.8, 6);
		expect(index.nearest(vector([[2, 1]]), 1)).toBeCloseTo(1, 6);
		expect(index.nearest(vector([[0, 0.6], [1, 0.8]]), 1)).toBe(0);
		// The query buffer is cleared between searches.
		expect(index.nearest(vector([[1, 1]]), 0)).toBeCloseTo(0.6, 6);
	});

	it('gives bit for bit the cosine of the packed scan (the path for unsorted queries)', () => {
		let seed = 7;
		const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
		const sparse = (size: number) => {
			const picked = new Set<number>();
			while (picked.size < size) picked.add(Math.floor(random() * 200));
			return vector([...picked].sort((a, b) => a - b).map((i) => [i, random()]));
		};
		const examples = Array.from({ length: 60 }, () => sparse(25));
		const index = ExampleIndex.build(examples, examples.map((_, i) => i % 3), 3, 200);
		for (let q = 0; q < 30; q++) {
			const query = sparse(40);
			const reversed = { indices: query.indices.slice().reverse(), values: query.values.slice().reverse() };
			for (let cls = 0; cls < 3; cls++) {
				// Reversed, the search falls back to the packed scan, which adds in each example's own order.
				const scanned = index.nearest(reversed, cls);
				expect(index.nearest(query, cls)).toBe(scanned);
			}
		}
	});
});

describe('8-bit weights', () => {
	it('round-trips each row within half a step of its largest weight', () => {
		const weights = Float32Array.from([0.5, -1, 0.25, 0, 0, 0, 3, 2.9, -0.001]);
		const back = dequantizeRows(quantizeRows(weights, 3), 3);
		expect(Array.from(back.slice(3, 6))).toEqual([0, 0, 0]);
		weights.forEach((w, j) => {
			const rowMax = [1, 0, 3][Math.floor(j / 3)];
			expect(Math.abs(back[j] - w)).toBeLessThanOrEqual(rowMax / 254 + 1e-7);
		});
	});
});
