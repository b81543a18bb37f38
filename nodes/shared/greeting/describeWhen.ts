import { DateTime } from 'luxon';
import { cachedZone } from '../calendar/cachedZone';
import { parseOffsetIso } from '../calendar/instant';
import { fill, messagesFor } from '../i18n';

/**
 * "mañana a las 9:00", "el lunes a las 9:00", "na segunda-feira às 9h", "tomorrow at 9:00 AM", "hoy a las 14:00":
 * when `next` is, in local terms of the business zone, seen from `now`. Words come from the i18n files.
 */
export function describeWhen(next: DateTime, now: DateTime, language: string, timeZone: string): string {
	const m = messagesFor(language);
	const zone = cachedZone(timeZone);
	const local = next.setZone(zone);
	const today = now.setZone(zone);
	const days = localDayNumber(local) - localDayNumber(today);
	const time = formatTime(m.language, m.time, local);
	const at = fill(local.hour === 1 ? m.time.atOne : m.time.at, { time });
	const weekday = m.weekdays[local.weekday - 1];
	if (days <= 0) return fill(m.when.today, { at });
	if (days === 1) return fill(m.when.tomorrow, { at });
	if (days < 7) {
		const template = local.weekday >= 6 && m.when.weekdayWeekend ? m.when.weekdayWeekend : m.when.weekday;
		return fill(template, { weekday, at });
	}
	return fill(m.when.date, { day: String(local.day), month: m.months[local.month - 1], at });
}

function localDayNumber(dt: DateTime): number {
	return Date.UTC(dt.year, dt.month - 1, dt.day) / 86_400_000;
}

// Formatting through Intl is the slow part of a greeting, and there are only 1,440 times a day per language.
const timeCache = new Map<string, string>();

function formatTime(language: string, formats: { format: string; onTheHour: string }, local: DateTime): string {
	const key = `${language}|${local.hour}|${local.minute}`;
	let text = timeCache.get(key);
	if (text === undefined) {
		// Locale only affects AM/PM; names of days and months come from the data file.
		text = local.setLocale(language).toFormat(local.minute === 0 ? formats.onTheHour : formats.format);
		timeCache.set(key, text);
	}
	return text;
}

/** describeWhen for ISO strings; the zone defaults to the offset written in `nextIso`. */
export function describeWhenIso(nextIso: string, nowIso: string, language: string, timeZone?: string): string {
	// With a zone given only the two instants matter: ISO texts with an offset are read on the
	// calendar's fast path, and luxon's parser (most of this function's cost) reads anything else.
	if (timeZone !== undefined) {
		const zone = cachedZone(timeZone);
		const nextAt = parseOffsetIso(nextIso);
		const nowAt = parseOffsetIso(nowIso);
		if (zone.isValid && nextAt && nowAt) return describeWhen(DateTime.fromMillis(nextAt.millis, { zone }), DateTime.fromMillis(nowAt.millis, { zone }), language, timeZone);
	}
	const next = DateTime.fromISO(nextIso, { setZone: true });
	const now = DateTime.fromISO(nowIso, { setZone: true });
	if (!next.isValid) throw new Error(`hours.nextOpenAt: "${nextIso}" is not an ISO date-time`);
	if (!now.isValid) throw new Error(`message.receivedAt: "${nowIso}" is not an ISO date-time`);
	return describeWhen(next, now, language, timeZone ?? (next.zoneName as string));
}
