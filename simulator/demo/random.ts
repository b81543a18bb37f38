/**
 * mulberry32: a tiny seeded PRNG, written out here so the demo history is byte-for-byte reproducible
 * from its seed without adding a dependency (Math.random cannot be seeded).
 */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Sampling helpers over one seeded stream. */
export class Random {
	constructor(private readonly next: () => number) {}

	static seeded(seed: number): Random {
		return new Random(mulberry32(seed));
	}

	float(): number {
		return this.next();
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.next() * list.length)];
	}

	/** Picks a key with probability proportional to its weight. */
	weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
		const entries = Object.entries(weights) as Array<[K, number]>;
		const total = entries.reduce((sum, [, w]) => sum + w, 0);
		let r = this.next() * total;
		for (const [key, w] of entries) {
			r -= w;
			if (r < 0) return key;
		}
		return entries[entries.length - 1][0];
	}

	/** Index into a list of weights. */
	weightedIndex(weights: readonly number[]): number {
		const total = weights.reduce((sum, w) => sum + w, 0);
		let r = this.next() * total;
		for (let i = 0; i < weights.length; i++) {
			r -= weights[i];
			if (r < 0) return i;
		}
		return weights.length - 1;
	}

	/** Log-normal around a median (Box–Muller), for waiting and handling times. */
	logNormal(median: number, sigma: number): number {
		const u = Math.max(this.next(), 1e-12);
		const v = this.next();
		const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		return median * Math.exp(sigma * z);
	}
}
