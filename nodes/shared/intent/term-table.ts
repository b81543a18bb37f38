/**
 * Feature look-up without building term strings. A message yields ~250 character n-grams; slicing
 * each into a string and hashing it again in a Map was the largest cost of a replay. Here every
 * term is identified by two independent 32-bit hashes computed incrementally over its characters
 * (so the n-grams that start at one position share their work), and an open-addressing table in
 * typed arrays maps the pair to the feature index. Hand-written because no library offers
 * substring-incremental hashing over a fixed vocabulary.
 */

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
const SEED_B = 0x2545f491 | 0;
const MIX_B = 0x5bd1e995;

/** Running hash state: [a, b]. Feed characters with `step`. */
export interface HashState {
	a: number;
	b: number;
}

export function startHash(): HashState {
	return { a: FNV_OFFSET, b: SEED_B };
}

/** The two running hashes, one character further (small enough for V8 to inline into hot loops). */
export function stepA(a: number, code: number): number {
	return Math.imul(a ^ code, FNV_PRIME);
}

export function stepB(b: number, code: number): number {
	const mixed = Math.imul(b ^ code, MIX_B);
	return mixed ^ (mixed >>> 15);
}

export function stepHash(state: HashState, code: number): void {
	state.a = stepA(state.a, code);
	state.b = stepB(state.b, code);
}

export function feedString(state: HashState, text: string): void {
	for (let i = 0; i < text.length; i++) stepHash(state, text.charCodeAt(i));
}

export function hashOf(text: string): HashState {
	const state = startHash();
	feedString(state, text);
	return state;
}

export class TermTable {
	private readonly keysA: Int32Array;
	private readonly keysB: Int32Array;
	private readonly values: Int32Array;
	private readonly mask: number;

	private constructor(capacity: number) {
		this.keysA = new Int32Array(capacity);
		this.keysB = new Int32Array(capacity);
		this.values = new Int32Array(capacity).fill(-1);
		this.mask = capacity - 1;
	}

	/** undefined when two vocabulary terms share both hashes (then callers keep using strings). */
	static build(vocabulary: ReadonlyMap<string, number>): TermTable | undefined {
		let capacity = 16;
		while (capacity < vocabulary.size * 2) capacity *= 2;
		const table = new TermTable(capacity);
		for (const [term, index] of vocabulary) {
			const { a, b } = hashOf(term);
			if (!table.insert(a, b, index)) return undefined;
		}
		return table;
	}

	private insert(a: number, b: number, index: number): boolean {
		for (let slot = a & this.mask; ; slot = (slot + 1) & this.mask) {
			if (this.values[slot] === -1) {
				this.keysA[slot] = a;
				this.keysB[slot] = b;
				this.values[slot] = index;
				return true;
			}
			if (this.keysA[slot] === a && this.keysB[slot] === b) return false;
		}
	}

	/** The feature index of the term with these hashes, or -1. */
	get(a: number, b: number): number {
		for (let slot = a & this.mask; ; slot = (slot + 1) & this.mask) {
			const value = this.values[slot];
			if (value === -1) return -1;
			if (this.keysA[slot] === a && this.keysB[slot] === b) return value;
		}
	}
}
