import { DateTime } from 'luxon';

/** Formatting for the report. Every metric may be null (nothing labelled, nothing to divide by): it shows as "—". */
export const DASH = '—';

type Maybe = number | null | undefined;

const missing = (value: Maybe): value is null | undefined => value === null || value === undefined || !Number.isFinite(value);

export function percent(value: Maybe, digits = 1): string {
	return missing(value) ? DASH : `${(value * 100).toFixed(digits)} %`;
}

export function integer(value: Maybe): string {
	return missing(value) ? DASH : Math.round(value).toLocaleString('en-US');
}

export function decimal(value: Maybe, digits = 2): string {
	return missing(value) ? DASH : value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function money(value: Maybe, currency: string): string {
	return missing(value) ? DASH : `${currency} ${value.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}

/** Minutes as "42 min", "3.5 h" or "2.1 d", whichever reads best. */
export function duration(minutes: Maybe): string {
	if (missing(minutes)) return DASH;
	const abs = Math.abs(minutes);
	if (abs < 90) return `${decimal(minutes, abs < 10 ? 1 : 0)} min`;
	if (abs < 48 * 60) return `${decimal(minutes / 60, 1)} h`;
	return `${decimal(minutes / 1440, 1)} d`;
}

/** An ISO instant as the business-local "6 Mar 2026 23:14"; kept in the offset it was written with. */
export function dateTime(iso: string | null | undefined): string {
	if (!iso) return DASH;
	const parsed = DateTime.fromISO(iso, { setZone: true });
	return parsed.isValid ? parsed.toFormat('d LLL yyyy HH:mm') : iso;
}
