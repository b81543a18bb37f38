import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { conversationContract, wa } from '../helpers/conversation-contract';
import { sqliteStore, stopSqliteStores } from '../helpers/sqlite-store';
import { NODE24_BIN } from './helpers/n8n-install';

/** The SQLite backend on n8n's own Node 24 (node:sqlite), on the built package. */
let folder: string;
beforeAll(() => {
	folder = mkdtempSync(path.join(tmpdir(), 's247-conv-'));
});
afterAll(() => {
	stopSqliteStores();
	rmSync(folder, { recursive: true, force: true });
});

let n = 0;
conversationContract('sqlite (Node 24)', () => sqliteStore(NODE24_BIN, path.join(folder, `contract-${n++}.sqlite`)));

describe('SQLite conversation store across processes', () => {
	it('keeps the conversation when n8n restarts', async () => {
		const file = path.join(folder, 'restart.sqlite');
		const first = await sqliteStore(NODE24_BIN, file);
		await first.append(wa('m1', '2026-03-02T10:00:00-06:00', 'antes del reinicio'));
		await first.takeOver(wa('m1', '2026-03-02T10:01:00-06:00'), 'agent-ana');
		first.child.kill('SIGKILL');
		await new Promise((resolve) => first.child.once('exit', resolve));
		const second = await sqliteStore(NODE24_BIN, file);
		const loaded = await second.load(wa('m2', '2026-03-02T10:05:00-06:00'));
		expect(loaded.conversation.turns.map((t) => t.text)).toEqual(['antes del reinicio']);
		expect(loaded.conversation.takeover).toEqual({ by: 'agent-ana', since: '2026-03-02T10:01:00-06:00' });
		await second.close();
	});

	it('loses no turn when two processes append to one conversation at once', async () => {
		const file = path.join(folder, 'two-writers.sqlite');
		const a = await sqliteStore(NODE24_BIN, file);
		const b = await sqliteStore(NODE24_BIN, file);
		const policy = { maxTurns: 500 };
		const at = (i: number) => `2026-03-02T1${Math.floor(i / 60)}:${String(i % 60).padStart(2, '0')}:00-06:00`;
		await Promise.all(
			Array.from({ length: 120 }, (_, i) => (i % 2 ? a : b).append(wa(`m${i}`, at(i), `mensaje ${i}`), {}, policy)),
		);
		const loaded = await a.load(wa('after', '2026-03-02T13:00:00-06:00'), policy);
		expect(loaded.conversation.turns.map((t) => t.text)).toEqual(Array.from({ length: 120 }, (_, i) => `mensaje ${i}`));
		expect(await b.count()).toBe(1);
		await Promise.all([a.close(), b.close()]);
	}, 120000);

	it('loses no part of a burst when two processes record parts of it at once', async () => {
		const file = path.join(folder, 'burst.sqlite');
		const a = await sqliteStore(NODE24_BIN, file);
		const b = await sqliteStore(NODE24_BIN, file);
		const t0 = Date.parse('2026-03-04T11:00:00-06:00');
		const part = (i: number) => ({ key: 'webchat:s-burst', id: `m${i}`, text: `parte ${i}`, receivedAt: new Date(t0 + i * 100).toISOString() });
		// Twenty parts, two at a time (one per process), each waiting 3 s of "quiet time" (ample for all to be recorded on a loaded machine) before it settles.
		const settled = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).burst(part(i), t0 + i * 100, 4000, 3000)));
		const lasts = settled.filter((s) => s.role === 'last');
		expect(lasts).toHaveLength(1);
		expect(lasts[0].role === 'last' && lasts[0].parts.map((p) => p.id).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`).sort());
		expect(settled.filter((s) => s.role === 'joined')).toHaveLength(19);
		await Promise.all([a.close(), b.close()]);
	}, 120000);
});
