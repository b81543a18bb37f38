export { triageTicket, triageText, TriageInputError, BUILT_IN_INTENTS, DEFAULT_SYSTEM_INTENTS } from './triage-ticket';
export type { TriageOptions } from './triage-ticket';
export { getLexicon, compileLexicon, FLAG_NAMES, BUILT_IN_LEXICONS } from './lexicon';
export type { FlagName, LexiconFile, CompiledLexicon } from './lexicon';
export { automationOf } from './triage-ticket';
export { openAiTriage, triageSchema, systemPrompt, userMessage, mergeWithLocal, fallbackSection, LOCAL_FLAGS } from './openai-triage';
export type { OpenAiTriageOptions, OnProviderFailure, ModelTriage } from './openai-triage';
