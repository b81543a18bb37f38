import type { WAMessage } from '@whiskeysockets/baileys';
import { capMessage, DEFAULT_INPUT_LIMITS, type InputLimits } from '../input-limits';
import type { Ticket } from '../ticket';
import { extractText, unwrapMessage } from './message-text';
import { isBroadcastJid, isGroupJid, phoneFromJid } from './jid';

export interface IncomingFilters {
	ignoreFromMe: boolean;
	ignoreStatus: boolean;
	ignoreGroups: boolean;
	/** Drop media without a caption (audio notes, stickers, locations); when false they arrive with empty text. */
	ignoreWithoutText: boolean;
}

export const DEFAULT_FILTERS: IncomingFilters = {
	ignoreFromMe: true,
	ignoreStatus: true,
	ignoreGroups: true,
	ignoreWithoutText: true,
};

/** The `whatsapp` section a trigger adds to the ticket; the send node replies to `jid`. */
export interface WhatsAppSection {
	jid: string;
	messageId: string;
	/** Sender inside a group chat. */
	participant?: string;
	messageType: string;
	/** Id of the button or list row the customer tapped. */
	selectedId?: string;
}

/** Content a customer can send that is worth a ticket even without text. */
const MEDIA_TYPES = new Set([
	'imageMessage',
	'videoMessage',
	'audioMessage',
	'documentMessage',
	'stickerMessage',
	'locationMessage',
	'liveLocationMessage',
	'contactMessage',
	'contactsArrayMessage',
]);

export type IgnoreReason = 'no-key' | 'from-me' | 'status' | 'group' | 'no-text' | 'not-a-message';

export type Conversion = { ticket: Ticket } | { ignored: IgnoreReason };

function timestampSeconds(value: WAMessage['messageTimestamp']): number | undefined {
	if (typeof value === 'number') return value;
	if (value && typeof value === 'object' && 'toNumber' in value) return (value as { toNumber(): number }).toNumber();
	return undefined;
}

function mediaType(message: WAMessage['message']): string | undefined {
	const inner = unwrapMessage(message);
	if (!inner) return undefined;
	return Object.keys(inner).find((key) => MEDIA_TYPES.has(key) && inner[key as keyof typeof inner]);
}

/**
 * One Baileys message → the ticket item (nodes/shared/ticket.ts), or why it is skipped.
 * `now` is used only when WhatsApp sent no timestamp.
 */
export function toTicket(msg: WAMessage, filters: IncomingFilters, now: () => Date, limits: InputLimits = DEFAULT_INPUT_LIMITS): Conversion {
	const jid = msg.key?.remoteJid;
	const id = msg.key?.id;
	if (!jid || !id) return { ignored: 'no-key' };
	if (isBroadcastJid(jid)) {
		// Status updates, and broadcast lists, are never a conversation to answer.
		if (filters.ignoreStatus) return { ignored: 'status' };
	}
	if (msg.key.fromMe && filters.ignoreFromMe) return { ignored: 'from-me' };
	const group = isGroupJid(jid);
	if (group && filters.ignoreGroups) return { ignored: 'group' };

	const extracted = extractText(msg.message);
	let text = extracted?.text;
	let messageType = extracted?.type;
	if (text === undefined) {
		const media = mediaType(msg.message);
		if (!media) return { ignored: 'not-a-message' };
		if (filters.ignoreWithoutText) return { ignored: 'no-text' };
		text = '';
		messageType = media;
	}

	const sender = group ? msg.key.participant ?? undefined : jid;
	const phone = sender ? phoneFromJid(sender) : undefined;
	const senderUser = (sender ?? jid).split('@')[0].split(':')[0];
	const chatUser = jid.split('@')[0];
	const seconds = timestampSeconds(msg.messageTimestamp);
	const receivedAt = (seconds !== undefined ? new Date(seconds * 1000) : now()).toISOString();

	const whatsapp: WhatsAppSection = { jid, messageId: id, messageType: messageType ?? 'conversation' };
	if (group && sender) whatsapp.participant = sender;
	if (extracted?.selectedId) whatsapp.selectedId = extracted.selectedId;

	const customer: Ticket['customer'] = { id: sender ?? jid };
	if (phone) customer.phone = phone;
	if (msg.pushName) customer.name = msg.pushName;

	return {
		ticket: {
			ticketId: group ? `wa-${chatUser}-${phone ?? senderUser}` : `wa-${phone ?? senderUser}`,
			channel: 'whatsapp',
			customer,
			message: capMessage({ text, receivedAt, id }, limits),
			whatsapp,
		},
	};
}
