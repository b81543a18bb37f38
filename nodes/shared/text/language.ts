/** Picks es/pt/en for a text with tinyld, restricted to the languages we stem and answer in. */
import { isTextLanguage, type TextLanguage } from './normalize';
import { tinyld } from './tinyld';

/** tinyld's cost grows faster than the text; the opening of a message tells its language. */
const DETECT_MAX_CHARS = 2000;

export function guessLanguage(text: string, allowed: readonly TextLanguage[] = ['es', 'pt', 'en'], fallback: TextLanguage = 'en'): TextLanguage {
	if (allowed.length === 1) return allowed[0];
	const found = tinyld().detect(text.length > DETECT_MAX_CHARS ? text.slice(0, DETECT_MAX_CHARS) : text, { only: [...allowed] });
	return isTextLanguage(found) && allowed.includes(found) ? found : fallback;
}

/** The language to use: the hint when it is one we handle, else a guess from the text. */
export function resolveLanguage(text: string, hint: unknown, allowed?: readonly TextLanguage[]): TextLanguage {
	if (isTextLanguage(hint) && (!allowed || allowed.includes(hint))) return hint;
	if (typeof hint === 'string') {
		const base = hint.toLowerCase().slice(0, 2);
		if (isTextLanguage(base) && (!allowed || allowed.includes(base))) return base;
	}
	return guessLanguage(text, allowed);
}
