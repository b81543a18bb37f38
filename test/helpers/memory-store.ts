import {
	appendToConversation,
	conversationsSince,
	recordCsat,
	loadConversation,
	MemoryBackend,
	purgeCustomer,
	purgeExpired,
	releaseConversation,
	resolveConversationPolicy,
	takeOverConversation,
	type ConversationBackend,
	type ConversationPolicy,
} from '../../nodes/shared/conversation';
import type { StoreUnderTest } from './conversation-contract';

/** The store operations over a backend in this process. */
export function storeOver(backend: ConversationBackend): StoreUnderTest {
	const options = (policy: Partial<ConversationPolicy> = {}) => ({ policy: resolveConversationPolicy(policy) });
	return {
		load: (ticket, policy) => loadConversation(backend, ticket, options(policy)),
		append: (ticket, input = {}, policy) => appendToConversation(backend, ticket, { replyRole: 'ai', includeCustomerTurn: true, ...input }, options(policy)),
		takeOver: (ticket, by) => takeOverConversation(backend, ticket, by, options()),
		release: (ticket, by) => releaseConversation(backend, ticket, by, options()),
		purge: (ticket) => purgeCustomer(backend, ticket, options()),
		expire: (nowMs, retentionDays) => purgeExpired(backend, nowMs, resolveConversationPolicy({ retentionDays })),
		count: () => backend.count(),
		listSince: async (sinceMs, pageSize) => {
			const records = [];
			for await (const record of conversationsSince(backend, sinceMs, pageSize)) records.push(record);
			return records;
		},
		csat: (ticket, score) => recordCsat(backend, ticket, score, options()),
		close: () => backend.close(),
	};
}

export const memoryStore = async () => storeOver(new MemoryBackend());
