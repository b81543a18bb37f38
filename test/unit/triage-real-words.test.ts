import realWords from '../../nodes/shared/triage/lexicons/real-words.json';
import { getLexicon } from '../../nodes/shared/triage/lexicon';
import { REAL_WORD_SOURCES, realWordsByLanguage } from '../../nodes/shared/triage/real-words';

describe('the real words the typo corrector leaves alone', () => {
	it('are what scripts/real-words/generate.js builds from the word lists and the current lexicons', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const dictionaries = Object.fromEntries(Object.entries(REAL_WORD_SOURCES).map(([language, name]) => [language, require(name) as string[]]));
		const fresh = realWordsByLanguage(dictionaries);
		// When this fails, a lexicon's phrases changed: run `npm run build && node scripts/real-words/generate.js`.
		expect(fresh).toEqual(realWords.words);
	});

	it('include the ordinary words that once became cues, and no cue word itself', () => {
		expect(realWords.words.es).toEqual(expect.arrayContaining(['cliente', 'quedaron']));
		expect(realWords.words.pt).toEqual(expect.arrayContaining(['resolver', 'senhores', 'invalido']));
		expect(realWords.words.en).toEqual(expect.arrayContaining(['shopping', 'shipped']));
		const vocabulary = getLexicon().matcher.vocabulary;
		for (const list of Object.values(realWords.words)) for (const word of list) expect(vocabulary.has(word)).toBe(false);
	});
});
