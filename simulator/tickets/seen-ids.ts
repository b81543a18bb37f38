/**
 * Ticket ids already read, for the duplicate check, in ~24 bytes an id: a 64-bit fingerprint and
 * the first line in an open-addressing table of typed arrays. A Map of id strings cost ~100 bytes
 * an id and held a million-ticket replay's memory up by ~100 MB. Two different ids sharing a
 * fingerprint would wrongly reject the second (reported with both lines); among a million ids the
 * odds are about 1 in 30 million.
 */
import { hashOf } from '../../nodes/shared/text/hash64';

export class SeenIds {
	private keysA = new Int32Array(1024);
	private keysB = new Int32Array(1024);
	/** First line of each id; 0 marks an empty slot (lines start at 1). */
	private lines = new Int32Array(1024);
	private count = 0;

	/** The line the id was first seen on, or undefined after recording it at `line`. */
	firstLineOf(id: string, line: number): number | undefined {
		const { a, b } = hashOf(id);
		const mask = this.lines.length - 1;
		for (let slot = a & mask; ; slot = (slot + 1) & mask) {
			const seen = this.lines[slot];
			if (seen === 0) {
				this.keysA[slot] = a;
				this.keysB[slot] = b;
				this.lines[slot] = line;
				if (++this.count * 2 > this.lines.length) this.grow();
				return undefined;
			}
			if (this.keysA[slot] === a && this.keysB[slot] === b) return seen;
		}
	}

	private grow(): void {
		const [keysA, keysB, lines] = [this.keysA, this.keysB, this.lines];
		const size = lines.length * 2;
		this.keysA = new Int32Array(size);
		this.keysB = new Int32Array(size);
		this.lines = new Int32Array(size);
		const mask = size - 1;
		for (let old = 0; old < lines.length; old++) {
			if (lines[old] === 0) continue;
			let slot = keysA[old] & mask;
			while (this.lines[slot] !== 0) slot = (slot + 1) & mask;
			this.keysA[slot] = keysA[old];
			this.keysB[slot] = keysB[old];
			this.lines[slot] = lines[old];
		}
	}
}
