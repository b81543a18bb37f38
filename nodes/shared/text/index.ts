export { foldAccents, foldedWords, normalizeWords, normalizeText, isTextLanguage, TEXT_LANGUAGES } from './normalize';
export type { TextLanguage } from './normalize';
export { stemWord, stemWords } from './stem';
export { guessLanguage, resolveLanguage } from './language';
export { STOP_WORDS, isStopWord } from './stopwords';
