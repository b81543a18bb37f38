/** Small statistics helpers for the report. */

export function ratio(part: number, whole: number): number | null {
	return whole > 0 ? round(part / whole) : null;
}

export function round(value: number, digits = 4): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

/** Nearest-rank percentile of an unsorted list; null when empty. */
export function percentile(values: ArrayLike<number>, p: number): number | null {
	if (values.length === 0) return null;
	const sorted = Float64Array.from(values).sort();
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return round(sorted[rank], 2);
}

/** Grows without copying per push: values per ticket, kept compactly for percentiles. */
export class NumberList {
	private data = new Float64Array(1024);
	length = 0;

	push(value: number): void {
		if (this.length === this.data.length) {
			const bigger = new Float64Array(this.data.length * 2);
			bigger.set(this.data);
			this.data = bigger;
		}
		this.data[this.length++] = value;
	}

	values(): Float64Array {
		return this.data.subarray(0, this.length);
	}
}
