/**
 * A text's normalised words, their stems and the words joined with spaces (the string character
 * n-grams are read from), remembered for the last text read. Support Triage featurises one message
 * twice, for the intent model and for the needs-a-human model, and both read it this way: the second
 * reading is free. The arrays are shared, so callers must not change them.
 */
import { normalizeWords, type TextLanguage } from './normalize';
import { stemWords } from './stem';

export interface TextReading {
	readonly words: readonly string[];
	readonly stems: readonly string[];
	/** ' ' + words.join(' ') + ' ' */
	readonly joined: string;
}

let lastText: string | undefined;
let lastLanguage: TextLanguage | undefined;
let lastReading: TextReading | undefined;

export function readText(text: string, language: TextLanguage): TextReading {
	if (lastReading && lastText === text && lastLanguage === language) return lastReading;
	const words = normalizeWords(text, language);
	const reading: TextReading = { words, stems: stemWords(words, language), joined: ' ' + words.join(' ') + ' ' };
	lastText = text;
	lastLanguage = language;
	lastReading = reading;
	return reading;
}
