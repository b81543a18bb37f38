/**
 * The CSAT and follow-up pieces in a real n8n: morning-follow-up.json imports with n8n's own CLI, and it
 * and the tiered template (now with CSAT Answer, Find Resolved Conversations and CSAT Link) use only node
 * types n8n serves at the versions they name, our Support Outreach and Support CSAT among them.
 *
 * Then a scheduled CSAT run of the tiered template, live: a SQLite Conversation Store seeded with resolved
 * cases on the official channels, *Every 10 Minutes* firing every few seconds, the Graph and Telegram APIs
 * faked on loopback (helpers/fake-messaging-apis.ts) and the team's mail on a loopback SMTP server. The
 * assertions are on the requests the fake received: the WhatsApp list within 24 hours, the approved
 * csat_question template after them, the Telegram keyboard, and nothing at all to Graph for a Messenger
 * customer past the window (the team is mailed instead); and each case asked once over several runs.
 * The same for morning-follow-up.json at a pinned opening time: the follow_up template, Instagram and
 * Telegram, and a Messenger case past the window handed to the morning shift by mail.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { startSmtp, type SmtpTestServer } from '../helpers/smtp';
import { sqliteStore, stopSqliteStores } from '../helpers/sqlite-store';
import type { Ticket } from '../../nodes/shared/ticket';
import { FakeMessagingApis, type RecordedRequest } from './helpers/fake-messaging-apis';
import { NODE24_BIN, REPO_ROOT } from './helpers/n8n-install';
import { N8nServer, type NodeTypeSummary } from './helpers/n8n-server';

interface WorkflowJson {
	id: string;
	nodes: Array<{ name: string; type: string; typeVersion: number }>;
	connections: Record<string, unknown>;
}
const file = (slug: string) => join(REPO_ROOT, 'workflows', `${slug}.json`);
const read = (slug: string) => JSON.parse(readFileSync(file(slug), 'utf8')) as WorkflowJson;

let server: N8nServer;
let types: NodeTypeSummary[];
let fake: FakeMessagingApis;
beforeAll(async () => {
	fake = await FakeMessagingApis.start();
	server = await N8nServer.start({ env: fake.n8nEnv });
	types = await server.nodeTypes();
});
afterAll(async () => {
	stopSqliteStores();
	await server?.stop();
	await fake?.stop();
});

const known = (type: string, version: number) => types.some((t) => t.name === type && (Array.isArray(t.version) ? t.version.includes(version) : t.version === version));

describe('outreach templates in a real n8n', () => {
	it('serves Support Outreach (Customer · Morning Queue) and Support CSAT (Not an Answer · Rated · Low Score)', () => {
		const outreach = types.find((t) => t.name === 'n8n-nodes-support247.supportOutreach') as NodeTypeSummary & { outputNames?: string[] };
		const csat = types.find((t) => t.name === 'n8n-nodes-support247.supportCsat') as NodeTypeSummary & { outputNames?: string[] };
		expect(outreach?.outputNames).toEqual(['Customer', 'Morning Queue']);
		expect(csat?.outputNames).toEqual(['Not an Answer', 'Rated', 'Low Score']);
	});

	it.each(['morning-follow-up', 'support-247-tiered'])('%s imports with every node and connection, each of a type n8n knows', async (slug) => {
		expect(server.importWorkflowFileWithCli(file(slug))).toMatch(/Successfully imported 1 workflow/);
		const expected = read(slug);
		const saved = await server.getWorkflow<WorkflowJson>(expected.id);
		expect(saved.nodes.map((n) => n.name)).toEqual(expected.nodes.map((n) => n.name));
		expect(saved.connections).toEqual(expected.connections);
		expect(saved.nodes.filter((n) => !known(n.type, n.typeVersion)).map((n) => n.name)).toEqual([]);
	});
});

type Json = Record<string, any>;
interface TemplateNode {
	name: string;
	type: string;
	credentials?: Record<string, unknown>;
	parameters: Record<string, any>;
}

describe('a scheduled CSAT run on the official channels, live', () => {
	const tiered = JSON.parse(readFileSync(file('support-247-tiered'), 'utf8')) as { id: string; nodes: TemplateNode[]; connections: Record<string, unknown> };
	const LIVE_ID = 'c5a70ff1c1a11e00';
	const PHONE_NUMBER_ID = '106540352242922';
	/** The nodes that get credentials; every other node with an account is switched off, as are the outside services. */
	const OFFICIAL = ['CSAT Question: WhatsApp Cloud', 'CSAT Question: WhatsApp Template', 'CSAT Question: Messenger', 'CSAT Question: Instagram', 'CSAT Question: Telegram', 'CSAT Question: Window Closed'];
	const SWITCHED_OFF = ['Order System (L2)', 'Human Queue', ...tiered.nodes.filter((n) => n.credentials && !OFFICIAL.includes(n.name)).map((n) => n.name)];
	const CUSTOMERS = { whatsappInside: '5215512345678', whatsappLate: '5215587654321', messengerInside: '6543210987654321', telegram: '123456789' };
	const MESSENGER_LATE = '6543210987650000';
	// Relative to the real clock, because the run asks at n8n's own "now": 40 minutes (quiet, within 24 hours) or 25 hours ago.
	const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
	const RECENT = 40;
	const LATE = 25 * 60;

	let smtp: SmtpTestServer;
	let folder: string;

	const resolved = (id: string, who: Partial<Ticket> & { channel: string }, minutesAgo: number, language: string): Ticket =>
		({
			ticketId: id,
			...who,
			message: { id, text: 'What are your opening hours on Saturday?', receivedAt: ago(minutesAgo) },
			triage: { intent: 'hours', confidence: 0.9, urgency: 'normal', sentiment: 0, language, flags: {}, automation: 'high', provider: 'embedded' },
			knowledge: { answered: true, score: 0.9, sources: [] },
			hours: { open: true },
			route: { tier: 'L1', reasons: ['knowledge answer'], rules: ['knowledgeAnswer'] },
			reply: { text: 'Saturdays 10 to 2.', language },
		}) as unknown as Ticket;

	const sentTo = (recipient: string): RecordedRequest[] =>
		fake.sent().filter((r) => {
			const body = r.body as Json;
			return String(body.to ?? body.recipient?.id ?? body.chat_id) === recipient;
		});

	async function until<T>(what: string, find: () => T | undefined, timeoutMs = 180_000): Promise<T> {
		return fake.until(what, find, () => server.logs, timeoutMs);
	}

	beforeAll(async () => {
		folder = mkdtempSync(join(tmpdir(), 'support247-csat-live-'));
		const database = join(folder, 'conversations.sqlite');
		const store = await sqliteStore(NODE24_BIN, database);
		const cloud = (phone: string, name: string) => ({ channel: 'whatsapp', customer: { phone: `+${phone}`, name }, whatsappCloud: { waId: phone, phoneNumberId: PHONE_NUMBER_ID } });
		const messenger = (id: string, name: string) => ({ channel: 'messenger', customer: { id, name }, meta: { senderId: id, recipientId: '106540000000001' } });
		await store.append(resolved('wa-in', cloud(CUSTOMERS.whatsappInside, 'María'), RECENT, 'es'));
		await store.append(resolved('wa-late', cloud(CUSTOMERS.whatsappLate, 'Pedro'), LATE, 'es'));
		await store.append(resolved('ms-in', messenger(CUSTOMERS.messengerInside, 'Kim'), RECENT, 'en'));
		await store.append(resolved('ms-late', messenger(MESSENGER_LATE, 'Lee'), LATE, 'en'));
		await store.append(resolved('tg-late', { channel: 'telegram', customer: { id: CUSTOMERS.telegram, name: 'Ivan' }, telegram: { chatId: CUSTOMERS.telegram } } as never, LATE, 'en'));
		await store.close();

		smtp = await startSmtp();
		const whatsApp = { whatsAppApi: await server.createCredential('whatsAppApi', 'WhatsApp e2e', { accessToken: 'fake-whatsapp-token', businessAccountId: '102290129340398' }) };
		const facebook = { facebookGraphApi: await server.createCredential('facebookGraphApi', 'Facebook Graph e2e', { accessToken: 'fake-page-token' }) };
		const credentials: Record<string, Record<string, { id: string; name: string }>> = {
			'CSAT Question: WhatsApp Cloud': whatsApp,
			'CSAT Question: WhatsApp Template': whatsApp,
			'CSAT Question: Messenger': facebook,
			'CSAT Question: Instagram': facebook,
			'CSAT Question: Telegram': { telegramApi: await server.createCredential('telegramApi', 'Telegram e2e', { accessToken: '123456:FAKE-bot-token', baseUrl: fake.url }) },
			'CSAT Question: Window Closed': {
				smtp: await server.createCredential('smtp', 'Agents SMTP e2e', { host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true, user: smtp.user, password: smtp.password }),
			},
		};
		const live = {
			...tiered,
			id: LIVE_ID,
			name: `${tiered.name} (CSAT live)`,
			nodes: tiered.nodes.map((n) => ({
				...n,
				...(SWITCHED_OFF.includes(n.name) ? { disabled: true } : {}),
				...(credentials[n.name] ? { credentials: credentials[n.name] } : {}),
				// The schedule as it is, only faster, so the test sees several runs; the store is the seeded file.
				...(n.name === 'Every 10 Minutes' ? { parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: 5 }] } } } : {}),
				...(n.name === 'Find Resolved Conversations' ? { parameters: { ...n.parameters, databaseFile: database } } : {}),
			})),
		};
		expect(OFFICIAL.filter((name) => !tiered.nodes.some((n) => n.name === name))).toEqual([]);
		server.importWorkflowWithCli(live);
		const activated = await server.activateWorkflow(LIVE_ID);
		if (!activated.active) throw new Error(`the template did not activate: ${JSON.stringify(activated)}\n${server.logs.slice(-3000)}`);
		await until('not every customer got the question', () => (Object.values(CUSTOMERS).every((c) => sentTo(c).length > 0) ? true : undefined));
		await smtp.waitForMessages(1, 120_000);
		// Two more scheduled runs at least: nobody may be asked again.
		const first = (await server.executions(LIVE_ID)).length;
		await server.waitForExecution(LIVE_ID, (runs) => (runs.length >= first + 2 ? runs[0] : undefined), 'two more scheduled runs', 120_000);
	}, 600_000);

	afterAll(async () => {
		await smtp?.close();
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	test('WhatsApp Cloud within 24 hours: the list of five from the business number, its button in Spanish', () => {
		const [question, ...more] = sentTo(CUSTOMERS.whatsappInside);
		expect(more).toEqual([]);
		expect({ host: question.host, path: question.path, auth: question.headers.authorization }).toEqual({ host: 'graph.facebook.com', path: `/v21.0/${PHONE_NUMBER_ID}/messages`, auth: 'Bearer fake-whatsapp-token' });
		const body = question.body as Json;
		expect(body).toMatchObject({ messaging_product: 'whatsapp', to: CUSTOMERS.whatsappInside, type: 'interactive', interactive: { type: 'list', action: { button: 'Calificar' } } });
		expect(body.interactive.body.text).toContain('María');
		expect(body.interactive.action.sections[0].rows.map((r: Json) => r.id)).toEqual(['csat_1', 'csat_2', 'csat_3', 'csat_4', 'csat_5']);
	});

	test("WhatsApp Cloud after 24 hours: the approved template csat_question through n8n's WhatsApp node, the question as its {{1}}", () => {
		const [question, ...more] = sentTo(CUSTOMERS.whatsappLate);
		expect(more).toEqual([]);
		expect(question.path).toMatch(new RegExp(`^/v[\\d.]+/${PHONE_NUMBER_ID}/messages$`));
		const body = question.body as Json;
		expect(body).toMatchObject({ messaging_product: 'whatsapp', to: CUSTOMERS.whatsappLate, type: 'template', template: { name: 'csat_question', language: { code: 'es_MX' } } });
		expect(body.interactive).toBeUndefined();
		const [component] = body.template.components;
		expect(component.type).toBe('body');
		expect(component.parameters[0].text).toContain('Pedro');
	});

	test('Messenger within 24 hours: a Send API RESPONSE with the five scores as quick replies', () => {
		const [question, ...more] = sentTo(CUSTOMERS.messengerInside);
		expect(more).toEqual([]);
		expect({ path: question.path, token: question.query.access_token }).toEqual({ path: '/v21.0/me/messages', token: 'fake-page-token' });
		const body = question.body as Json;
		expect(body).toMatchObject({ recipient: { id: CUSTOMERS.messengerInside }, messaging_type: 'RESPONSE' });
		expect(body.message.quick_replies.map((q: Json) => q.payload)).toEqual(['csat_1', 'csat_2', 'csat_3', 'csat_4', 'csat_5']);
	});

	test('Messenger after 24 hours: nothing to Graph at all; the team is mailed that the case was not asked', async () => {
		expect(fake.requests.filter((r) => JSON.stringify(r.body ?? '').includes(MESSENGER_LATE))).toEqual([]);
		expect(smtp.messages).toHaveLength(1);
		const parsed = await simpleParser(smtp.messages[0].raw);
		expect(smtp.messages[0].to).toEqual(['agents@example.com']);
		expect(parsed.subject).toBe('Not asked for a rating on messenger: Lee');
		const text = String(parsed.text);
		expect(text).toContain('Lee wrote on messenger at ');
		expect(text).toContain('What are your opening hours on Saturday?');
		expect(text).toMatch(/so this question was not sent:\n.*Lee/);
	});

	test("Telegram a day later (no window): sendMessage in the customer's chat with a keyboard of the five scores", () => {
		const [question, ...more] = sentTo(CUSTOMERS.telegram);
		expect(more).toEqual([]);
		expect(question.path).toBe('/bot123456:FAKE-bot-token/sendMessage');
		const body = question.body as Json;
		expect(String(body.text)).toContain('Ivan');
		const keyboard = body.reply_markup.inline_keyboard as Json[][];
		expect(keyboard.map((row) => row.map((b) => b.callback_data))).toEqual([['csat_1'], ['csat_2'], ['csat_3'], ['csat_4'], ['csat_5']]);
		expect(keyboard.map((row) => row[0].text)).toEqual(['1 · Very bad', '2 · Bad', '3 · OK', '4 · Good', '5 · Excellent']);
	});

	test('each case is asked once over several scheduled runs', () => {
		expect(fake.sent()).toHaveLength(Object.keys(CUSTOMERS).length);
		expect(smtp.messages).toHaveLength(1);
	});
});

