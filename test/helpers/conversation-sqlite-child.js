'use strict';
/**
 * Serves the conversation store over a SQLite file to a test: runs under Node 24 (node:sqlite), on
 * the built package in dist/. One JSON request per stdin line, one JSON answer per stdout line.
 *   node conversation-sqlite-child.js <database file>
 */
const path = require('node:path');
const readline = require('node:readline');
const store = require(path.resolve(__dirname, '../../dist/nodes/shared/conversation'));

const backend = new store.SqliteBackend(process.argv[2]);
const options = (policy) => ({ policy: store.resolveConversationPolicy(policy ?? {}) });
const ops = {
	load: (ticket, policy) => store.loadConversation(backend, ticket, options(policy)),
	append: (ticket, input, policy) => store.appendToConversation(backend, ticket, { replyRole: 'ai', includeCustomerTurn: true, ...(input ?? {}) }, options(policy)),
	takeOver: (ticket, by) => store.takeOverConversation(backend, ticket, by, options()),
	release: (ticket, by) => store.releaseConversation(backend, ticket, by, options()),
	purge: (ticket) => store.purgeCustomer(backend, ticket, options()),
	expire: (nowMs, retentionDays) => store.purgeExpired(backend, nowMs, store.resolveConversationPolicy({ retentionDays })),
	count: () => backend.count(),
	listSince: async (sinceMs, pageSize) => {
		const records = [];
		for await (const record of store.conversationsSince(backend, sinceMs, pageSize)) records.push(record);
		return records;
	},
	csat: (ticket, score) => store.recordCsat(backend, ticket, score, options()),
	// One burst part: recorded, a wait of waitMs (the quiet time, shortened for the test), settled.
	burst: async (part, receivedMs, quietMs, waitMs) => {
		const [outcome] = await store.collectBursts(backend, [{ ticket: part, receivedMs, options: { quietMs } }], () => new Promise((resolve) => setTimeout(resolve, waitMs)));
		if (outcome.role === 'failed') throw outcome.error;
		return outcome;
	},
	close: async () => {
		await backend.close();
		setImmediate(() => process.exit(0));
	},
};

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
	const { id, op, args } = JSON.parse(line);
	try {
		const result = await ops[op](...args);
		process.stdout.write(`${JSON.stringify({ id, result: result === undefined ? null : result })}\n`);
	} catch (error) {
		process.stdout.write(`${JSON.stringify({ id, error: String(error && error.message ? error.message : error) })}\n`);
	}
});
process.stdout.write(`${JSON.stringify({ ready: process.versions.node })}\n`);
