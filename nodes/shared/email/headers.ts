/**
 * Header helpers shared by the inbox trigger (reading) and the reply node (writing).
 * Pure: no n8n imports.
 */

/** Thrown when a value meant for a mail header could smuggle in extra headers. */
export class HeaderInjectionError extends Error {
	constructor(readonly field: string) {
		super(`The "${field}" field contains a line break (CR or LF); refusing to send to prevent header injection`);
		this.name = 'HeaderInjectionError';
	}
}

/** Rejects CR/LF (and NUL) in an outgoing header value; the caller names the field. */
export function assertHeaderSafe(field: string, value: string | undefined | null): void {
	if (value !== undefined && value !== null && /[\r\n\0]/.test(value)) {
		throw new HeaderInjectionError(field);
	}
}

/**
 * Cleans an incoming header value for use as data: unfolds line breaks, drops control
 * characters, collapses whitespace and bounds the length so one hostile mail cannot
 * bloat every downstream item.
 */
export function sanitizeHeaderText(value: unknown, maxLength = 998): string {
	if (value === undefined || value === null) return '';
	return (
		String(value)
			.replace(/[\u0000-\u001f\u007f]+/g, ' ')
			.replace(/\s+/g, ' ')
			.trim()
			.slice(0, maxLength)
	);
}

/** `<id@host>` form for Message-ID style values; empty string when nothing usable is left. */
export function normalizeMessageId(value: unknown): string {
	const text = sanitizeHeaderText(value, 500);
	if (!text) return '';
	const bracketed = /<[^<>\s]+>/.exec(text);
	if (bracketed) return bracketed[0];
	const bare = text.split(' ')[0];
	return `<${bare.replace(/[<>]/g, '')}>`;
}

/** Splits a References / In-Reply-To value (or list of values) into normalised message ids. */
export function parseMessageIdList(value: unknown): string[] {
	const raw = Array.isArray(value) ? value.join(' ') : sanitizeHeaderText(value, 20000);
	const ids = raw.match(/<[^<>\s]+>/g) ?? [];
	return [...new Set(ids)];
}

/**
 * Raw header lines (as mailparser's `headerLines` gives them) → lower-cased name → values.
 * We read raw lines because mailparser turns some headers into structured objects.
 */
export function headersFromLines(lines: ReadonlyArray<{ key: string; line: string }>): Record<string, string[]> {
	const headers: Record<string, string[]> = {};
	for (const { key, line } of lines) {
		const colon = line.indexOf(':');
		const value = sanitizeHeaderText(colon >= 0 ? line.slice(colon + 1) : '', 4000);
		(headers[key.toLowerCase()] ??= []).push(value);
	}
	return headers;
}
