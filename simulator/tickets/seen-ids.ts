/**
 * Ticket ids already read, for the duplicate check, in ~24 bytes an id: a 64-bit fingerprint and
 * the first line in a fingerprint map. A Map of id strings cost ~100 bytes an id and held a
 * million-ticket replay's memory up by ~100 MB. Two different ids sharing a fingerprint would
 * wrongly reject the second (reported with both lines); among a million ids the odds are about
 * 1 in 30 million.
 */
import { FingerprintMap } from '../../nodes/shared/text/fingerprint-map';
import { hashOf } from '../../nodes/shared/text/hash64';

export class SeenIds {
	private readonly lines = new FingerprintMap(1024);

	/** The line the id was first seen on, or undefined after recording it at `line`. */
	firstLineOf(id: string, line: number): number | undefined {
		const { a, b } = hashOf(id);
		const first = this.lines.putIfAbsent(a, b, line);
		return first === -1 ? undefined : first;
	}
}