describe('a scheduled morning follow-up on the official channels, live', () => {
	const followUp = JSON.parse(readFileSync(file('morning-follow-up'), 'utf8')) as { id: string; name: string; nodes: TemplateNode[] };
	const LIVE_ID = 'f0110e0bc1a11e00';
	const PHONE_NUMBER_ID = '106540352242922';
	// The run's time is pinned (Monday 2026-03-09, 09:05 in Mexico City, in the first hour after opening); the night runs from Saturday's 14:00 close.
	const NOW = '2026-03-09T09:05:00-06:00';
	const OFFICIAL = ['Follow-Up: WhatsApp Template', 'Follow-Up: Instagram', 'Follow-Up: Telegram', 'Notify Morning Shift'];
	const SWITCHED_OFF = ['Morning Queue', ...followUp.nodes.filter((n) => n.credentials && !OFFICIAL.includes(n.name)).map((n) => n.name)];
	const CUSTOMERS = { whatsappLate: '5215587654000', instagram: '1234567890123999', telegram: '987654321' };
	const MESSENGER_LATE = '6543210987659999';
	let smtp: SmtpTestServer;
	let folder: string;
	let before = 0;

	const unresolved = (id: string, who: Partial<Ticket> & { channel: string }, at: string, language: string, text: string): Ticket =>
		({
			ticketId: id,
			...who,
			message: { id, text, receivedAt: at },
			triage: { intent: 'other', confidence: 0.4, urgency: 'normal', sentiment: 0, language, flags: {}, automation: 'high', provider: 'embedded' },
			knowledge: { answered: false, score: 0.2, sources: [] },
			hours: { open: false },
			route: { tier: 'L1', reasons: ['x'], rules: ['x'] },
		}) as unknown as Ticket;
	const to = (recipient: string) => fake.sent().filter((r) => String((r.body as Json).to ?? (r.body as Json).recipient?.id ?? (r.body as Json).chat_id) === recipient);

	beforeAll(async () => {
		before = fake.sent().length;
		folder = mkdtempSync(join(tmpdir(), 'support247-follow-up-live-'));
		const database = join(folder, 'conversations.sqlite');
		const store = await sqliteStore(NODE24_BIN, database);
		await store.append(unresolved('wa', { channel: 'whatsapp', customer: { phone: `+${CUSTOMERS.whatsappLate}`, name: 'Pedro' }, whatsappCloud: { waId: CUSTOMERS.whatsappLate, phoneNumberId: PHONE_NUMBER_ID } } as never, '2026-03-07T15:00:00-06:00', 'es', '¿Hacen envíos a Monterrey?'));
		await store.append(unresolved('ms', { channel: 'messenger', customer: { id: MESSENGER_LATE, name: 'Lee' }, meta: { senderId: MESSENGER_LATE } } as never, '2026-03-07T15:30:00-06:00', 'en', 'Do you repair zippers?'));
		await store.append(unresolved('ig', { channel: 'instagram', customer: { id: CUSTOMERS.instagram, name: 'Bia' }, meta: { senderId: CUSTOMERS.instagram } } as never, '2026-03-08T22:00:00-06:00', 'pt', 'Vocês têm loja em Guadalajara?'));
		await store.append(unresolved('tg', { channel: 'telegram', customer: { id: CUSTOMERS.telegram, name: 'Ivan' }, telegram: { chatId: CUSTOMERS.telegram } } as never, '2026-03-07T16:00:00-06:00', 'en', 'Can I pay in dollars?'));
		await store.close();

		smtp = await startSmtp();
		const credentials: Record<string, Record<string, { id: string; name: string }>> = {
			'Follow-Up: WhatsApp Template': { whatsAppApi: await server.createCredential('whatsAppApi', 'WhatsApp follow-up e2e', { accessToken: 'fake-whatsapp-token', businessAccountId: '102290129340398' }) },
			'Follow-Up: Instagram': { facebookGraphApi: await server.createCredential('facebookGraphApi', 'Facebook follow-up e2e', { accessToken: 'fake-page-token' }) },
			'Follow-Up: Telegram': { telegramApi: await server.createCredential('telegramApi', 'Telegram follow-up e2e', { accessToken: '123456:FAKE-bot-token', baseUrl: fake.url }) },
			'Notify Morning Shift': {
				smtp: await server.createCredential('smtp', 'Morning shift SMTP e2e', { host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true, user: smtp.user, password: smtp.password }),
			},
		};
		const live = {
			...followUp,
			id: LIVE_ID,
			name: `${followUp.name} (live)`,
			nodes: followUp.nodes.map((n) => ({
				...n,
				...(SWITCHED_OFF.includes(n.name) ? { disabled: true } : {}),
				...(credentials[n.name] ? { credentials: credentials[n.name] } : {}),
				...(n.name === 'Every 15 Minutes' ? { parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: 5 }] } } } : {}),
				...(n.name === "Last Night's Conversations" ? { parameters: { ...n.parameters, databaseFile: database, options: { now: NOW } } } : {}),
			})),
		};
		server.importWorkflowWithCli(live);
		const activated = await server.activateWorkflow(LIVE_ID);
		if (!activated.active) throw new Error(`morning-follow-up did not activate: ${JSON.stringify(activated)}\n${server.logs.slice(-3000)}`);
		await fake.until('not every customer got the follow-up', () => (Object.values(CUSTOMERS).every((c) => to(c).length > 0) ? true : undefined), () => server.logs, 180_000);
		await smtp.waitForMessages(1, 120_000);
		const first = (await server.executions(LIVE_ID)).length;
		await server.waitForExecution(LIVE_ID, (runs) => (runs.length >= first + 2 ? runs[0] : undefined), 'two more scheduled runs', 120_000);
	}, 600_000);

	afterAll(async () => {
		await smtp?.close();
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	test('WhatsApp Cloud two days later: the approved follow_up template, the personal message as its {{1}}', () => {
		const [message, ...more] = to(CUSTOMERS.whatsappLate);
		expect(more).toEqual([]);
		expect(message.path).toMatch(new RegExp(`^/v[\\d.]+/${PHONE_NUMBER_ID}/messages$`));
		const body = message.body as Json;
		expect(body.template).toMatchObject({ name: 'follow_up', language: { code: 'es_MX' } });
		const text = String(body.template.components[0].parameters[0].text);
		expect(text).toContain('Pedro');
		expect(text).toContain('Monterrey');
	});

	test('Instagram within 24 hours: a Send API RESPONSE; Telegram after two days all the same', () => {
		const [instagram] = to(CUSTOMERS.instagram);
		expect(instagram.body).toMatchObject({ recipient: { id: CUSTOMERS.instagram }, messaging_type: 'RESPONSE' });
		expect(String((instagram.body as Json).message.text)).toContain('Guadalajara');
		const [telegram] = to(CUSTOMERS.telegram);
		expect(telegram.path).toBe('/bot123456:FAKE-bot-token/sendMessage');
		expect(String((telegram.body as Json).text)).toContain('dollars');
	});

	test('Messenger past the window: nothing to Graph; the morning shift gets the case, until when a person may answer, and the draft', async () => {
		expect(fake.requests.filter((r) => JSON.stringify(r.body ?? '').includes(MESSENGER_LATE))).toEqual([]);
		expect(smtp.messages).toHaveLength(1);
		const parsed = await simpleParser(smtp.messages[0].raw);
		expect(parsed.subject).toBe('Follow up: Lee');
		const text = String(parsed.text);
		expect(text).toContain('Not sent on messenger: Meta allows no automatic message more than 24 hours after the customer’s last one (2026-03-07T21:30:00.000Z). Answer from the page inbox (Meta Business Suite) until 2026-03-14T21:30:00.000Z.');
		expect(text).toContain('"Do you repair zippers?"');
		expect(text).toMatch(/Suggested message:\n.*Lee.*zippers/);
	});

	test('each case once over several scheduled runs', () => {
		expect(fake.sent().length - before).toBe(Object.keys(CUSTOMERS).length);
	});
});
