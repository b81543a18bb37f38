import { IANAZone, Zone } from 'luxon';

const BUCKET_MS = 15 * 60 * 1000;
const MAX_BUCKETS = 200_000;

/**
 * An IANA zone whose UTC offsets are remembered per quarter hour. luxon asks Intl for the offset of
 * every DateTime it builds, which dominated replays of long histories; offsets only change at DST
 * transitions, and every zone in use today moves on a quarter-hour boundary.
 */
class CachedIanaZone extends Zone {
	private readonly inner: IANAZone;
	private readonly offsets = new Map<number, number>();

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
