import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Client } from 'pg';
import { ConversationStore } from '../../nodes/ConversationStore/ConversationStore.node';
import { BackendUnavailableError, collectBursts, PostgresBackend, type ConversationBackend } from '../../nodes/shared/conversation';
import { createEngine, type Engine } from '../../simulator/engine';
import { conversationContract, wa } from '../helpers/conversation-contract';
import { storeOver } from '../helpers/memory-store';
import { Postgres } from '../helpers/postgres-server';
import { describeWith } from '../helpers/prerequisites';

/**
 * The PostgreSQL backend against a real PostgreSQL on loopback (a throw-away cluster from the Debian
 * package): the contract every backend passes, two "processes" (two pools, two sets of connections) on one
 * customer at once, and the database stopped in the middle of a run.
 */
describeWith('postgresql', 'PostgreSQL conversation store', 'PostgreSQL conversation store', () => {
	let pg: Postgres;
	let n = 0;
	const open: ConversationBackend[] = [];
	/** A backend on a database of its own, created empty: the schema comes from the backend's first use. */
	function freshBackend(timeoutMs = 10_000, database?: string): PostgresBackend {
		const name = database ?? `contract_${n++}`;
		if (!database) pg.psql(`CREATE DATABASE ${name}`, 'postgres');
		const backend = new PostgresBackend({ ...pg.connection, database: name }, { timeoutMs });
		open.push(backend);
		return backend;
	}

	beforeAll(async () => {
		pg = await Postgres.start();
	}, 300_000);
	afterAll(async () => {
		for (const backend of open) await backend.close().catch(() => undefined);
		await pg?.stop();
	}, 120_000);

	conversationContract('postgres', async () => storeOver(freshBackend()));

	describe('two processes on one customer', () => {
		it('creates the schema once when several processes start on an empty database at once', async () => {
			const database = `schema_${n++}`;
			pg.psql(`CREATE DATABASE ${database}`, 'postgres');
			const backends = Array.from({ length: 4 }, () => freshBackend(10_000, database));
			expect(await Promise.all(backends.map((b) => b.count()))).toEqual([0, 0, 0, 0]);
			expect(pg.psql("SELECT count(*) FROM pg_tables WHERE tablename LIKE 's247_%'", database)).toEqual(['3']);
		});

		it('loses no turn when two processes append to one conversation at once', async () => {
			const database = `writers_${n++}`;
			pg.psql(`CREATE DATABASE ${database}`, 'postgres');
			const a = storeOver(freshBackend(30_000, database));
			const b = storeOver(freshBackend(30_000, database));
			const policy = { maxTurns: 500 };
			const at = (i: number) => `2026-03-02T1${Math.floor(i / 60)}:${String(i % 60).padStart(2, '0')}:00-06:00`;
			// The first messages of a customer not yet stored arrive at once too: one conversation, not two.
			const results = await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 2 ? a : b).append(wa(`m${i}`, at(i), `mensaje ${i}`), {}, policy)));
			expect(results.map((r) => r.stored)).toEqual(Array.from({ length: 120 }, () => 1));
			// Every message delivered again, by the other process: all duplicates.
			const again = await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 2 ? b : a).append(wa(`m${i}`, at(i), `mensaje ${i}`), {}, policy)));
			expect(again.map((r) => r.duplicates)).toEqual(Array.from({ length: 120 }, () => 1));
			const loaded = await a.load(wa('after', '2026-03-02T13:00:00-06:00'), policy);
			expect(loaded.conversation.turns.map((t) => t.text)).toEqual(Array.from({ length: 120 }, (_, i) => `mensaje ${i}`));
			expect(await b.count()).toBe(1);
		});

		it('does not deadlock when Loads (found by key) and Appends (named by the id Load gave) of one customer meet', async () => {
			const database = `mixed_${n++}`;
			pg.psql(`CREATE DATABASE ${database}`, 'postgres');
			const [ba, bb] = [freshBackend(30_000, database), freshBackend(30_000, database)];
			const [a, b] = [storeOver(ba), storeOver(bb)];
			const policy = { maxTurns: 500 };
			const { conversation } = await a.load(wa('m0', '2026-03-02T10:00:00-06:00'));
			const at = (i: number) => `2026-03-02T11:${String(i).padStart(2, '0')}:00-06:00`;
			// As the workflow runs each message: Load (by the number), then Append with the conversation id it loaded.
			await Promise.all(
				Array.from({ length: 40 }, async (_, i) => {
					const store = i % 2 ? a : b;
					const loaded = await store.load(wa(`m${i + 1}`, at(i)), policy);
					await store.append({ ...wa(`m${i + 1}`, at(i), `mensaje ${i}`), conversation: { ...loaded.conversation, id: conversation.id as string } }, {}, policy);
				}),
			);
			const after = await a.load(wa('after', '2026-03-02T12:00:00-06:00'), policy);
			expect([...after.conversation.turns.map((t) => t.text)].sort()).toEqual(Array.from({ length: 40 }, (_, i) => `mensaje ${i}`).sort());
			// Closing the pools ends their sessions, which report their statistics: no deadlock was ever detected.
			await Promise.all([ba.close(), bb.close()]);
			open.splice(open.indexOf(ba), 1);
			open.splice(open.indexOf(bb), 1);
			const deadlocks = async () => Number(pg.psql(`SELECT deadlocks FROM pg_stat_database WHERE datname = '${database}'`, 'postgres')[0]);
			expect(await deadlocks()).toBe(0);
		});

		it('loses no part of a burst when two processes record parts of it at once', async () => {
			const database = `burst_${n++}`;
			pg.psql(`CREATE DATABASE ${database}`, 'postgres');
			const [a, b] = [freshBackend(30_000, database), freshBackend(30_000, database)];
			const t0 = Date.parse('2026-03-04T11:00:00-06:00');
			const part = (i: number) => ({ key: 'webchat:s-burst', id: `m${i}`, text: `parte ${i}`, receivedAt: new Date(t0 + i * 100).toISOString() });
			// Twenty parts, each waiting 3 s of "quiet time" (ample for all to be recorded on a loaded machine) before it settles.
			const wait = () => new Promise<void>((resolve) => setTimeout(resolve, 3000));
			const settled = await Promise.all(
				Array.from({ length: 20 }, async (_, i) => (await collectBursts(i % 2 ? a : b, [{ ticket: part(i), receivedMs: t0 + i * 100, options: { quietMs: 4000 } }], wait))[0]),
			);
			expect(settled.filter((s) => s.role === 'failed')).toEqual([]);
			const lasts = settled.filter((s) => s.role === 'last');
			expect(lasts).toHaveLength(1);
			expect(lasts[0].role === 'last' && lasts[0].parts.map((p) => p.id).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`).sort());
			expect(settled.filter((s) => s.role === 'joined')).toHaveLength(19);
		});

		it('makes a transaction on one customer wait for another’s lock, and a lock held past the timeout fail as unavailable', async () => {
			const database = `locks_${n++}`;
			pg.psql(`CREATE DATABASE ${database}`, 'postgres');
			const store = storeOver(freshBackend(1500, database));
			await store.append(wa('m1', '2026-03-02T10:00:00-06:00', 'hola'));
			// Another session holds the customer's key lock (as a transaction stuck on a dead worker would, until the server ends it).
			const holder = new Client({ ...pg.connection, database });
			await holder.connect();
			await holder.query('BEGIN');
			await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 247))', ['key:whatsapp:+5215512345678']);
			await expect(store.append(wa('m2', '2026-03-02T10:01:00-06:00', 'otra'))).rejects.toThrow(BackendUnavailableError);
			await holder.query('ROLLBACK');
			await holder.end();
			expect((await store.append(wa('m2', '2026-03-02T10:01:00-06:00', 'otra'))).stored).toBe(1);
			expect((await store.load(wa('m3', '2026-03-02T10:02:00-06:00'))).conversation.turns.map((t) => t.text)).toEqual(['hola', 'otra']);
		});
	});

	it('gives up on a server that accepts the connection and never answers, with the timeout’s error', async () => {
		// A hung database (a frozen host, a dead network path) refuses nothing: only the timeout ends the wait.
		const sockets: Socket[] = [];
		const silent = createServer((socket) => sockets.push(socket));
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		const port = (silent.address() as AddressInfo).port;
		try {
			const backend = new PostgresBackend({ ...pg.connection, port }, { timeoutMs: 500 });
			open.push(backend);
			const failed = await storeOver(backend).load(wa('m1', '2026-03-02T10:00:00-06:00')).catch((error: Error) => error);
			expect(failed).toBeInstanceOf(BackendUnavailableError);
			expect((failed as Error).message).toMatch(/timeout/i);
		} finally {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => silent.close(resolve));
		}
	});

	describe('the database stopped mid-run', () => {
		const P = 'n8n-nodes-support247';
		let engine: Engine;
		const node = (name: string, type: string, parameters: Record<string, unknown> = {}) => ({ id: name, name, type, typeVersion: 1, position: [0, 0], parameters });
		const to = (...targets: string[]) => targets.map((t) => [{ node: t, type: 'main', index: 0 }]);
		const TIMEOUT_MS = 3000;
		const pipeline = () => {
			const store = { backend: 'postgres', options: { timeoutMs: TIMEOUT_MS } };
			return {
				name: 'conversation on postgres',
				nodes: [
					node('Start', 'n8n-nodes-base.manualTrigger'),
					node('Load', `${P}.conversationStore`, { operation: 'load', ...store }),
					node('Router', `${P}.escalationRouter`),
					node('Append', `${P}.conversationStore`, { operation: 'append', ...store }),
				],
				connections: { Start: { main: to('Load') }, Load: { main: to('Router') }, Router: { main: to('Append', 'Append', 'Append', 'Append') } },
			};
		};
		const message = (id: string, text: string, receivedAt: string) => ({ ticketId: id, channel: 'whatsapp', customer: { name: 'Lucía', phone: '+5215512345678', language: 'es' }, message: { id, text, receivedAt } });
		type Json = Record<string, any>;
		const send = async (id: string, text: string, at: string): Promise<{ json: Json }> => {
			const res = await engine.run(pipeline(), { items: [message(id, text, at)] });
			expect(res.error).toBeUndefined();
			const appended = res.outputs.Append[0];
			expect(appended).toHaveLength(1);
			return { json: appended[0].json as Json };
		};

		beforeAll(async () => {
			pg.psql('CREATE DATABASE outage', 'postgres');
			engine = await createEngine({
				extraNodeTypes: { [`${P}.conversationStore`]: new ConversationStore() },
				credentials: { postgres: { ...pg.connection, database: 'outage', ssl: 'disable' } },
				storesAsConfigured: true,
			});
		});

		it('fails as BackendUnavailableError, the ticket goes on to a person, and its turns are written once the database is back', async () => {
			const first = await send('wa-1', '¿a q hora abren el sabado?', '2026-03-05T12:00:00-06:00');
			expect(first.json.conversation).toMatchObject({ identities: ['whatsapp:+5215512345678'], appended: { duplicates: 0 } });
			expect(first.json.conversation.appended.stored).toBeGreaterThan(0);
			expect(first.json.conversation.unavailable).toBeUndefined();

			pg.halt();
			try {
				const backend = new PostgresBackend({ ...pg.connection, database: 'outage' }, { timeoutMs: TIMEOUT_MS });
				open.push(backend);
				await expect(storeOver(backend).load(wa('probe', '2026-03-05T12:04:00-06:00'))).rejects.toThrow(BackendUnavailableError);

				const down = await send('wa-2', 'quiero saber de mi pedido', '2026-03-05T12:05:00-06:00');
				expect(down.json.conversation).toMatchObject({ unavailable: true, appended: { pending: true } });
				expect(down.json.route).toMatchObject({ tier: 'L3', reasons: expect.arrayContaining(['conversation store unavailable: takeover state unknown']) });
				expect(down.json.reply).toBeUndefined();
			} finally {
				pg.resume();
			}

			const back = await send('wa-3', 'gracias', '2026-03-05T12:10:00-06:00');
			expect(back.json.conversation.unavailable).toBeUndefined();
			// The turns of the ticket that met the stopped database were written before this one was loaded
			// (its history is the episode since the first ticket's handoff).
			const customerTurns = (turns: Json[]) => turns.filter((t) => t.role === 'customer').map((t) => t.text);
			expect(customerTurns(back.json.history)).toEqual(['quiero saber de mi pedido']);
			const stored = pg.psql('SELECT doc FROM s247_conversation', 'outage').map((doc) => JSON.parse(doc) as { turns: Json[] });
			expect(stored.map((r) => customerTurns(r.turns))).toEqual([['¿a q hora abren el sabado?', 'quiero saber de mi pedido', 'gracias']]);
		});
	});
});
