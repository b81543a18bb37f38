import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { OutreachCase } from '../shared/conversation';
import { csatSend } from '../shared/csat';
import { followUpMessage, type FollowUpOptions } from '../shared/followup';

/** A CSAT token: random, so an email link can only rate its own question. */
export const newToken = (): string => randomBytes(12).toString('base64url');

function base(found: OutreachCase): IDataObject {
	const { phone, email, sessionId, customerId } = found.recipient;
	const language = found.language;
	return {
		ticketId: `${found.conversationId}:${found.purpose}:${found.caseId}`,
		channel: found.channel,
		customer: { ...(found.name ? { name: found.name } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}), ...(customerId ? { id: customerId } : {}), ...(language ? { language } : {}) },
		...(sessionId ? { sessionId } : {}),
		// The Cloud API section a send node needs to write from the number the customer wrote to.
		...(found.whatsappPhoneNumberId && phone ? { whatsappCloud: { waId: phone.replace(/^\+/, ''), phoneNumberId: found.whatsappPhoneNumberId } } : {}),
		conversation: { id: found.conversationId },
		outreach: {
			purpose: found.purpose,
			action: found.action,
			reason: found.reason,
			caseId: found.caseId,
			customerText: found.customerText,
			customerAt: found.customerAt,
			...(found.tier ? { tier: found.tier } : {}),
			...(found.intent ? { intent: found.intent } : {}),
		},
	};
}

/**
 * Outreach items carry the customer's own message time as message.receivedAt and the send time as
 * reply.at, so the channel router measures the 24-hour window from when the customer wrote: a
 * question sent a day later goes out as the approved template, not as a message Meta refuses.
 */

/** The CSAT question as a send node reads it. */
export function csatItem(found: OutreachCase & { token?: string }, now: string, linkTemplate: string): IDataObject {
	const item = base(found);
	const sent = csatSend(found.channel, { language: found.language, name: found.name, reference: `${found.conversationId}~${found.token ?? ''}`, linkTemplate });
	return {
		...item,
		message: { text: '', receivedAt: found.customerAt, ...(sent.subject ? { subject: sent.subject } : {}) },
		reply: { ...(sent.reply as unknown as IDataObject), at: now },
	};
}

/** The morning follow-up: to the customer, or with a route for the morning queue (the text is the person's draft). */
export function followUpItem(found: OutreachCase, now: string, options: FollowUpOptions): IDataObject {
	const item = base(found);
	const message = followUpMessage(found, options);
	const json: IDataObject = { ...item, message: { text: '', receivedAt: found.customerAt }, reply: { text: message.text, language: message.language, at: now } };
	if (found.action === 'queue') {
		json.route = {
			tier: found.tier ?? 'L3',
			reasons: ['follow_up'],
			rules: ['followUp'],
			handoff: {
				queue: 'morning',
				summary: [message.summary, `"${found.customerText.slice(0, 300)}"`, found.routeReason ? `Escalated: ${found.routeReason}` : ''].filter(Boolean).join('\n'),
				draft: message.text,
			},
		};
	}
	return json;
}
