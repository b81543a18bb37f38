import { DateTime } from 'luxon';
import { cachedZone } from '../../nodes/shared/calendar/cachedZone';
import { formatOffsetIso, parseOffsetIso } from '../../nodes/shared/calendar/instant';
import { newEmailText } from '../../nodes/shared/email/quotedReply';
import { capMessage, DEFAULT_INPUT_LIMITS, type InputLimits } from '../../nodes/shared/input-limits';
import type { Ticket, Tier } from '../../nodes/shared/ticket';
import { bindHeaders, type ColumnMap, type GenericColumn } from './columns';
import type { RawRow } from './read-rows';
import { SeenIds } from './seen-ids';

/** Ground truth and history that stay beside the ticket: the workflow never sees them. */
export interface TicketLabels {
	expectedIntent?: string;
	needsHuman?: boolean;
	expectedTier?: Tier;
	firstResponseAt?: string;
	resolvedAt?: string;
	resolvedBy?: 'ai' | 'agent';
	csat?: number;
	/** What the person who resolved it answered (optional): the knowledge-gap drafts reuse it. */
	resolutionText?: string;
}

export interface ReplayTicket {
	line: number;
	ticket: Ticket;
	/**
	 * The conversation the row is a turn of, when the file has a conversation column (a row with it
	 * empty is a conversation of its own). Rows of one conversation replay in order on one worker.
	 */
	conversation?: string;
	labels: TicketLabels;
	warnings: string[];
}

export type Conversion = { ok: true; value: ReplayTicket } | { ok: false; line: number; reason: string };

const CHANNELS: Record<string, string> = {
	whatsapp: 'whatsapp',
	wa: 'whatsapp',
	email: 'email',
	mail: 'email',
	web: 'webchat',
	webchat: 'webchat',
	chat: 'webchat',
	web_widget: 'webchat',
	messenger: 'messenger',
	facebook: 'messenger',
	facebook_messenger: 'messenger',
	instagram: 'instagram',
	instagram_dm: 'instagram',
	telegram: 'telegram',
	whatsapp_cloud: 'whatsapp',
	whatsapp_business: 'whatsapp',
	twitter: 'social',
	social: 'social',
	sms: 'sms',
	phone: 'phone',
	voice: 'phone',
	api: 'webchat',
	portal: 'webchat',
};

const TIERS = new Set(['L1', 'L2', 'L3', 'L4']);
/** A person's answer is kept beside the ticket for the gap drafts; capped so a long thread cannot grow memory. */
const MAX_RESOLUTION_TEXT = 4_000;
const MAX_CONVERSATION_ID = 200;

export function parseTimestamp(value: string, zone: string): DateTime | undefined {
	const text = value.trim();
	if (!text) return undefined;
	const options = { zone: cachedZone(zone), setZone: true };
	for (const attempt of [
		() => DateTime.fromISO(text, options),
		() => DateTime.fromSQL(text, options),
		() => DateTime.fromRFC2822(text, options),
		() => DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm:ss ZZZ', options),
		() => DateTime.fromFormat(text, 'dd/MM/yyyy HH:mm', options),
		() => (/^\d{10}(\d{3})?$/.test(text) ? DateTime.fromMillis(Number(text.length === 10 ? `${text}000` : text), { zone: options.zone }) : DateTime.invalid('not epoch')),
	]) {
		const parsed = attempt();
		if (parsed.isValid) return parsed;
	}
	return undefined;
}

/** A history timestamp as ISO text (offset kept), or undefined when no known format matches. */
export function timestampIso(value: string, zone: string, suppressMilliseconds = false): string | undefined {
	// Exports usually carry ISO with an offset; that shape skips luxon's general parsers.
	const fast = parseOffsetIso(value.trim());
	if (fast) return formatOffsetIso(fast.millis, fast.offsetMinutes, { suppressMilliseconds });
	return parseTimestamp(value, zone)?.toISO({ suppressMilliseconds }) ?? undefined;
}

function parseBoolean(value: string): boolean | undefined | 'invalid' {
	const text = value.trim().toLowerCase();
	if (!text) return undefined;
	if (['true', '1', 'yes', 'y', 'si', 'sí', 'sim'].includes(text)) return true;
	if (['false', '0', 'no', 'n', 'não', 'nao'].includes(text)) return false;
	return 'invalid';
}

/**
 * Turns a file's headers into a converter for its rows. A row that cannot be replayed (no text,
 * a bad date, a bad label) is rejected with its line and the field at fault.
 */
