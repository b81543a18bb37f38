/**
 * The channels a business already has, live: workflows/support-247-tiered.json in a real n8n with n8n's own
 * WhatsApp Cloud Trigger, WhatsApp node, Telegram Trigger and Telegram node, and the template's Meta webhook.
 * Meta and Telegram are a fake on loopback (helpers/fake-messaging-apis.ts): n8n registers its webhooks
 * there on activation, the test POSTs the recorded payloads of test/fixtures/channels to the webhook URLs
 * n8n registered (signed as Meta and Telegram sign them), and asserts on the replies the fake received:
 * each on the customer's own channel, free text inside the 24-hour window, the approved template after it.
 * A Messenger customer who wrote a day ago gets nothing (Meta refuses an automated reply then): the team
 * gets *Reply Channel: Window Closed*'s mail through a real SMTP server on loopback instead.
 */
import { createHmac } from 'crypto';
import { readFileSync } from 'fs';
import { simpleParser } from 'mailparser';
import { join } from 'path';
import { startSmtp, type SmtpTestServer } from '../helpers/smtp';
import { FakeMessagingApis, type RecordedRequest } from './helpers/fake-messaging-apis';
import { REPO_ROOT } from './helpers/n8n-install';
import { N8nServer } from './helpers/n8n-server';

interface TemplateNode {
	name: string;
	type: string;
	credentials?: Record<string, unknown>;
	parameters: Record<string, unknown>;
}
const template = JSON.parse(readFileSync(join(REPO_ROOT, 'workflows/support-247-tiered.json'), 'utf8')) as { id: string; nodes: TemplateNode[] };
const fixture = <T = Record<string, unknown>>(name: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/channels', name), 'utf8')) as T;

/** The official-channel nodes this test gives credentials to; every other node with an account is switched off. */
const OFFICIAL = [
	'WhatsApp Cloud Trigger',
	'Telegram Trigger',
	'Reply Channel: WhatsApp Cloud',
	'Reply Channel: WhatsApp Template',
	'Reply Channel: Messenger',
	'Reply Channel: Instagram',
	'Reply Channel: Telegram',
	'Reply Channel: Window Closed',
];
const OUTSIDE_SERVICES = ['Order System (L2)', 'Human Queue'];
const SWITCHED_OFF = [...OUTSIDE_SERVICES, ...template.nodes.filter((n) => n.credentials && !OFFICIAL.includes(n.name)).map((n) => n.name)];
const META_PATH = String(template.nodes.find((n) => n.name === 'Messenger & Instagram Webhook')?.parameters.path);
const APP_SECRET = 'e2e-app-secret';
const PHONE_NUMBER_ID = '106540352242922';

// Payload times are relative to the real clock, because n8n sends at its own "now" (see the Send Time below).
const secondsAgo = (seconds: number) => Math.floor(Date.now() / 1000) - seconds;
const RECENT = 60;
const LATE = 26 * 3600;

type Json = Record<string, any>;

function whatsAppBody(waId: string, name: string, messageId: string, text: string, at: number): Json {
	const body = fixture<Json>('whatsapp-cloud-text-webhook.json');
	const value = body.entry[0].changes[0].value;
	value.contacts = [{ profile: { name }, wa_id: waId }];
	value.messages = [{ from: waId, id: messageId, timestamp: String(at), type: 'text', text: { body: text } }];
	return body;
}

function whatsAppStatusBody(): Json {
	const { field, ...value } = fixture<Json>('whatsapp-cloud-trigger-status-delivered.json');
	return { object: 'whatsapp_business_account', entry: [{ id: '102290129340398', changes: [{ field, value }] }] };
}

function metaBody(name: string, atMs: number, senderId?: string): Json {
	const body = fixture<Json>(name);
	const [event] = body.entry[0].messaging;
	event.timestamp = atMs;
	body.entry[0].time = atMs;
	if (senderId) {
		event.sender.id = senderId;
		event.message.mid = `m_E2E-LATE-${senderId}`;
	}
	return body;
}

function telegramBody(at: number): Json {
	const body = fixture<Json>('telegram-message.json');
	body.message.date = at;
	return body;
}

const CUSTOMERS = {
	whatsappInside: '5215512345678',
	whatsappLate: '5215587654321',
	messenger: '6543210987654321',
	instagram: '1234567890123456',
	telegram: 123456789,
};
/** Wrote on Messenger 26 hours ago: outside the window, so no reply may go out (not one of CUSTOMERS). */
const MESSENGER_LATE = '6543210987650000';
const messengerLateAtMs = secondsAgo(LATE) * 1000;

let fake: FakeMessagingApis;
let server: N8nServer;
let smtp: SmtpTestServer;
const webhookAnswers: Record<string, { status: number; text: string }> = {};

async function post(url: string, body: Json, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
	const raw = JSON.stringify(body);
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
	return { status: res.status, text: await res.text() };
}

/** As Meta signs every webhook: HMAC-SHA256 of the raw body with the app secret. */
async function postSignedByMeta(url: string, body: Json) {
	const raw = JSON.stringify(body);
	const signature = `sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`;
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body: raw });
	return { status: res.status, text: await res.text() };
}

