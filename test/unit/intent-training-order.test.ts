import type { SparseVector } from '../../nodes/shared/intent/features';
import { DEFAULT_SOFTMAX, trainSoftmax } from '../../nodes/shared/intent/softmax';

const v = (pairs: Array<[number, number]>): SparseVector => ({ indices: Int32Array.from(pairs.map(([i]) => i)), values: Float32Array.from(pairs.map(([, value]) => value)) });

/** Twelve examples of three classes over six features, each with its own content key. */
const XS = [
	v([[0, 1]]), v([[0, 0.8], [1, 0.6]]), v([[1, 1]]), v([[0, 0.6], [5, 0.8]]),
	v([[2, 1]]), v([[2, 0.8], [3, 0.6]]), v([[3, 1]]), v([[2, 0.6], [5, 0.8]]),
	v([[4, 1]]), v([[4, 0.8], [1, 0.6]]), v([[4, 0.6], [3, 0.8]]), v([[5, 1]]),
];
const YS = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
const KEYS = XS.map((_, i) => (i + 1) * 2654435761 >>> 0);
const CONFIG = { ...DEFAULT_SOFTMAX, epochs: 4, balanced: false };

function permuted(order: number[]) {
	return { xs: order.map((i) => XS[i]), ys: order.map((i) => YS[i]), keys: order.map((i) => KEYS[i]) };
}

describe('trainSoftmax with content keys', () => {
	const reversed = XS.map((_, i) => XS.length - 1 - i);

	it('trains the same weights whatever order the examples come in', () => {
		const a = trainSoftmax(XS, YS, 3, 6, CONFIG, KEYS);
		const p = permuted(reversed);
		const b = trainSoftmax(p.xs, p.ys, 3, 6, CONFIG, p.keys);
		expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
		expect(Array.from(b.bias)).toEqual(Array.from(a.bias));
	});

	it('without keys the seeded shuffle follows the positions, so the same examples reordered train differently', () => {
		const a = trainSoftmax(XS, YS, 3, 6, CONFIG);
		const p = permuted(reversed);
		const b = trainSoftmax(p.xs, p.ys, 3, 6, CONFIG);
		expect(Array.from(b.weights)).not.toEqual(Array.from(a.weights));
	});

	it('refuses keys that do not match the examples', () => {
		expect(() => trainSoftmax(XS, YS, 3, 6, CONFIG, KEYS.slice(1))).toThrow('11 keys for 12 examples');
	});
});
