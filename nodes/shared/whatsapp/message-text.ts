import type { proto } from '@whiskeysockets/baileys';

export interface ExtractedText {
	text: string;
	/** Content type that carried the text, e.g. 'conversation', 'imageMessage'. */
	type: string;
	/** Id of the chosen button or list row, when the customer tapped one. */
	selectedId?: string;
}

/**
 * Unwraps the envelopes WhatsApp puts around a message (disappearing, view-once, captioned
 * documents, edits). Hand-written rather than Baileys' normalizeMessageContent so this module does
 * not load Baileys at run time; it follows the same list of wrappers.
 */
export function unwrapMessage(message: proto.IMessage | null | undefined): proto.IMessage | undefined {
	let current = message ?? undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		const inner =
			current.ephemeralMessage?.message ??
			current.viewOnceMessage?.message ??
			current.viewOnceMessageV2?.message ??
			current.viewOnceMessageV2Extension?.message ??
			current.documentWithCaptionMessage?.message ??
			current.editedMessage?.message;
		if (!inner) break;
		current = inner;
	}
	return current;
}

/** The customer's words from any message kind that carries text; undefined for stickers, reactions, receipts. */
export function extractText(message: proto.IMessage | null | undefined): ExtractedText | undefined {
	const m = unwrapMessage(message);
	if (!m) return undefined;
	if (m.conversation) return { text: m.conversation, type: 'conversation' };
	if (m.extendedTextMessage?.text) return { text: m.extendedTextMessage.text, type: 'extendedTextMessage' };
	if (m.imageMessage?.caption) return { text: m.imageMessage.caption, type: 'imageMessage' };
	if (m.videoMessage?.caption) return { text: m.videoMessage.caption, type: 'videoMessage' };
	if (m.documentMessage?.caption) return { text: m.documentMessage.caption, type: 'documentMessage' };
	const buttons = m.buttonsResponseMessage;
	if (buttons && (buttons.selectedDisplayText || buttons.selectedButtonId)) {
		return {
			text: buttons.selectedDisplayText ?? buttons.selectedButtonId ?? '',
			type: 'buttonsResponseMessage',
			selectedId: buttons.selectedButtonId ?? undefined,
		};
	}
	const list = m.listResponseMessage;
	if (list && (list.title || list.singleSelectReply?.selectedRowId)) {
		return {
			text: list.title ?? list.singleSelectReply?.selectedRowId ?? '',
			type: 'listResponseMessage',
			selectedId: list.singleSelectReply?.selectedRowId ?? undefined,
		};
	}
	const template = m.templateButtonReplyMessage;
	if (template?.selectedDisplayText) {
		return { text: template.selectedDisplayText, type: 'templateButtonReplyMessage', selectedId: template.selectedId ?? undefined };
	}
	return undefined;
}
