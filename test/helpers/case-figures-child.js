'use strict';
/**
 * Writes conversations into a SQLite store and answers with what the dashboard and the report read
 * from it (the case tables' path). Runs under Node 24 (node:sqlite) on the built package in dist/.
 * One JSON request on stdin: { file, records, settings, mode }, one JSON answer on stdout.
 *   mode "transact": each record through the store's write path, first a shorter version of it, then
 *     the whole; one more conversation written and deleted, one expired.
 *   mode "legacy": the documents written as a store made before the case tables (their old schema),
 *     then read, which migrates it.
 */
const path = require('node:path');
const dist = path.resolve(__dirname, '../../dist/nodes');
const { SqliteBackend } = require(path.join(dist, 'shared/conversation'));
const { storeReport } = require(path.join(dist, 'SupportInsights/storeReport'));

/** The schema of a store written before the case tables (main before them). */
const LEGACY_SCHEMA = `
CREATE TABLE IF NOT EXISTS s247_conversation (id TEXT PRIMARY KEY, doc TEXT NOT NULL, updated_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS s247_conversation_updated ON s247_conversation (updated_ms);
CREATE TABLE IF NOT EXISTS s247_identity (key TEXT PRIMARY KEY, conversation_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS s247_identity_conversation ON s247_identity (conversation_id);
CREATE TABLE IF NOT EXISTS s247_burst (key TEXT PRIMARY KEY, doc TEXT NOT NULL);
`;

async function writeThroughTransact(file, records) {
	const backend = new SqliteBackend(file);
	const save = (record) => backend.transact({ ids: [record.id] }, () => ({ save: record, result: null }));
	for (const record of records) {
		// A shorter version first, so the whole one replaces rows and moves counters back and forth.
		const half = Math.ceil(record.turns.length / 2);
		await save({ ...record, turns: record.turns.slice(0, half), csat: [], suggestions: [] });
		await save(record);
	}
	const extra = JSON.parse(JSON.stringify(records[0]));
	extra.id = 'c-extra-removed';
	extra.identities = { 'customer:extra': 'verified' };
	await save(extra);
	await backend.transact({ ids: [extra.id] }, () => ({ remove: [extra.id], result: null }));
	const old = JSON.parse(JSON.stringify(records[0]));
	Object.assign(old, { id: 'c-extra-expired', identities: { 'customer:old': 'verified' }, updatedMs: 0 });
	old.turns = old.turns.map((t) => ({ ...t, at: '1970-01-01T00:00:00.000Z' }));
	await save(old);
	const expired = await backend.expire(1);
	await backend.close();
	return { expired };
}

function writeLegacy(file, records) {
	const { DatabaseSync } = require('node:sqlite');
	const db = new DatabaseSync(file);
	db.exec(LEGACY_SCHEMA);
	const doc = db.prepare('INSERT INTO s247_conversation (id, doc, updated_ms) VALUES (?, ?, ?)');
	const identity = db.prepare('INSERT INTO s247_identity (key, conversation_id) VALUES (?, ?)');
	db.exec('BEGIN');
	for (const record of records) {
		doc.run(record.id, JSON.stringify(record), record.updatedMs);
		for (const key of Object.keys(record.identities)) identity.run(key, record.id);
	}
	db.exec('COMMIT');
	db.close();
	return {};
}

async function main() {
	const chunks = [];
	for await (const chunk of process.stdin) chunks.push(chunk);
	const { file, records, settings, mode } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
	const written = mode === 'legacy' ? writeLegacy(file, records) : await writeThroughTransact(file, records);
	const base = { backend: 'sqlite', databaseFile: file, memoryName: 'default', ...settings };
	const dashboard = await storeReport({ ...base, operation: 'dashboard', window: '30d' });
	const report = await storeReport({ ...base, operation: 'report', window: '7d', refreshSeconds: 0, gapRefreshMinutes: 0 });
	// The dashboard's first figures migrated a legacy store: opened again, there is nothing left to do.
	const backend = new SqliteBackend(file);
	const hasCaseFigures = typeof backend.caseFigures === 'function';
	written.migratedAfterReading = backend.migrateCases();
	backend.close();
	process.stdout.write(JSON.stringify({ written, dashboard, report, hasCaseFigures }));
}

main().catch((error) => {
	process.stderr.write(String((error && error.stack) || error));
	process.exit(1);
});
