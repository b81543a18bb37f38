import { readFileSync } from 'node:fs';

/** The generic ticket columns; every preset maps an export's own headers onto these. */
export const GENERIC_COLUMNS = [
	'id',
	'created_at',
	'channel',
	'language',
	'customer_name',
	'customer_id',
	'subject',
	'text',
	'expected_intent',
	'needs_human',
	'expected_tier',
	'first_response_at',
	'resolved_at',
	'resolved_by',
	'csat',
	'segment',
	'resolution_text',
	// Rows that share it are turns of one conversation, replayed in time order through the Conversation Store.
	'conversation_id',
] as const;

export type GenericColumn = (typeof GENERIC_COLUMNS)[number];

/** generic column -> header names to look for in the file (first match wins, case-insensitive). */
export type ColumnMap = Partial<Record<GenericColumn, string[]>>;

export const PRESETS: Record<string, ColumnMap> = {
	generic: Object.fromEntries(GENERIC_COLUMNS.map((column) => [column, [column]])),
	// Zendesk Support ticket export (CSV/JSON "Ticket" fields).
	zendesk: {
		// A comments export has one row per comment: the comment is the turn, its ticket the conversation.
		id: ['Comment ID', 'comment_id', 'Id', 'Ticket ID', 'id'],
		conversation_id: ['Ticket ID', 'ticket_id', 'conversation_id'],
		created_at: ['Created at', 'created_at'],
		channel: ['Via', 'Channel', 'via'],
		language: ['Requester language', 'Locale', 'language'],
		customer_name: ['Requester', 'Requester name', 'requester_name'],
		customer_id: ['Requester id', 'Requester ID', 'requester_id'],
		subject: ['Subject', 'subject'],
		text: ['Description', 'description', 'Comment', 'Plain body', 'Body'],
		expected_intent: ['Category', 'Ticket type', 'expected_intent'],
		needs_human: ['needs_human'],
		expected_tier: ['expected_tier', 'Tier'],
		first_response_at: ['First reply time', 'First response at', 'first_reply_at'],
		resolved_at: ['Solved at', 'solved_at'],
		resolved_by: ['Resolved by', 'resolved_by'],
		csat: ['Satisfaction Score', 'Satisfaction rating', 'satisfaction_rating'],
		segment: ['Organization', 'Requester segment'],
	},
	// Freshdesk ticket export.
	freshdesk: {
		// A conversations export has one row per message: the message is the turn, its ticket the conversation.
		id: ['Conversation ID', 'Message ID', 'Ticket ID', 'ID', 'id'],
		conversation_id: ['Ticket ID', 'ticket_id', 'conversation_id'],
		created_at: ['Created time', 'Created Time', 'created_at'],
		channel: ['Source', 'source'],
		language: ['Language', 'Contact language'],
		customer_name: ['Full name', 'Contact name', 'Requester name'],
		customer_id: ['Contact ID', 'Requester ID'],
		subject: ['Subject'],
		text: ['Description', 'Description text', 'description_text', 'Body text', 'body_text'],
		expected_intent: ['Type', 'Category', 'expected_intent'],
		needs_human: ['needs_human'],
		expected_tier: ['expected_tier', 'Group'],
		first_response_at: ['First responded time', 'First response time'],
		resolved_at: ['Resolved time', 'Closed time'],
		resolved_by: ['resolved_by'],
		csat: ['Customer satisfaction', 'Satisfaction rating'],
		segment: ['Company name', 'Company'],
	},
	// Intercom conversations export.
	intercom: {
		// A parts export has one row per conversation part: the part is the turn.
		id: ['Part ID', 'Conversation part ID', 'part_id', 'Conversation ID', 'conversation_id', 'id'],
		conversation_id: ['Conversation ID', 'conversation_id'],
		created_at: ['Part created at', 'Conversation started at', 'Created at', 'created_at'],
		channel: ['Conversation channel', 'Source type', 'channel'],
		language: ['Conversation language', 'Language'],
		customer_name: ['User name', 'Contact name', 'Lead name'],
		customer_id: ['User ID', 'Contact ID'],
		subject: ['Conversation title', 'Subject'],
		text: ['Part body', 'First message', 'Conversation first message', 'Initial message'],
		expected_intent: ['Topic', 'Conversation topic', 'expected_intent'],
		needs_human: ['needs_human'],
		expected_tier: ['expected_tier'],
		first_response_at: ['First response at', 'First reply at'],
		resolved_at: ['Closed at', 'Last closed at'],
		resolved_by: ['Resolved by', 'Closed by'],
		csat: ['Conversation rating', 'Rating'],
		segment: ['Company name', 'Plan'],
	},
};

export class ColumnMapError extends Error {}

/** A user's --map file: { "text": "Body", "created_at": ["Opened", "Created"] }, applied over a preset. */
export function readColumnMap(file: string): ColumnMap {
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new ColumnMapError(`Cannot read column map ${file}: ${(error as Error).message}`);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new ColumnMapError(`Column map ${file} must be a JSON object of column -> header name`);
	}
	const map: ColumnMap = {};
	for (const [column, headers] of Object.entries(parsed)) {
		if (!(GENERIC_COLUMNS as readonly string[]).includes(column)) {
			throw new ColumnMapError(`Column map ${file}: unknown column "${column}" (known: ${GENERIC_COLUMNS.join(', ')})`);
		}
		const list = Array.isArray(headers) ? headers : [headers];
		if (!list.every((h) => typeof h === 'string')) throw new ColumnMapError(`Column map ${file}: "${column}" must name a header`);
		map[column as GenericColumn] = list as string[];
	}
	return map;
}

export function resolvePreset(name: string): ColumnMap {
	const preset = PRESETS[name];
	if (!preset) throw new ColumnMapError(`Unknown preset "${name}" (known: ${Object.keys(PRESETS).join(', ')})`);
	return preset;
}

/** Finds, for each generic column, the header index in this file. */
export function bindHeaders(headers: string[], map: ColumnMap): Partial<Record<GenericColumn, number>> {
	const lower = headers.map((h) => h.trim().toLowerCase());
	const bound: Partial<Record<GenericColumn, number>> = {};
	for (const column of GENERIC_COLUMNS) {
		const candidates = map[column] ?? [column];
		for (const candidate of candidates) {
			const index = lower.indexOf(candidate.toLowerCase());
			if (index >= 0) {
				bound[column] = index;
				break;
			}
		}
	}
	return bound;
}
