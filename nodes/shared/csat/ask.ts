import { csatQuestion, type CsatChannel, type CsatQuestion } from './question';

/** What a send node reads: `reply` (text, WhatsApp choices, Channel Router options) and an email subject. */
export interface CsatSend {
	question: CsatQuestion;
	reply: {
		text: string;
		language: string;
		/** WhatsApp Send: a list of five (numbered text where lists do not arrive). */
		choices?: Array<{ id: string; title: string }>;
		/** Support Channel Router: buttons on web chat, a list on the Cloud API, quick replies on Messenger, a keyboard on Telegram. */
		options?: Array<{ id: string; title: string }>;
		list?: { buttonText: string; sectionTitle: string };
	};
	subject?: string;
}

const KIND: Record<string, CsatChannel> = { whatsapp: 'whatsapp', webchat: 'webchat', email: 'email', messenger: 'webchat', instagram: 'webchat', telegram: 'webchat' };

/**
 * The one-tap question for a channel: a list on WhatsApp, buttons on web chat and the Meta and Telegram
 * chats, five links in an email (each rates with one click), numbered text anywhere else (SMS).
 * `reference` goes into the email links' {{ticketId}}: the conversation and its question's token.
 */
export function csatSend(channel: string, options: { language?: string; name?: string; reference: string; linkTemplate?: string }): CsatSend {
	const kind = KIND[channel] ?? 'text';
	const question = csatQuestion(kind, { language: options.language, name: options.name?.split(' ')[0], ticketId: options.reference, linkTemplate: options.linkTemplate });
	const choices = question.choices.map(({ id, title }) => ({ id, title }));
	if (kind === 'whatsapp') return { question, reply: { text: question.text, language: question.language, choices, options: choices, list: question.list } };
	if (kind === 'webchat') return { question, reply: { text: question.text, language: question.language, options: choices } };
	if (kind === 'email' && question.email) {
		const { intro, links, subject } = question.email;
		const text = `${question.text}\n\n${intro}\n${links.map((link) => `${link.title}: ${link.url}`).join('\n')}`;
		return { question, reply: { text, language: question.language }, subject };
	}
	return { question, reply: { text: question.numberedText, language: question.language } };
}
