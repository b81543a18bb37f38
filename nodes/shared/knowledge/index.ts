export type { KnowledgeEntry, LocalizedText } from './types';
export { toKnowledgeEntry, toKnowledgeEntries, KnowledgeFormatError, slugify } from './entries';
export { parseKnowledge, loadKnowledgeFile, formatFromPath, type KnowledgeFormat } from './loaders';
export { getKnowledgeBase, clearKnowledgeBaseMemory, knowledgeBaseStats, knowledgeHash, type KnowledgeBase } from './base';
export { lookupKnowledge, rankEntries, customerLanguage, DEFAULT_THRESHOLD, DEFAULT_ROUTINE_MAX_HUMAN_SCORE, type LookupOptions, type LookupResult, type RoutineOptions } from './lookup';
export { lookupParts, partTexts } from './parts';
export { answerReply, pickAnswer, personalizeAnswer, firstName } from './answer';
export { entriesFromInline, entriesFromFile, entriesFromValue } from './source';
export {
	groundedLookup,
	retrievePassages,
	acceptGrounded,
	groundedUserMessage,
	GROUNDED_SCHEMA,
	GROUNDED_SYSTEM_PROMPT,
	type GroundedOptions,
	type GroundedAnswer,
	type OnKnowledgeProviderFailure,
	type Passage,
} from './grounded';
export { hybridRank, entryVectors, cosine, hybridStats, type HybridOptions } from './hybrid';
