import { DateTime, IANAZone, type Zone } from 'luxon';
import { cachedZone } from './cachedZone';
import { holidayTable } from './holidays';
import { formatOffsetIso, localParts, parseOffsetIso } from './instant';
import { assertIsoDate, parseDayHours, type MinuteInterval } from './parse';
import { WEEKDAYS, type CalendarConfig } from './types';

/** An instant: a luxon DateTime, a Date, an ISO string with offset, or epoch milliseconds. */
export type TimeInput = DateTime | Date | string | number;

/** Half-open [start, end) span of open time, in epoch milliseconds. */
export interface OpenSpan {
	start: number;
	end: number;
}

const DAY_MS = 86_400_000;
/** How far ahead the calendar searches for open time before deciding it never opens. */
const SEARCH_DAYS = 3 * 366;
const MAX_CACHED_DAYS = 20_000;

/** Epoch milliseconds of an instant; throws on an unparseable value. */
export function toMillis(at: TimeInput, field = 'time'): number {
	let ms: number;
	if (typeof at === 'number') ms = at;
	else if (at instanceof Date) ms = at.getTime();
	else if (typeof at === 'string') ms = parseOffsetIso(at)?.millis ?? DateTime.fromISO(at, { setZone: true }).toMillis();
	else ms = at.toMillis();
	if (!Number.isFinite(ms)) throw new Error(`${field}: "${String(at)}" is not a valid date-time`);
	return ms;
}

function dateOf(dayNo: number): { year: number; month: number; day: number; iso: string; weekday: number } {
	const d = new Date(dayNo * DAY_MS);
	const iso = d.toISOString().slice(0, 10);
	// getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), iso, weekday: (d.getUTCDay() + 6) % 7 };
}

/**
 * Business hours in one IANA zone: weekly intervals (several a day, across midnight, or 24/7), public
 * holidays from date-holidays, extra closed dates and special hours. All arithmetic is done on absolute
 * instants, with local wall-clock times converted by luxon per date, so DST days are as long as they really are.
 * The result never depends on the zone of the process.
 */
export class BusinessCalendar {
	readonly timeZone: string;
	private readonly zone: Zone;
	private readonly weekly: MinuteInterval[][];
	private readonly closedDates: Set<string>;
	private readonly special: Map<string, MinuteInterval[]>;
	private readonly dayCache = new Map<number, OpenSpan[]>();

	constructor(readonly config: CalendarConfig) {
		const zone = String(config.timeZone ?? '').trim();
		if (!zone || !IANAZone.isValidZone(zone)) throw new Error(`calendar.timeZone: "${config.timeZone}" is not an IANA time zone`);
		this.timeZone = zone;
		this.zone = cachedZone(zone);
		this.weekly = WEEKDAYS.map((weekday) =>
			config.alwaysOpen ? [{ start: 0, end: 1440 }] : parseDayHours(config.weekly?.[weekday], `calendar.weekly.${weekday}`),
		);
		this.closedDates = new Set((config.closedDates ?? []).map((date, i) => assertIsoDate(date, `calendar.closedDates[${i}]`)));
		this.special = new Map(
			(config.specialHours ?? []).map((entry, i) => [
				assertIsoDate(entry.date, `calendar.specialHours[${i}].date`),
				parseDayHours(entry.hours, `calendar.specialHours[${i}].hours`),
			]),
		);
		if (this.weekly.every((day) => day.length === 0)) {
			throw new Error('calendar.weekly: no open hours on any weekday; set some hours or alwaysOpen');
		}
		// Fail on a bad country now rather than on the first ticket.
		if (config.holidays?.country) holidayTable(config.holidays, 2026);
	}

	/** True when humans are in at this instant. */
	isOpen(at: TimeInput): boolean {
		const ms = toMillis(at);
		for (const span of this.spansFrom(ms, ms + DAY_MS)) {
			if (span.start > ms) return false;
			if (span.end > ms) return true;
		}
		return false;
	}

	/** The instant itself when open, else the next instant humans are in. */
	nextOpen(at: TimeInput): DateTime {
		const ms = toMillis(at);
		for (const span of this.spansFrom(ms, ms + SEARCH_DAYS * DAY_MS)) {
			if (span.end > ms) return this.toDateTime(Math.max(span.start, ms));
		}
		throw new Error(`calendar: no open hours within ${SEARCH_DAYS} days after ${this.toDateTime(ms).toISO()}`);
	}

	/** When the current open span ends (the instant itself when closed). */
	nextClose(at: TimeInput): DateTime {
		const ms = toMillis(at);
		for (const span of this.spansFrom(ms, ms + SEARCH_DAYS * DAY_MS)) {
			if (span.start > ms) break;
			if (span.end > ms) return this.toDateTime(span.end);
		}
		return this.toDateTime(ms);
	}

	/** Open time between two instants, in milliseconds (negative when b is before a). */
	businessDurationBetween(a: TimeInput, b: TimeInput): number {
		const from = toMillis(a, 'from');
		const to = toMillis(b, 'to');
		if (to < from) return -this.businessDurationBetween(to, from);
		let total = 0;
		for (const span of this.spansFrom(from, to)) {
			if (span.start >= to) break;
			const overlap = Math.min(span.end, to) - Math.max(span.start, from);
			if (overlap > 0) total += overlap;
		}
		return total;
	}

