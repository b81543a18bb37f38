/**
 * What a web chat widget polls for once its customer was handed to a person: a web chat reply is the
 * webhook's response, so an answer written later (a person's, through n8n's send-and-wait form) has no
 * open request to go out on. The widget asks with its session, the customer's verified web chat identity.
 */
import { toMillis } from '../calendar';
import type { ConversationBackend } from './backend';
import { identityKey } from './identities';
import { isExpired } from './record';
import { run, type StoreOptions } from './store';

const MAX_SESSION = 200;
/** Replies returned per poll, newest kept. */
export const MAX_UPDATES = 20;

export interface WebChatReply {
	id: string;
	text: string;
	at: string;
	by?: string;
}

export interface WebChatUpdates {
	conversationId: string | null;
	/** A person's answers after `after`, oldest first. */
	replies: WebChatReply[];
	/** A person has the conversation: the widget can say so. */
	withPerson: boolean;
}

/** A person's replies in the web chat session's conversation after `after` (ISO 8601; none: all kept). */
export async function webChatUpdates(backend: ConversationBackend, sessionId: string, after: string | undefined, nowIso: string, options: StoreOptions): Promise<WebChatUpdates> {
	const session = sessionId.trim();
	if (!session) throw new Error('sessionId: missing (the web chat session the widget holds)');
	if (session.length > MAX_SESSION) throw new Error(`sessionId: longer than ${MAX_SESSION} characters`);
	const afterMs = after ? toMillis(after, 'after') : -Infinity;
	const nowMs = toMillis(nowIso, 'now');
	return await run<WebChatUpdates>(backend, { identityKeys: [identityKey({ kind: 'webchat', value: session })] }, (found) => {
		const live = found.filter((record) => !isExpired(record, nowMs, options.policy)).sort((a, b) => b.updatedMs - a.updatedMs);
		const record = live[0];
		if (!record) return { result: { conversationId: null, replies: [], withPerson: false } };
		const replies = record.turns
			.filter((turn) => turn.role === 'agent' && toMillis(turn.at, 'turn.at') > afterMs)
			.slice(-MAX_UPDATES)
			.map((turn) => ({ id: turn.id, text: turn.text, at: turn.at, ...(turn.by ? { by: turn.by } : {}) }));
		return { result: { conversationId: record.id, replies, withPerson: record.takeover !== null } };
	});
}