async function until<T>(what: string, find: () => T | undefined, timeoutMs = 120_000): Promise<T> {
	return fake.until(what, find, () => server.logs, timeoutMs);
}

const sentTo = (recipient: string | number): RecordedRequest[] =>
	fake.sent().filter((r) => {
		const body = r.body as Json;
		return String(body.to ?? body.recipient?.id ?? body.chat_id) === String(recipient);
	});

beforeAll(async () => {
	expect(OFFICIAL.filter((name) => !template.nodes.some((n) => n.name === name))).toEqual([]);
	fake = await FakeMessagingApis.start();
	smtp = await startSmtp();
	server = await N8nServer.start({ env: fake.n8nEnv });
	const credentials: Record<string, Record<string, { id: string; name: string }>> = {};
	const whatsAppTrigger = await server.createCredential('whatsAppTriggerApi', 'WhatsApp OAuth e2e', { clientId: '987654321012345', clientSecret: APP_SECRET });
	const whatsApp = await server.createCredential('whatsAppApi', 'WhatsApp e2e', { accessToken: 'fake-whatsapp-token', businessAccountId: '102290129340398' });
	const facebook = await server.createCredential('facebookGraphApi', 'Facebook Graph e2e', { accessToken: 'fake-page-token' });
	const telegram = await server.createCredential('telegramApi', 'Telegram e2e', { accessToken: '123456:FAKE-bot-token', baseUrl: fake.url });
	credentials['WhatsApp Cloud Trigger'] = { whatsAppTriggerApi: whatsAppTrigger };
	credentials['Reply Channel: WhatsApp Cloud'] = { whatsAppApi: whatsApp };
	credentials['Reply Channel: WhatsApp Template'] = { whatsAppApi: whatsApp };
	credentials['Reply Channel: Messenger'] = { facebookGraphApi: facebook };
	credentials['Reply Channel: Instagram'] = { facebookGraphApi: facebook };
	credentials['Telegram Trigger'] = { telegramApi: telegram };
	credentials['Reply Channel: Telegram'] = { telegramApi: telegram };
	credentials['Reply Channel: Window Closed'] = {
		smtp: await server.createCredential('smtp', 'Agents SMTP e2e', { host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true, user: smtp.user, password: smtp.password }),
	};
	const live = {
		...template,
		nodes: template.nodes.map((n) => ({
			...n,
			...(SWITCHED_OFF.includes(n.name) ? { disabled: true } : {}),
			...(credentials[n.name] ? { credentials: credentials[n.name] } : {}),
			// A live workflow replies now, which may be long after the customer wrote (a delayed or redelivered
			// webhook): the window is measured to n8n's clock, not to the message's own time (the replay default).
			...(n.name === 'Reply Channel' ? { parameters: { ...n.parameters, sendTime: '={{ $now.toISO() }}' } } : {}),
		})),
	};
	server.importWorkflowWithCli(live);
	const activated = await server.activateWorkflow(template.id);
	if (!activated.active) throw new Error(`the template did not activate: ${JSON.stringify(activated)}\n${server.logs.slice(-3000)}`);

	// Activation registered both webhooks with the (fake) services: their URLs are where Meta and Telegram would post.
	const subscription = await until('no WhatsApp webhook subscription', () => fake.whatsAppSubscriptions.find((s) => s.object === 'whatsapp_business_account'));
	const telegramHook = await until('no Telegram setWebhook', () => fake.telegramRegistration);
	const whatsAppUrl = subscription.callback_url;

	webhookAnswers.whatsappInside = await postSignedByMeta(whatsAppUrl, whatsAppBody(CUSTOMERS.whatsappInside, 'María López', 'wamid.E2E-INSIDE', 'Hola, ¿cuál es su horario el sábado?', secondsAgo(RECENT)));
	webhookAnswers.whatsappLate = await postSignedByMeta(whatsAppUrl, whatsAppBody(CUSTOMERS.whatsappLate, 'Pedro Ruiz', 'wamid.E2E-LATE', '¿Cuánto tarda el envío a Guadalajara?', secondsAgo(LATE)));
	webhookAnswers.whatsappStatus = await postSignedByMeta(whatsAppUrl, whatsAppStatusBody());
	webhookAnswers.whatsappUnsigned = await post(whatsAppUrl, whatsAppBody('5215500000000', 'Nobody', 'wamid.E2E-FORGED', 'forged', secondsAgo(RECENT)));
	webhookAnswers.messenger = await server.postWebhook(META_PATH, metaBody('messenger-text.json', secondsAgo(RECENT) * 1000));
	webhookAnswers.instagram = await server.postWebhook(META_PATH, metaBody('instagram-text.json', secondsAgo(RECENT) * 1000));
	webhookAnswers.messengerLate = await server.postWebhook(META_PATH, metaBody('messenger-text.json', messengerLateAtMs, MESSENGER_LATE));
	webhookAnswers.messengerDelivery = await server.postWebhook(META_PATH, fixture('messenger-delivery.json'));
	webhookAnswers.telegram = await post(telegramHook.url, telegramBody(secondsAgo(LATE)), { 'x-telegram-bot-api-secret-token': telegramHook.secret_token });
	// Every customer message above gets exactly one reply; wait for all of them.
	await until('not every customer got a reply', () => (Object.values(CUSTOMERS).every((c) => sentTo(c).length > 0) ? true : undefined));
	await smtp.waitForMessages(1, 120_000);
	// Let any stray extra reply (a status turned into a ticket, a double send) arrive before asserting.
	await new Promise((done) => setTimeout(done, 3000));
}, 600_000);