export function rowConverter(headers: string[], map: ColumnMap, zone: string, limits: InputLimits = DEFAULT_INPUT_LIMITS) {
	const bound = bindHeaders(headers, map);
	const missing = (['text', 'created_at'] as GenericColumn[]).filter((column) => bound[column] === undefined);
	if (missing.length) {
		const wanted = missing.map((column) => `${column} (${(map[column] ?? [column]).join(' / ')})`).join(', ');
		throw new Error(`missing column ${wanted}; found: ${headers.join(', ')}`);
	}
	const seen = new SeenIds();
	const get = (row: RawRow, column: GenericColumn): string => {
		const index = bound[column];
		return index === undefined ? '' : (row.values[headers[index]] ?? '').trim();
	};

	return (row: RawRow): Conversion => {
		const reject = (reason: string): Conversion => ({ ok: false, line: row.line, reason });
		const warnings: string[] = [];
		const text = get(row, 'text');
		if (!text) return reject('field "text" is empty');
		const createdRaw = get(row, 'created_at');
		const receivedAt = timestampIso(createdRaw, zone, true);
		if (!receivedAt) return reject(createdRaw ? `field "created_at" is not a date: "${createdRaw.slice(0, 40)}"` : 'field "created_at" is empty');
		const id = get(row, 'id') || `line-${row.line}`;
		const firstLine = seen.firstLineOf(id, row.line);
		if (firstLine !== undefined) return reject(`duplicate id "${id}" (first on line ${firstLine})`);
		for (const column of ['text', 'subject', 'customer_name'] as const) {
			if (get(row, column).includes('\uFFFD')) warnings.push(`field "${column}" has invalid UTF-8 bytes; they were replaced with U+FFFD`);
		}

		const needsHuman = parseBoolean(get(row, 'needs_human'));
		if (needsHuman === 'invalid') return reject(`field "needs_human" must be true or false, got "${get(row, 'needs_human')}"`);
		const tier = get(row, 'expected_tier').toUpperCase();
		if (tier && !TIERS.has(tier)) return reject(`field "expected_tier" must be L1, L2, L3 or L4, got "${tier}"`);
		const labels: TicketLabels = {
			expectedIntent: get(row, 'expected_intent') || undefined,
			needsHuman,
			expectedTier: (tier || undefined) as Tier | undefined,
		};
		for (const [column, key] of [
			['first_response_at', 'firstResponseAt'],
			['resolved_at', 'resolvedAt'],
		] as const) {
			const raw = get(row, column);
			if (!raw) continue;
			const at = timestampIso(raw, zone);
			if (at) labels[key] = at;
			else warnings.push(`field "${column}" is not a date and was ignored`);
		}
		const resolvedBy = get(row, 'resolved_by').toLowerCase();
		if (resolvedBy === 'ai' || resolvedBy === 'bot') labels.resolvedBy = 'ai';
		else if (resolvedBy) labels.resolvedBy = 'agent';
		const csat = Number(get(row, 'csat'));
		if (get(row, 'csat') && Number.isFinite(csat)) labels.csat = csat;
		const resolutionText = get(row, 'resolution_text');
		if (resolutionText) labels.resolutionText = resolutionText.slice(0, MAX_RESOLUTION_TEXT);

		const channelRaw = get(row, 'channel').toLowerCase().replace(/[^a-z0-9]+/g, '_');
		const channel = CHANNELS[channelRaw] ?? (channelRaw || 'webchat');
		const language = get(row, 'language').toLowerCase().slice(0, 2);
		// An exported email keeps the history it quotes; live, the Support Inbox Trigger reads only what is new above it.
		const email = channel === 'email' ? newEmailText(text, limits.maxTextLength) : undefined;
		const ticket: Ticket = {
			ticketId: id,
			channel,
			customer: {
				...(get(row, 'customer_id') ? { id: get(row, 'customer_id') } : {}),
				...(get(row, 'customer_name') ? { name: get(row, 'customer_name') } : {}),
				...(language ? { language } : {}),
				...(get(row, 'segment') ? { segment: get(row, 'segment').toLowerCase() } : {}),
			},
			message: capMessage(
				{
					text: email ? email.text : text,
					...(get(row, 'subject') ? { subject: get(row, 'subject') } : {}),
					receivedAt,
				},
				limits,
			),
		};
		// A text cut as the file was read: its length in the file is the original one.
		const readCut = bound.text === undefined ? undefined : row.cut?.[headers[bound.text]];
		if (readCut !== undefined) ticket.message = { ...ticket.message, truncated: true, originalLength: readCut };
		else if (email?.cut) ticket.message = { ...ticket.message, truncated: true, originalLength: text.length };
		if (ticket.message.truncated) warnings.push(`field "text" has ${ticket.message.originalLength} characters; cut at ${limits.maxTextLength}`);
		const conversation = bound.conversation_id === undefined ? undefined : (get(row, 'conversation_id').slice(0, MAX_CONVERSATION_ID) || id);
		return { ok: true, value: { line: row.line, ticket, labels, warnings, ...(conversation !== undefined ? { conversation } : {}) } };
	};
}
