import fc from 'fast-check';
import { jsonCopy } from '../../nodes/shared/conversation/backends/json-copy';

const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value));
/** Same keys in the same order, same values (Object.is), all the way down. */
const sameShape = (value: unknown) => expect(JSON.stringify(jsonCopy(value))).toBe(JSON.stringify(value));

describe('jsonCopy: the memory store copies records as a JSON round trip would', () => {
	it('gives back what JSON.parse(JSON.stringify(x)) gives, keys and order included', () => {
		fc.assert(
			fc.property(fc.anything({ withDate: true, withBoxedValues: true, withNullPrototype: true, withSparseArray: true, withObjectString: true }), (value) => {
				let expected: unknown;
				try {
					expected = roundTrip(value);
				} catch (error) {
					expect(() => jsonCopy(value)).toThrow((error as Error).constructor as ErrorConstructor);
					return;
				}
				const copy = jsonCopy(value);
				expect(copy).toStrictEqual(expected);
				if (copy !== null && typeof copy === 'object') expect(JSON.stringify(copy)).toBe(JSON.stringify(expected));
			}),
			{ numRuns: 2000, seed: 21 },
		);
	});

	it('drops undefined in objects, writes null for it in arrays, and turns dates and non-finite numbers as JSON does', () => {
		const value = { a: undefined, b: [undefined, NaN, -0, Infinity], c: new Date(Date.UTC(2026, 11, 3)), d: () => 1, e: { toJSON: () => 'x' } };
		expect(jsonCopy(value)).toStrictEqual(roundTrip(value));
		expect(Object.keys(jsonCopy(value))).toEqual(['b', 'c', 'e']);
		sameShape(value);
	});

	it('keeps "__proto__" as an own key, as JSON.parse does, and never changes the copy\'s prototype', () => {
		const value = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}');
		const copy = jsonCopy(value) as Record<string, unknown>;
		expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
		expect(Object.keys(copy)).toEqual(['__proto__', 'x']);
		expect(copy).toStrictEqual(roundTrip(value));
	});

	it('shares nothing mutable with the original', () => {
		const record = { id: 'c1', turns: [{ text: 'hola', at: '2026-12-03T10:00:00-06:00' }], identities: { 'whatsapp:+5215512345678': { strength: 'verified' } } };
		const copy = jsonCopy(record);
		copy.turns[0].text = 'changed';
		copy.turns.push({ text: 'more', at: '' });
		(copy.identities as Record<string, unknown>)['email:a@b.c'] = {};
		expect(record.turns).toEqual([{ text: 'hola', at: '2026-12-03T10:00:00-06:00' }]);
		expect(Object.keys(record.identities)).toEqual(['whatsapp:+5215512345678']);
	});

	it('throws where the round trip throws: a BigInt, a cycle, undefined itself', () => {
		expect(() => jsonCopy({ n: BigInt(1) })).toThrow(TypeError);
		expect(() => jsonCopy(undefined)).toThrow();
		const cycle: Record<string, unknown> = {};
		cycle.self = cycle;
		expect(() => jsonCopy(cycle)).toThrow();
	});
});
