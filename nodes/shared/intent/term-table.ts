/**
 * Feature look-up without building term strings. A message yields ~250 character n-grams; slicing
 * each into a string and hashing it again in a Map was the largest cost of a replay. Here every
 * term is identified by two independent 32-bit hashes (text/hash64) computed incrementally over its
 * characters (so the n-grams that start at one position share their work), and an open-addressing table in
 * typed arrays maps the pair to the feature index. Hand-written because no library offers
 * substring-incremental hashing over a fixed vocabulary.
 */

import { hashOf } from '../text/hash64';

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
