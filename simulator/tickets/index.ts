import { IANAZone } from 'luxon';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '../../nodes/shared/input-limits';
import { resolvePreset, type ColumnMap } from './columns';
import { readRows, TicketFileError, type TicketFormat } from './read-rows';
import { rowConverter, type ReplayTicket } from './to-ticket';

export * from './columns';
export { readRows, TicketFileError, formatOf } from './read-rows';
export type { RowEvent, TicketFormat } from './read-rows';
export { rowConverter, parseTimestamp } from './to-ticket';
export type { ReplayTicket, TicketLabels } from './to-ticket';

export type TicketEvent = { kind: 'ticket'; value: ReplayTicket } | { kind: 'rejected'; line: number; reason: string };

export interface ReadTicketsOptions {
	preset?: string;
	map?: ColumnMap;
	zone?: string;
	format?: TicketFormat;
	/** Text length and history caps (default DEFAULT_INPUT_LIMITS). */
	limits?: InputLimits;
}

export function assertZone(zone: string): string {
	if (!IANAZone.isValidZone(zone)) throw new TicketFileError(`Unknown time zone "${zone}" (use an IANA name such as America/Mexico_City)`);
	return zone;
}

/**
 * CSV fields are cut as they are read at this many times the text limit (never below
 * MIN_FIELD_LENGTH, so no ordinary field is touched): room for the blanks the text loses to trimming.
 */
const FIELD_WINDOW = 2;
const MIN_FIELD_LENGTH = 40_000;
export const maxFieldLength = (limits: InputLimits): number => Math.max(MIN_FIELD_LENGTH, limits.maxTextLength * FIELD_WINDOW);

/** Streams replayable tickets and rejections (with line numbers) from a ticket file. */
export async function* readTickets(file: string, options: ReadTicketsOptions = {}): AsyncGenerator<TicketEvent> {
	const zone = assertZone(options.zone ?? 'UTC');
	const map = { ...resolvePreset(options.preset ?? 'generic'), ...(options.map ?? {}) };
	let convert: ReturnType<typeof rowConverter> | undefined;
	let rows = 0;
	const limits = options.limits ?? DEFAULT_INPUT_LIMITS;
	for await (const event of readRows(file, options.format, { maxFieldLength: maxFieldLength(limits) })) {
		rows++;
		if (event.kind === 'rejected') {
			yield event;
			continue;
		}
		if (!convert) {
			try {
				convert = rowConverter(Object.keys(event.values), map, zone, limits);
			} catch (error) {
				throw new TicketFileError(`Tickets file ${file}: ${(error as Error).message}`);
			}
		}
		const result = convert(event);
		yield result.ok ? { kind: 'ticket', value: result.value } : { kind: 'rejected', line: result.line, reason: result.reason };
	}
	if (rows === 0) throw new TicketFileError(`Tickets file ${file} has a header but no ticket rows`);
}
