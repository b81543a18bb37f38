/**
 * An open-addressing map from a 64-bit fingerprint (the two hashes of text/hash64) to a
 * non-negative integer, kept in one typed array: no string is stored and nothing is allocated per
 * entry. The intent model looks its features up in one; the replay remembers ticket ids in another.
 * A slot is three neighbouring ints (hash a, hash b, value), so a probe reads one cache line where
 * three arrays read three.
 */
const EMPTY = -1;
const STRIDE = 3;

export class FingerprintMap {
	private slots: Int32Array;
	/** Slots - 1 (a power of two less one). */
	private mask: number;
	private count = 0;

	constructor(expected = 8) {
		let capacity = 16;
		while (capacity < expected * 2) capacity *= 2;
		this.slots = FingerprintMap.empty(capacity);
		this.mask = capacity - 1;
	}

	private static empty(capacity: number): Int32Array {
		const slots = new Int32Array(capacity * STRIDE);
		for (let at = 2; at < slots.length; at += STRIDE) slots[at] = EMPTY;
		return slots;
	}

	/** The value stored under the fingerprint, or -1. */
	get(a: number, b: number): number {
		const { slots, mask } = this;
		for (let slot = a & mask; ; slot = (slot + 1) & mask) {
			const at = slot * STRIDE;
			const value = slots[at + 2];
			if (value === EMPTY || (slots[at] === a && slots[at + 1] === b)) return value;
		}
	}

	/** The value already stored under the fingerprint; or -1, after storing `value` (≥ 0) there. */
	putIfAbsent(a: number, b: number, value: number): number {
		const { slots, mask } = this;
		for (let slot = a & mask; ; slot = (slot + 1) & mask) {
			const at = slot * STRIDE;
			const stored = slots[at + 2];
			if (stored === EMPTY) {
				slots[at] = a;
				slots[at + 1] = b;
				slots[at + 2] = value;
				// At most half full, so probe runs stay short.
				if (++this.count * 2 > mask + 1) this.grow();
				return EMPTY;
			}
			if (slots[at] === a && slots[at + 1] === b) return stored;
		}
	}

	private grow(): void {
		const old = this.slots;
		const capacity = (this.mask + 1) * 2;
		const slots = FingerprintMap.empty(capacity);
		const mask = capacity - 1;
		for (let from = 0; from < old.length; from += STRIDE) {
			if (old[from + 2] === EMPTY) continue;
			let slot = old[from] & mask;
			while (slots[slot * STRIDE + 2] !== EMPTY) slot = (slot + 1) & mask;
			const at = slot * STRIDE;
			slots[at] = old[from];
			slots[at + 1] = old[from + 1];
			slots[at + 2] = old[from + 2];
		}
		this.slots = slots;
		this.mask = mask;
	}
}