afterAll(async () => {
	await server?.stop();
	await fake?.stop();
	await smtp?.close();
});

test('activation registers the WhatsApp Cloud and Telegram webhooks with the services, at this n8n', () => {
	const [subscription] = fake.whatsAppSubscriptions;
	expect(subscription).toMatchObject({ object: 'whatsapp_business_account', fields: [{ name: 'messages' }], active: true });
	expect(subscription.callback_url.startsWith(`${server.baseUrl}/webhook/`)).toBe(true);
	expect(fake.telegramRegistration?.url.startsWith(`${server.baseUrl}/webhook/`)).toBe(true);
	expect(fake.telegramRegistration?.secret_token).toMatch(/^[\w-]+$/);
	for (const [name, answer] of Object.entries(webhookAnswers)) expect([name, answer.status]).toEqual([name, 200]);
});

test('WhatsApp Cloud inside the 24-hour window: free text from the business number to the customer', () => {
	const [reply, ...more] = sentTo(CUSTOMERS.whatsappInside);
	expect(more).toEqual([]);
	expect({ host: reply.host, path: reply.path, auth: reply.headers.authorization }).toEqual({
		host: 'graph.facebook.com',
		path: `/v21.0/${PHONE_NUMBER_ID}/messages`,
		auth: 'Bearer fake-whatsapp-token',
	});
	const body = reply.body as Json;
	expect(body).toMatchObject({ messaging_product: 'whatsapp', to: CUSTOMERS.whatsappInside, type: 'text' });
	expect(body.template).toBeUndefined();
	expect(String(body.text.body).trim().length).toBeGreaterThan(20);
});

