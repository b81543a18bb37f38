/**
 * Fast paths for the one timestamp shape every ticket carries: ISO 8601 with an explicit offset
 * ("2026-03-02T09:15:00-06:00"). luxon's general parser and DateTime objects cost ~10–25 µs each,
 * the largest single cost of a replay; these do the same for that shape with plain integer
 * arithmetic. Anything else (no offset, out-of-range fields, other formats) returns undefined, and
 * callers fall back to luxon, so luxon stays the authority on what is valid.
 */
import type { Zone } from 'luxon';

export interface OffsetInstant {
	millis: number;
	/** The offset written in the text, in minutes east of UTC. */
	offsetMinutes: number;
}

const OFFSET_ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Proleptic Gregorian, as Date.UTC counts (years ≥ 100 only reach here). */
function daysInMonth(year: number, month: number): number {
	if (month !== 2) return MONTH_DAYS[month - 1];
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * One ticket's few timestamps are read many times over (the store's turns, the greeter, the SLA):
 * ~18 parses a ticket on the realistic mix. The answers are frozen and shared; the cache is cleared
 * when full, so it stays small and its contents never change a result.
 */
const PARSED_LIMIT = 4096;
const parsed = new Map<string, OffsetInstant | null>();

/** Epoch milliseconds and offset of an ISO date-time with Z or ±hh:mm; undefined for any other text. */
export function parseOffsetIso(text: string): OffsetInstant | undefined {
	const hit = parsed.get(text);
	if (hit !== undefined) return hit ?? undefined;
	const instant = parseUncached(text);
	// Only what could be a timestamp is kept: a long text never stays alive here.
	if (text.length > 40) return instant;
	if (parsed.size >= PARSED_LIMIT) parsed.clear();
	parsed.set(text, instant ? Object.freeze(instant) : null);
	return instant;
}

function parseUncached(text: string): OffsetInstant | undefined {
	const m = OFFSET_ISO.exec(text);
	if (!m) return undefined;
	const year = Number(m[1]);
	const month = Number(m[2]);
	const day = Number(m[3]);
	const hour = Number(m[4]);
	const minute = Number(m[5]);
	const second = m[6] === undefined ? 0 : Number(m[6]);
	const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
	// Date.UTC reads years 0–99 as 1900–1999: those (rare) stay with luxon.
	if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
	let offsetMinutes = 0;
	if (m[8] !== 'Z') {
		const offsetHours = Number(m[10]);
		const offsetMins = Number(m[11]);
		if (offsetHours > 18 || offsetMins > 59) return undefined;
		offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
	}
	const millis = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * MINUTE_MS;
	return { millis, offsetMinutes };
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

export interface IsoFormat {
	suppressMilliseconds?: boolean;
	/** luxon writes "Z" for a fixed zero offset, "+00:00" for a named zone (e.g. Europe/London) at offset zero. */
	namedZone?: boolean;
}

/** The ISO text luxon's toISO() writes for this instant at this offset. */
export function formatOffsetIso(millis: number, offsetMinutes: number, format: IsoFormat = {}): string {
	const local = new Date(millis + offsetMinutes * MINUTE_MS);
	const year = local.getUTCFullYear();
	if (year < 0 || year > 9999) throw new RangeError(`year ${year} is outside 0000–9999`);
	const ms = local.getUTCMilliseconds();
	const fraction = format.suppressMilliseconds && ms === 0 ? '' : '.' + String(ms).padStart(3, '0');
	let offset = 'Z';
	if (offsetMinutes !== 0 || format.namedZone) {
		const abs = Math.abs(offsetMinutes);
		offset = (offsetMinutes < 0 ? '-' : '+') + pad2(Math.floor(abs / 60)) + ':' + pad2(abs % 60);
	}
	return (
		String(year).padStart(4, '0') + '-' + pad2(local.getUTCMonth() + 1) + '-' + pad2(local.getUTCDate()) +
		'T' + pad2(local.getUTCHours()) + ':' + pad2(local.getUTCMinutes()) + ':' + pad2(local.getUTCSeconds()) + fraction + offset
	);
}

export interface LocalParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	/** ISO weekday: 1 = Monday … 7 = Sunday, as luxon counts. */
	weekday: number;
	/** The local date as days since 1970-01-01. */
	dayNumber: number;
	offsetMinutes: number;
}

/** Wall-clock fields of an instant in a zone, without building a luxon DateTime. */
export function localParts(millis: number, zone: Zone): LocalParts {
	const offsetMinutes = zone.offset(millis);
	const shifted = millis + offsetMinutes * MINUTE_MS;
	const local = new Date(shifted);
	return {
		year: local.getUTCFullYear(),
		month: local.getUTCMonth() + 1,
		day: local.getUTCDate(),
		hour: local.getUTCHours(),
		minute: local.getUTCMinutes(),
		weekday: ((local.getUTCDay() + 6) % 7) + 1,
		dayNumber: Math.floor(shifted / DAY_MS),
		offsetMinutes,
	};
}
