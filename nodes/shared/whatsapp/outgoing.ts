import type { AnyMessageContent, proto } from '@whiskeysockets/baileys';

export interface Choice {
	id: string;
	title: string;
	description?: string;
}

/**
 * - none: plain text, choices ignored.
 * - numbered: the text plus "1. …" lines; always delivered, customers answer with the number.
 * - native: WhatsApp reply buttons (≤ 3 choices) or a list (more); falls back to numbered text when
 *   the socket refuses. WhatsApp often drops these silently for non-business accounts.
 * - poll: a single-choice poll, delivered to every account type.
 */
export type InteractiveMode = 'none' | 'numbered' | 'native' | 'poll';

export type OutgoingKind = 'text' | 'numbered' | 'buttons' | 'list' | 'poll';

export type OutgoingPlan =
	| { kind: 'text' | 'numbered' | 'poll'; content: AnyMessageContent }
	| { kind: 'buttons' | 'list'; message: proto.IMessage; fallbackText: string };

export interface PlanOptions {
	footer?: string;
	/** Label of the button that opens a list. */
	listButtonText?: string;
	listSectionTitle?: string;
}

/** WhatsApp's own limits: 3 reply buttons, 10 list rows, 12 poll options, short labels. */
export const LIMITS = { buttons: 3, listRows: 10, pollOptions: 12, buttonLabel: 20, rowTitle: 24, rowDescription: 72 } as const;

function clip(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Accepts ['Yes', 'No'] or [{ id, title, description }] (also `text`/`label` for the title). */
export function normalizeChoices(raw: unknown): Choice[] {
	if (!Array.isArray(raw)) return [];
	const choices: Choice[] = [];
	raw.forEach((entry, index) => {
		if (typeof entry === 'string' || typeof entry === 'number') {
			const title = String(entry).trim();
			if (title) choices.push({ id: String(index + 1), title });
			return;
		}
		if (!entry || typeof entry !== 'object') return;
		const record = entry as Record<string, unknown>;
		const title = [record.title, record.text, record.label].find((v) => typeof v === 'string' && v.trim()) as string | undefined;
		if (!title) return;
		const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : String(index + 1);
		const choice: Choice = { id, title: title.trim() };
		if (typeof record.description === 'string' && record.description.trim()) choice.description = record.description.trim();
		choices.push(choice);
	});
	return choices;
}

export function numberedText(text: string, choices: Choice[]): string {
	if (choices.length === 0) return text;
	const lines = choices.map((choice, i) => `${i + 1}. ${choice.title}${choice.description ? ` (${choice.description})` : ''}`);
	return `${text}\n\n${lines.join('\n')}`;
}

export function planMessage(text: string, choices: Choice[], mode: InteractiveMode, options: PlanOptions = {}): OutgoingPlan {
	if (mode === 'none' || choices.length === 0) return { kind: 'text', content: { text } };
	if (mode === 'numbered') return { kind: 'numbered', content: { text: numberedText(text, choices) } };
	if (mode === 'poll') {
		return {
			kind: 'poll',
			content: { poll: { name: text, values: choices.slice(0, LIMITS.pollOptions).map((c) => c.title), selectableCount: 1 } },
		};
	}
	const fallbackText = numberedText(text, choices);
	if (choices.length <= LIMITS.buttons) {
		return {
			kind: 'buttons',
			fallbackText,
			message: {
				buttonsMessage: {
					contentText: text,
					footerText: options.footer || undefined,
					headerType: 1, // EMPTY
					buttons: choices.map((choice) => ({
						buttonId: choice.id,
						buttonText: { displayText: clip(choice.title, LIMITS.buttonLabel) },
						type: 1, // RESPONSE
					})),
				},
			},
		};
	}
	return {
		kind: 'list',
		fallbackText,
		message: {
			listMessage: {
				description: text,
				footerText: options.footer || undefined,
				buttonText: options.listButtonText || 'Options',
				listType: 1, // SINGLE_SELECT
				sections: [
					{
						title: options.listSectionTitle || undefined,
						rows: choices.slice(0, LIMITS.listRows).map((choice) => ({
							rowId: choice.id,
							title: clip(choice.title, LIMITS.rowTitle),
							description: choice.description ? clip(choice.description, LIMITS.rowDescription) : undefined,
						})),
					},
				],
			},
		},
	};
}
