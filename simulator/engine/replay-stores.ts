import type { INode } from 'n8n-workflow';

export const CONVERSATION_STORE_TYPE = 'n8n-nodes-support247.conversationStore';
/** Every node type that opens the Conversation Store's database (same Database parameters). */
const STORE_TYPES = new Set([CONVERSATION_STORE_TYPE, 'n8n-nodes-support247.supportCsat', 'n8n-nodes-support247.supportOutreach']);

/**
 * In-process, every Conversation Store keeps its conversations in memory: a replay must not write to
 * (or read from) the SQLite file a user's workflow names, and Node 20 has no node:sqlite at all.
 * SQLite-backed nodes get a memory store named after this preparation and their file, so nodes that
 * shared a file share a store, and two replays in one process never see each other's conversations.
 * Nodes that already use memory keep their name. Collect Burst does not wait (quiet time 0). Returns the memory store names the workflow uses.
 */
export function replayInMemory(nodes: INode[], scope: string): string[] {
	const names = new Set<string>();
	for (const node of nodes) {
		if (!STORE_TYPES.has(node.type)) continue;
		const parameters = (node.parameters ??= {});
		// A replay feeds each ticket once, at its own time: waiting for more messages of a burst only costs time.
		if (parameters.operation === 'collectBurst') parameters.quietTimeSeconds = 0;
		if (parameters.backend !== 'memory') {
			const file = typeof parameters.databaseFile === 'string' ? parameters.databaseFile.trim() : '';
			parameters.backend = 'memory';
			parameters.memoryName = `${scope}:${file || 'default'}`;
			delete parameters.databaseFile;
		}
		names.add(typeof parameters.memoryName === 'string' && parameters.memoryName ? parameters.memoryName : 'default');
	}
	return [...names];
}
