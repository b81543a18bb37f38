/** The one-tap 1–5 satisfaction question, in the customer's language, shaped for each channel. */
import { fill, messagesFor, pickLanguage, pickVariant } from '../i18n';

export type CsatChannel = 'whatsapp' | 'webchat' | 'email' | 'text';

export interface CsatChoice {
	/** "csat_1" … "csat_5": a WhatsApp list reply or a button's value comes back as this id, and parseCsat reads it. */
	id: string;
	score: number;
	title: string;
}

export interface CsatQuestion {
	language: string;
	channel: CsatChannel;
	/** The question alone. */
	text: string;
	choices: CsatChoice[];
	/** The question with "1. Very bad" … lines: for WhatsApp without lists, SMS and any plain-text channel. */
	numberedText: string;
	/** WhatsApp list: the button that opens it and the section title. */
	list?: { buttonText: string; sectionTitle: string };
	/** Email: a subject and one link per score. */
	email?: { subject: string; intro: string; links: Array<{ score: number; title: string; url: string }> };
	/** What to say once the answer is in: thanks, or for a low score that a person will look at it. */
	thanks: string;
	lowScore: string;
}

export interface CsatQuestionOptions {
	language?: string;
	name?: string;
	ticketId?: string;
	/** Email only: a link template with {{score}} and {{ticketId}}, e.g. https://shop.example/csat?t={{ticketId}}&s={{score}} */
	linkTemplate?: string;
}

export function csatQuestion(channel: CsatChannel, options: CsatQuestionOptions = {}): CsatQuestion {
	const language = pickLanguage(options.language);
	const words = messagesFor(language).csat;
	const values = { name: options.name, ticketId: options.ticketId ?? '' };
	const text = fill(pickVariant(words.question, options.ticketId ?? options.name ?? ''), values);
	const choices = words.scale.map((title, i) => ({ id: `csat_${i + 1}`, score: i + 1, title: `${i + 1} · ${title}` }));
	const numberedText = `${text}\n${words.numbered}\n${choices.map((choice) => `${choice.score}. ${words.scale[choice.score - 1]}`).join('\n')}`;
	const question: CsatQuestion = {
		language,
		channel,
		text,
		choices,
		numberedText,
		thanks: fill(words.thanks, values),
		lowScore: fill(words.lowScore, values),
	};
	if (channel === 'whatsapp') question.list = { buttonText: words.listButton, sectionTitle: words.listSection };
	if (channel === 'email') {
		if (!options.linkTemplate) throw new Error('linkTemplate is needed for the email question: a URL with {{score}} (and optionally {{ticketId}})');
		if (!options.linkTemplate.includes('{{score}}')) throw new Error(`linkTemplate must contain {{score}}, got "${options.linkTemplate}"`);
		const template = options.linkTemplate;
		question.email = {
			subject: fill(words.emailSubject, values),
			intro: words.emailIntro,
			links: choices.map((choice) => ({
				score: choice.score,
				title: choice.title,
				url: template.replace(/\{\{\s*score\s*\}\}/g, String(choice.score)).replace(/\{\{\s*ticketId\s*\}\}/g, encodeURIComponent(options.ticketId ?? '')),
			})),
		};
	}
	return question;
}
