/**
 * An open-addressing map from a 64-bit fingerprint (the two hashes of text/hash64) to a
 * non-negative integer, kept in typed arrays: no string is stored and nothing is allocated per
 * entry. The intent model looks its features up in one; the replay remembers ticket ids in another.
 */
const EMPTY = -1;

export class FingerprintMap {
	private keysA: Int32Array;
	private keysB: Int32Array;
	private values: Int32Array;
	private count = 0;

	constructor(expected = 8) {
		let capacity = 16;
		while (capacity < expected * 2) capacity *= 2;
		this.keysA = new Int32Array(capacity);
		this.keysB = new Int32Array(capacity);
		this.values = new Int32Array(capacity).fill(EMPTY);
	}

	/** The value stored under the fingerprint, or -1. */
	get(a: number, b: number): number {
		const mask = this.values.length - 1;
		for (let slot = a & mask; ; slot = (slot + 1) & mask) {
			const value = this.values[slot];
			if (value === EMPTY || (this.keysA[slot] === a && this.keysB[slot] === b)) return value;
		}
	}

	/** The value already stored under the fingerprint; or -1, after storing `value` (≥ 0) there. */
	putIfAbsent(a: number, b: number, value: number): number {
		const mask = this.values.length - 1;
		for (let slot = a & mask; ; slot = (slot + 1) & mask) {
			const stored = this.values[slot];
			if (stored === EMPTY) {
				this.keysA[slot] = a;
				this.keysB[slot] = b;
				this.values[slot] = value;
				// At most half full, so probe runs stay short.
				if (++this.count * 2 > this.values.length) this.grow();
				return EMPTY;
			}
			if (this.keysA[slot] === a && this.keysB[slot] === b) return stored;
		}
	}

	private grow(): void {
		const [keysA, keysB, values] = [this.keysA, this.keysB, this.values];
		const size = values.length * 2;
		this.keysA = new Int32Array(size);
		this.keysB = new Int32Array(size);
		this.values = new Int32Array(size).fill(EMPTY);
		const mask = size - 1;
		for (let old = 0; old < values.length; old++) {
			if (values[old] === EMPTY) continue;
			let slot = keysA[old] & mask;
			while (this.values[slot] !== EMPTY) slot = (slot + 1) & mask;
			this.keysA[slot] = keysA[old];
			this.keysB[slot] = keysB[old];
			this.values[slot] = values[old];
		}
	}
}
