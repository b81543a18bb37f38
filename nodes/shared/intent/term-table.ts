/**
 * Feature look-up without building term strings. A message yields ~250 character n-grams; slicing
 * each into a string and hashing it again in a Map was the largest cost of a replay. Here every
 * term is identified by two independent 32-bit hashes (text/hash64) computed incrementally over its
 * characters (so the n-grams that start at one position share their work), and a fingerprint map
 * gives the feature index. Hand-written because no library offers substring-incremental hashing
 * over a fixed vocabulary.
 */
import { FingerprintMap } from '../text/fingerprint-map';
import { hashOf } from '../text/hash64';

/** The vocabulary by fingerprint; undefined when two terms share one (then callers keep using strings). */
export function buildTermTable(vocabulary: ReadonlyMap<string, number>): FingerprintMap | undefined {
	const table = new FingerprintMap(vocabulary.size);
	for (const [term, index] of vocabulary) {
		const { a, b } = hashOf(term);
		if (table.putIfAbsent(a, b, index) !== -1) return undefined;
	}
	return table;
}
