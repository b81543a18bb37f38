import type { DayHours, HoursInterval } from './types';

/** An interval in minutes after the local midnight of the day it starts on; end may exceed 1440 (crosses midnight). */
export interface MinuteInterval {
	start: number;
	end: number;
}

const TIME = /^(\d{1,2})(?::(\d{2}))?$/;

/** "9", "09:30", "24:00" → minutes after midnight. */
export function parseClock(text: string, field: string): number {
	const match = TIME.exec(text.trim());
	if (!match) throw new Error(`${field}: "${text}" is not a time like 09:00`);
	const hours = Number(match[1]);
	const minutes = Number(match[2] ?? '0');
	if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) throw new Error(`${field}: "${text}" is not a valid time`);
	return hours * 60 + minutes;
}

function toMinuteInterval(interval: HoursInterval, field: string): MinuteInterval {
	const start = parseClock(interval.start, `${field}.start`);
	let end = parseClock(interval.end, `${field}.end`);
	if (start === 1440) throw new Error(`${field}.start: 24:00 cannot start an interval`);
	// An end at or before the start means the shift runs past midnight into the next day.
	if (end <= start) end += 1440;
	return { start, end };
}

/** Parses one day's hours. Empty, "closed" → no hours; "24h" → the whole day. */
export function parseDayHours(hours: DayHours | undefined, field: string): MinuteInterval[] {
	if (hours === undefined || hours === null) return [];
	if (Array.isArray(hours)) return sortIntervals(hours.map((interval, i) => toMinuteInterval(interval, `${field}[${i}]`)));
	const text = String(hours).trim().toLowerCase();
	if (text === '' || text === 'closed' || text === '-') return [];
	if (text === '24h' || text === '24/7' || text === 'all day') return [{ start: 0, end: 1440 }];
	const intervals = text.split(/[,;]/).map((part, i) => {
		// Split on the dash, then trim beside it ("\s*[-–]\s*" rescanned a run of spaces from each position).
		const pieces = part.split(/[-–]/).map((piece, j) => (j > 0 ? piece.trimStart() : piece)).map((piece, j, all) => (j < all.length - 1 ? piece.trimEnd() : piece));
		const [start, end, extra] = pieces;
		if (!start || !end || extra !== undefined) throw new Error(`${field}: "${part.trim()}" is not an interval like 09:00-18:00`);
		return toMinuteInterval({ start, end }, `${field}[${i}]`);
	});
	return sortIntervals(intervals);
}

function sortIntervals(intervals: MinuteInterval[]): MinuteInterval[] {
	return intervals.sort((a, b) => a.start - b.start);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function assertIsoDate(date: string, field: string): string {
	const text = String(date).trim();
	if (!ISO_DATE.test(text)) throw new Error(`${field}: "${date}" is not a date like 2026-12-24`);
	return text;
}