	/** The instant at which `durationMs` of open time has passed since `at`. */
	addBusinessDuration(at: TimeInput, durationMs: number): DateTime {
		return this.toDateTime(this.addBusinessMillis(at, durationMs));
	}

	/** addBusinessDuration as epoch milliseconds (no DateTime built: SLA deadlines are computed per ticket). */
	addBusinessMillis(at: TimeInput, durationMs: number): number {
		const from = toMillis(at);
		if (!Number.isFinite(durationMs) || durationMs < 0) throw new Error(`duration: ${durationMs} must be a non-negative number of milliseconds`);
		if (durationMs === 0) return from;
		let remaining = durationMs;
		for (const span of this.spansFrom(from, from + durationMs + SEARCH_DAYS * DAY_MS)) {
			const start = Math.max(span.start, from);
			if (span.end <= start) continue;
			const available = span.end - start;
			if (remaining <= available) return start + remaining;
			remaining -= available;
		}
		throw new Error(`calendar: not enough open hours within ${SEARCH_DAYS} days to add ${durationMs} ms`);
	}

	/** An instant as luxon's toISO() would write it in the business zone, without building a DateTime. */
	toIso(at: TimeInput): string {
		const ms = toMillis(at);
		return formatOffsetIso(ms, this.zone.offset(ms), { namedZone: true });
	}

	/** An instant as a DateTime in the business zone. */
	toDateTime(at: TimeInput): DateTime {
		return DateTime.fromMillis(toMillis(at), { zone: this.zone });
	}

	/** Merged open spans that end after `fromMs`, in order, starting no later than `untilMs`. */
	*spansFrom(fromMs: number, untilMs: number): Generator<OpenSpan> {
		const today = localParts(fromMs, this.zone).dayNumber;
		// Start a day early: yesterday's shift may run past midnight into today.
		let dayNo = today - 1;
		// Local days are at most ~26 h long, so a margin of two days past untilMs covers every zone.
		const lastDay = today + Math.ceil((untilMs - fromMs) / DAY_MS) + 2;
		let current: OpenSpan | undefined;
		for (; dayNo <= lastDay; dayNo++) {
			for (const span of this.daySpans(dayNo)) {
				if (span.end <= fromMs) continue;
				// Spans of one day are sorted and each day's start after the previous day's, so a streaming merge works.
				if (current && span.start <= current.end) {
					current = { start: current.start, end: Math.max(current.end, span.end) };
					continue;
				}
				if (current) yield current;
				if (span.start > untilMs) return;
				current = span;
			}
		}
		if (current) yield current;
	}

	/** Open spans that start on one local date (cached: luxon zone conversion is the costly part). */
	private daySpans(dayNo: number): OpenSpan[] {
		const cached = this.dayCache.get(dayNo);
		if (cached) return cached;
		const date = dateOf(dayNo);
		let intervals = this.special.get(date.iso);
		if (!intervals) {
			intervals = this.closedDates.has(date.iso) ? [] : this.weekly[date.weekday];
			const closedFrom = this.config.holidays?.country ? holidayTable(this.config.holidays, date.year).get(date.iso) : undefined;
			if (closedFrom !== undefined) intervals = clipAt(intervals, closedFrom);
		}
		const spans: OpenSpan[] = [];
		for (const interval of intervals) {
			const start = this.localMillis(dayNo, interval.start);
			const end = this.localMillis(dayNo, interval.end);
			// A wall-clock interval inside a DST gap has no real duration.
			if (end > start) spans.push({ start, end });
		}
		if (this.dayCache.size >= MAX_CACHED_DAYS) this.dayCache.clear();
		this.dayCache.set(dayNo, spans);
		return spans;
	}

	/** Epoch ms of a local wall-clock time; luxon moves times in a DST gap forward. */
	private localMillis(dayNo: number, minutes: number): number {
		const date = dateOf(dayNo + Math.floor(minutes / 1440));
		const minuteOfDay = minutes % 1440;
		return DateTime.fromObject(
			{ year: date.year, month: date.month, day: date.day, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 },
			{ zone: this.zone },
		).toMillis();
	}
}

/** A holiday closes the day from `closedFrom` minutes on (0 = all day). */
function clipAt(intervals: MinuteInterval[], closedFrom: number): MinuteInterval[] {
	if (closedFrom <= 0) return [];
	return intervals
		.filter((interval) => interval.start < closedFrom)
		.map((interval) => ({ start: interval.start, end: Math.min(interval.end, closedFrom) }));
}

const compiled = new Map<string, BusinessCalendar>();

/** A calendar compiled once per distinct configuration (nodes call this once per execution). */
export function getCalendar(config: CalendarConfig): BusinessCalendar {
	const key = JSON.stringify(config);
	let calendar = compiled.get(key);
	if (!calendar) {
		calendar = new BusinessCalendar(config);
		if (compiled.size >= 200) compiled.clear();
		compiled.set(key, calendar);
	}
	return calendar;
}
