/**
 * A deep copy with exactly what a JSON round trip (JSON.parse(JSON.stringify(value))) gives back:
 * undefined, functions and symbols dropped from objects and null in arrays, non-finite numbers as
 * null, -0 as 0, toJSON() honoured (dates become strings), own enumerable keys only. Hand-written
 * because the round trip copies and rescans every string (a conversation's turns are most of its
 * bytes) where this shares them, and structuredClone keeps undefined and dates, so it is not the same.
 */
const SKIP = Symbol('skip');

export function jsonCopy<T>(value: T): T {
	const copy = copyValue(value, '');
	// JSON.stringify(undefined) is undefined, and JSON.parse of it throws, as the round trip would.
	if (copy === SKIP) throw new SyntaxError('"undefined" is not valid JSON');
	return copy as T;
}

function copyValue(value: unknown, key: string): unknown {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return value;
		case 'number':
			return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
		case 'bigint':
			throw new TypeError('Do not know how to serialize a BigInt');
		case 'object': {
			if (value === null) return null;
			const toJson = (value as { toJSON?: unknown }).toJSON;
			if (typeof toJson === 'function') return copyValue(toJson.call(value, key), key);
			if (Array.isArray(value)) {
				const out = new Array(value.length);
				for (let i = 0; i < value.length; i++) {
					const item = copyValue(value[i], String(i));
					out[i] = item === SKIP ? null : item;
				}
				return out;
			}
			// Boxed primitives, as JSON.stringify unwraps them.
			if (value instanceof Number || value instanceof String || value instanceof Boolean) return copyValue(value.valueOf(), key);
			const out: Record<string, unknown> = {};
			for (const name of Object.keys(value)) {
				const item = copyValue((value as Record<string, unknown>)[name], name);
				if (item === SKIP) continue;
				// JSON.parse makes "__proto__" an own property; an assignment would set the prototype.
				if (name === '__proto__') Object.defineProperty(out, name, { value: item, enumerable: true, writable: true, configurable: true });
				else out[name] = item;
			}
			return out;
		}
		default:
			return SKIP;
	}
}
