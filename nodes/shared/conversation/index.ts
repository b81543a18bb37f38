export { BackendUnavailableError, caseFiguresOf, conversationsSince, timeoutFor, unopened, withTimeout } from './backend';
export { caseFiguresOfRecords, caseRowsOf, newestSuggestions, reasonLabel, sumCaseRows } from './cases';
export type { CaseFigureOptions, CaseFigures, CaseRow, CaseRows, CsatRow, SuggestedAnswer, SuggestionRow } from './cases';
export type { ConversationBackend, Lookup } from './backend';
export { MemoryBackend, dropMemoryBackend, memoryBackend } from './backends/memory';
export { SqliteBackend } from './backends/sqlite';
export { PostgresBackend } from './backends/postgres';
export type { PostgresOptions } from './backends/postgres';
export { identitiesOf, identityKey, normalizeEmail, normalizePhone } from './identities';
export type { IdentityOptions, TicketIdentities } from './identities';
export { DEFAULT_CONVERSATION_POLICY, resolveConversationPolicy } from './policy';
export type { ConversationPolicy } from './policy';
export { countUnresolvedAiTurns, episodeTurns } from './record';
export {
	appendToConversation,
	historyOf,
	loadConversation,
	messageIdOf,
	purgeCustomer,
	recordCsat,
	purgeExpired,
	recordDeliveryStatus,
	releaseConversation,
	takeOverConversation,
} from './store';
export type { AppendInput, AppendResult, ConversationView, CsatResult, LoadResult, StatusEvent, StatusResult, StoreOptions, TakeoverResult, AskOnce } from './store';
export { MAX_SUGGESTIONS, parsePersonAction, recordPersonReply, suggestedEntries } from './person-reply';
export { MAX_UPDATES, webChatUpdates } from './web-chat-updates';
export type { WebChatReply, WebChatUpdates } from './web-chat-updates';
export type { PersonAction, PersonReplyInput, PersonReplyResult } from './person-reply';
export type { KnowledgeSuggestion, Claim, ConversationRecord, CsatAnswer, DeliveryState, DeliveryStatus, Identity, OutreachMarks, Turn, TurnOutcome } from './types';
export { outcomeOf } from './outcome';
export { PendingWrites } from './pending';
export { csatDue, DEFAULT_CSAT_RULES, findDue, followUpDue, markOutreach } from './outreach';
export type { CsatRules, FindDueOptions, NightWindow, OutreachCase, OutreachPurpose, OutreachReason } from './outreach';
export { nightBefore } from './night';
export { capQuietSeconds, collectBursts, DEFAULT_QUIET_SECONDS, joinParts, MAX_BURST_PARTS, MAX_QUIET_SECONDS, recordBurstPart, recordPart, settleBurstPart, settlePart } from './collectBurst';
export type { BurstBackend, BurstOptions, BurstOutcome, BurstPart, BurstRecord, BurstRequest, BurstTicket, Recorded, Settled } from './collectBurst';
