import { IANAZone, Zone } from 'luxon';

const BUCKET_MS = 15 * 60 * 1000;
const DAY_MS = 86_400_000;
const MAX_BUCKETS = 200_000;
/** Marks a UTC day on which the offset changes. */
const MIXED = Number.NaN;

/**
 * An IANA zone whose UTC offsets are remembered per quarter hour. luxon asks Intl for the offset of
 * every DateTime it builds, which dominated replays of long histories; offsets only change at DST
 * transitions, and every zone in use today moves on a quarter-hour boundary.
 */
class CachedIanaZone extends Zone {
	private readonly inner: IANAZone;
	private readonly offsets = new Map<number, number>();
	private readonly dayOffsets = new Map<number, number>();

	constructor(name: string) {
		super();
		this.inner = IANAZone.create(name);
	}

	get type(): string {
		return 'iana';
	}

	get name(): string {
		return this.inner.name;
	}

	get isUniversal(): boolean {
		return false;
	}

	get isValid(): boolean {
		return this.inner.isValid;
	}

	offsetName(ts: number, options: { format?: 'short' | 'long'; locale?: string }): string | null {
		return this.inner.offsetName(ts, options as never);
	}

	formatOffset(ts: number, format: 'narrow' | 'short' | 'techie'): string {
		return this.inner.formatOffset(ts, format);
	}

	offset(ts: number): number {
		// Most days have one offset all day: one Intl look-up at each end of the day settles all 96 quarter hours.
		const day = Math.floor(ts / DAY_MS);
		let offset = this.dayOffsets.get(day);
		if (offset === undefined) {
			const start = this.inner.offset(day * DAY_MS);
			offset = start === this.inner.offset((day + 1) * DAY_MS - 1) ? start : MIXED;
			if (this.dayOffsets.size >= MAX_BUCKETS) this.dayOffsets.clear();
			this.dayOffsets.set(day, offset);
		}
		return Number.isNaN(offset) ? this.quarterHourOffset(ts) : offset;
	}

	/** On a day with a transition, offsets are remembered per quarter hour. */
	private quarterHourOffset(ts: number): number {
		const bucket = Math.floor(ts / BUCKET_MS);
		let offset = this.offsets.get(bucket);
		if (offset === undefined) {
			offset = this.inner.offset(ts);
			if (this.offsets.size >= MAX_BUCKETS) this.offsets.clear();
			this.offsets.set(bucket, offset);
		}
		return offset;
	}

	equals(other: Zone): boolean {
		return other.type === 'iana' && other.name === this.name;
	}
}

const zones = new Map<string, CachedIanaZone>();

/** The shared cached zone for an IANA name (content-keyed: safe across executions). */
export function cachedZone(name: string): Zone {
	let zone = zones.get(name);
	if (!zone) {
		zone = new CachedIanaZone(name);
		zones.set(name, zone);
	}
	return zone;
}
