/**
 * Two independent 32-bit string hashes (FNV-1a and a murmur-style mix), fed one character at a
 * time so callers can hash substrings incrementally without building them. Together they make a
 * 64-bit fingerprint: the chance that any two of a million distinct strings share one is about 1 in 30 million.
 */

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
const SEED_B = 0x2545f491 | 0;
const MIX_B = 0x5bd1e995;

/** Running hash state: the two hashes so far. Feed characters with `stepHash` or `feedString`. */
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

