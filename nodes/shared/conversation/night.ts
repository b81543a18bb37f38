import type { BusinessCalendar } from '../calendar';
import type { NightWindow } from './outreach';

const DAY_MS = 86_400_000;
/** How far back the previous close is looked for (a long holiday closure still counts as one night). */
const LOOK_BACK_DAYS = 14;

/**
 * The night a morning follow-up looks at, or null when it is not the start of business hours: people
 * must be in (`now` open) and have come in at most `withinMinutes` ago. The night runs from the end of
 * the previous open span to this opening; with no open span in the last two weeks, from a day before it.
 * A schedule can then run every few minutes all day: only the runs just after opening find anything.
 */
export function nightBefore(calendar: BusinessCalendar, nowMs: number, withinMinutes: number): NightWindow | null {
	if (!calendar.isOpen(nowMs)) return null;
	const windowStart = nowMs - Math.max(1, withinMinutes) * 60_000;
	if (calendar.isOpen(windowStart)) return null;
	const openedAt = calendar.nextOpen(windowStart).toMillis();
	let lastClose: number | undefined;
	let span = calendar.nextOpen(openedAt - LOOK_BACK_DAYS * DAY_MS).toMillis();
	while (span < openedAt) {
		const close = calendar.nextClose(span).toMillis();
		if (close >= openedAt) break;
		lastClose = close;
		span = calendar.nextOpen(close).toMillis();
	}
	return { fromMs: lastClose ?? openedAt - DAY_MS, toMs: openedAt };
}
