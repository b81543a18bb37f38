/**
 * A set of small non-negative integers that hands them back in ascending order: a bitmap with a
 * summary bitmap of its non-zero words, so draining costs the summary plus the members, not a
 * sort. The feature builders collect a few hundred term indices per message and need them
 * ascending (sums keep a fixed order); sorting them was a third of featurising. Hand-written: no
 * npm bitset offers ordered draining without allocating.
 */
export class AscendingSet {
	private readonly words: Int32Array;
	private readonly summary: Int32Array;
	size = 0;

	constructor(universe: number) {
		this.words = new Int32Array(Math.ceil(universe / 32));
		this.summary = new Int32Array(Math.ceil(this.words.length / 32));
	}

	/** Adds a value not yet in the set (callers know: their counts go from 0 to 1). */
	add(value: number): void {
		const word = value >>> 5;
		this.words[word] |= 1 << (value & 31);
		this.summary[word >>> 5] |= 1 << (word & 31);
		this.size++;
	}

	/** Writes the members ascending into out from offset, empties the set, returns how many. */
	drainInto(out: Int32Array, offset = 0): number {
		const { words, summary } = this;
		let n = offset;
		for (let s = 0; s < summary.length; s++) {
			let marks = summary[s];
			if (marks === 0) continue;
			summary[s] = 0;
			while (marks !== 0) {
				const low = marks & -marks;
				const word = (s << 5) | (31 - Math.clz32(low));
				marks ^= low;
				let bits = words[word];
				words[word] = 0;
				while (bits !== 0) {
					const bit = bits & -bits;
					out[n++] = (word << 5) | (31 - Math.clz32(bit));
					bits ^= bit;
				}
			}
		}
		const count = n - offset;
		this.size = 0;
		return count;
	}
}