test('WhatsApp Cloud after 24 hours: the approved template through n8n\'s WhatsApp node, the reply as its {{1}}', () => {
	const [reply, ...more] = sentTo(CUSTOMERS.whatsappLate);
	expect(more).toEqual([]);
	expect(reply.host).toBe('graph.facebook.com');
	expect(reply.path).toMatch(new RegExp(`^/v[\\d.]+/${PHONE_NUMBER_ID}/messages$`));
	const body = reply.body as Json;
	expect(body).toMatchObject({ messaging_product: 'whatsapp', to: CUSTOMERS.whatsappLate, type: 'template', template: { name: 'support_follow_up' } });
	expect(body.text).toBeUndefined();
	const [component] = body.template.components;
	expect(component.type).toBe('body');
	expect(String(component.parameters[0].text).trim().length).toBeGreaterThan(20);
});

test.each([
	['Messenger', CUSTOMERS.messenger],
	['Instagram', CUSTOMERS.instagram],
])('%s inside the window: a Send API RESPONSE to the sender, with the page token', (_channel, recipient) => {
	const [reply, ...more] = sentTo(recipient);
	expect(more).toEqual([]);
	expect({ host: reply.host, path: reply.path, token: reply.query.access_token }).toEqual({ host: 'graph.facebook.com', path: '/v21.0/me/messages', token: 'fake-page-token' });
	const body = reply.body as Json;
	expect(body).toMatchObject({ recipient: { id: recipient }, messaging_type: 'RESPONSE' });
	expect(body.tag).toBeUndefined();
	expect(String(body.message.text).trim().length).toBeGreaterThan(20);
});

test('Messenger a day later: no Send API call at all (not even tagged), the team is mailed the case and the unsent reply', async () => {
	// Meta refuses an automated message after 24 hours, and HUMAN_AGENT is for a person's answer only.
	expect(sentTo(MESSENGER_LATE)).toEqual([]);
	expect(fake.requests.filter((r) => JSON.stringify(r.body ?? '').includes(MESSENGER_LATE))).toEqual([]);
	expect(smtp.messages).toHaveLength(1);
	const [mail] = smtp.messages;
	expect(mail.to).toEqual(['agents@example.com']);
	const parsed = await simpleParser(mail.raw);
	const until = new Date(messengerLateAtMs + 7 * 24 * 3600 * 1000).toISOString();
	expect(parsed.subject).toBe(`Answer by ${until} on messenger: messenger-m_E2E-LATE-${MESSENGER_LATE}`);
	const text = String(parsed.text);
	expect(text).toContain(`wrote on messenger at ${new Date(messengerLateAtMs).toISOString()}:\nHi, can I return a jacket I bought last week?`);
	const unsent = /so this reply was not sent:\n(.+)\n/.exec(text)?.[1] ?? '';
	expect(unsent.trim().length).toBeGreaterThan(20);
	expect(text).toContain(`from the page inbox (Meta Business Suite) until ${until}.`);
});

test('Telegram: sendMessage in the customer\'s chat through the credential\'s base URL, even a day later (no window)', () => {
	const [reply, ...more] = sentTo(CUSTOMERS.telegram);
	expect(more).toEqual([]);
	expect(reply.path).toBe('/bot123456:FAKE-bot-token/sendMessage');
	expect(reply.host).toBe('127.0.0.1');
	expect(String((reply.body as Json).text).trim().length).toBeGreaterThan(20);
});

test('statuses, delivery receipts and an unsigned WhatsApp webhook send nothing: one reply per customer message, no more', () => {
	expect(sentTo('5215500000000')).toEqual([]);
	expect(fake.sent().length).toBe(Object.keys(CUSTOMERS).length);
	// No request to a Graph or Bot API path the fake does not know.
	expect(fake.requests.filter((r) => r.path.includes('undefined'))).toEqual([]);
});

test("Meta's verification handshake on the same path: the challenge for the right token, 403 for a wrong one", async () => {
	const verify = (token: string) => fetch(`${server.baseUrl}/webhook/${META_PATH}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`);
	const right = await verify('REPLACE_WITH_YOUR_VERIFY_TOKEN');
	expect([right.status, await right.text()]).toEqual([200, '1158201444']);
	const wrong = await verify('guessed');
	expect(wrong.status).toBe(403);
});
