#!/usr/bin/env node
'use strict';
/**
 * Writes the importable templates in workflows/*.json from one description per template, with the
 * knowledge bases in workflows/knowledge/ embedded inline so that an import works on any n8n.
 * Run after editing a knowledge base: node workflows/src/build-templates.js
 * (test/workflow/templates-in-sync.test.ts fails when a template is stale).
 */
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { createHash } = require('node:crypto');

const root = path.resolve(__dirname, '..');
const PKG = 'n8n-nodes-support247';
const kb = (name) => JSON.stringify(JSON.parse(readFileSync(path.join(root, 'knowledge', name), 'utf8')), null, 1);

/** Stable ids, so a re-import updates nodes instead of duplicating them. */
const id = (template, name) => {
	const h = createHash('sha256').update(`${template}/${name}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

class Template {
	constructor(slug, name) {
		this.slug = slug;
		this.name = name;
		this.nodes = [];
		this.connections = {};
	}

	node(name, type, typeVersion, position, parameters = {}, extra = {}) {
		this.nodes.push({ parameters, id: id(this.slug, name), name, type, typeVersion, position, ...extra });
		return name;
	}

	note(name, position, size, content, color = 7) {
		return this.node(name, 'n8n-nodes-base.stickyNote', 1, position, { content, height: size[1], width: size[0], color });
	}

	connect(from, to, output = 0) {
		const main = (this.connections[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output].push({ node: to, type: 'main', index: 0 });
	}

	toJSON() {
		return {
			// `n8n import:workflow --input=<file>` (2.x) fails with "NOT NULL constraint failed: workflow_entity.id"
			// on a workflow without an id; a stable one also makes a re-import update the same workflow.
			id: createHash('sha256').update(`workflow/${this.slug}`).digest('hex').slice(0, 16),
			name: this.name,
			nodes: this.nodes,
			connections: this.connections,
			active: false,
			settings: { executionOrder: 'v1', timezone: 'America/Mexico_City', saveManualExecutions: true },
			pinData: {},
			meta: { templateCredsSetupCompleted: false, template: `${PKG}/${this.slug}` },
			tags: [],
		};
	}
}

const STORE_HOURS = {
	timeZone: 'America/Mexico_City',
	hours_monday: '09:00-18:00',
	hours_tuesday: '09:00-18:00',
	hours_wednesday: '09:00-18:00',
	hours_thursday: '09:00-18:00',
	hours_friday: '09:00-18:00',
	hours_saturday: '10:00-14:00',
	hours_sunday: '',
	calendarOptions: { holidayCountry: 'MX' },
};

const CLINIC_HOURS = {
	timeZone: 'America/Mexico_City',
	hours_monday: '09:00-19:00',
	hours_tuesday: '09:00-19:00',
	hours_wednesday: '09:00-19:00',
	hours_thursday: '09:00-19:00',
	hours_friday: '09:00-19:00',
	hours_saturday: '09:00-14:00',
	hours_sunday: '',
	calendarOptions: { holidayCountry: 'MX' },
};

const whatsappCreds = { whatsAppSessionApi: { id: '', name: 'WhatsApp session' } };
const imapCreds = { supportImapApi: { id: '', name: 'Support inbox (IMAP)' } };
const smtpCreds = { supportSmtpApi: { id: '', name: 'Support inbox (SMTP)' } };
const agentSmtpCreds = { smtp: { id: '', name: 'SMTP account' } };
const whatsAppCloudTriggerCreds = { whatsAppTriggerApi: { id: '', name: 'WhatsApp OAuth account' } };
const whatsAppCloudCreds = { whatsAppApi: { id: '', name: 'WhatsApp account' } };
const facebookCreds = { facebookGraphApi: { id: '', name: 'Facebook Graph account' } };
const telegramCreds = { telegramApi: { id: '', name: 'Telegram account' } };
const GRAPH = 'https://graph.facebook.com/v21.0';
const META_VERIFY_TOKEN = 'REPLACE_WITH_YOUR_VERIFY_TOKEN';

// Outside systems are placeholders: a failing call must not stop the customer's reply.
const tolerant = { onError: 'continueRegularOutput' };

function triggers(t, { whatsapp = true, email = true, webchat = true } = {}) {
	const entries = [];
	if (whatsapp) entries.push(t.node('WhatsApp Trigger', `${PKG}.supportWhatsAppTrigger`, 1, [0, 0], {}, { credentials: whatsappCreds }));
	if (email) entries.push(t.node('Support Inbox Trigger', `${PKG}.supportInboxTrigger`, 1, [0, 200], {}, { credentials: imapCreds }));
	if (webchat) {
		entries.push(
			t.node('Web Chat Webhook', 'n8n-nodes-base.webhook', 2, [0, 400], {
				httpMethod: 'POST',
				path: 'support247/chat',
				responseMode: 'responseNode',
				options: {},
			}, { webhookId: id(t.slug, 'webhook') }),
		);
	}
	return entries;
}

/**
 * The channels a business already has, through n8n's own nodes: the official WhatsApp Cloud API,
 * Messenger and Instagram through Meta's webhook (with its GET verification handshake), and Telegram.
 */
function officialTriggers(t, { whatsappCloud = true, meta = true, telegram = true, y = 600 } = {}) {
	const entries = [];
	if (whatsappCloud) {
		entries.push(t.node('WhatsApp Cloud Trigger', 'n8n-nodes-base.whatsAppTrigger', 1, [0, y], { updates: ['messages'], options: {} }, {
			credentials: whatsAppCloudTriggerCreds,
			webhookId: id(t.slug, 'whatsapp-cloud-webhook'),
		}));
	}
	if (meta) {
		entries.push(metaWebhook(t, y + 200));
		const verify = t.node('Meta Verification', 'n8n-nodes-base.webhook', 2, [0, y + 400], {
			path: 'support247/meta',
			responseMode: 'responseNode',
			options: {},
		}, { webhookId: id(t.slug, 'meta-verification') });
		const ok = `$json.query['hub.mode'] === 'subscribe' && $json.query['hub.verify_token'] === '${META_VERIFY_TOKEN}'`;
		t.connect(verify, t.node('Answer Meta Verification', 'n8n-nodes-base.respondToWebhook', 1.1, [260, y + 400], {
			respondWith: 'text',
			responseBody: `={{ ${ok} ? $json.query['hub.challenge'] : 'forbidden' }}`,
			options: { responseCode: `={{ ${ok} ? 200 : 403 }}` },
		}));
	}
	if (telegram) {
		entries.push(t.node('Telegram Trigger', 'n8n-nodes-base.telegramTrigger', 1.2, [0, y + 600], { updates: ['message', 'callback_query'], additionalFields: {} }, {
			credentials: telegramCreds,
			webhookId: id(t.slug, 'telegram-webhook'),
		}));
	}
	return entries;
}

/**
 * Meta's POST webhook. It answers through its own Respond to Webhook node: n8n refuses to run a Webhook node
 * in "respond at once" mode when a Respond to Webhook node (here the web chat reply) is downstream of it,
 * and Meta wants a quick 200 anyway, before the reply is written.
 */
function metaWebhook(t, y) {
	const webhook = t.node('Messenger & Instagram Webhook', 'n8n-nodes-base.webhook', 2, [0, y], {
		httpMethod: 'POST',
		path: 'support247/meta',
		responseMode: 'responseNode',
		options: {},
	}, { webhookId: id(t.slug, 'meta-webhook') });
	t.connect(webhook, t.node('Acknowledge Meta', 'n8n-nodes-base.respondToWebhook', 1.1, [260, y - 100], {
		respondWith: 'text',
		responseBody: 'EVENT_RECEIVED',
		options: {},
	}));
	return webhook;
}

/**
 * Delivery and read receipts (WhatsApp statuses, Messenger and Instagram deliveries and reads) belong to the
 * customer's conversation, not to the ticket pipeline: a Channel Router's Status output feeds the
 * Conversation Store's Record Status. Customer messages leave by its other outputs, left unconnected,
 * because the same entries already take them to the greeter.
 */
function deliveryStatuses(t, entries, [x, y]) {
	const route = t.node('Delivery Status Route', `${PKG}.supportChannelRouter`, 2, [x, y]);
	for (const entry of entries) t.connect(entry, route);
	// Level with the router's Status handle, near the foot of its tall node, clear of the other outputs' labels.
	t.connect(route, t.node('Record Delivery Status', `${PKG}.conversationStore`, 1, [x + 260, y + 300], { operation: 'recordStatus' }), 9);
}

/** A Graph API call that sends the body the Support Channel Router built in `outbound`. */
/** n8n's WhatsApp node sending the approved template named by the router, the message as its {{1}}. */
function whatsAppTemplateSend(t, name, position, extra = {}) {
	return t.node(name, 'n8n-nodes-base.whatsApp', 1.1, position, {
		resource: 'message',
		operation: 'sendTemplate',
		phoneNumberId: '={{ $json.outbound.from }}',
		recipientPhoneNumber: '={{ $json.outbound.to }}',
		template: '={{ $json.outbound.template.name }}|{{ $json.outbound.template.language }}',
		components: { component: [{ type: 'body', bodyParameters: { parameter: [{ type: 'text', text: '={{ $json.outbound.text }}' }] } }] },
	}, { credentials: whatsAppCloudCreds, ...extra });
}

/** n8n's Telegram node sending the router's text to the customer's chat; `markup` adds a keyboard. */
function telegramSend(t, name, position, markup = {}, extra = {}) {
	return t.node(name, 'n8n-nodes-base.telegram', 1.2, position, {
		resource: 'message',
		operation: 'sendMessage',
		chatId: '={{ $json.outbound.to }}',
		text: '={{ $json.outbound.text }}',
		...markup,
		additionalFields: { appendAttribution: false },
	}, { credentials: telegramCreds, ...extra });
}

function graphSend(t, name, position, url, credentials, extra = {}) {
	const [[type]] = Object.entries(credentials);
	return t.node(name, 'n8n-nodes-base.httpRequest', 4.2, position, {
		method: 'POST',
		url,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: type,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify($json.outbound.body) }}',
		options: {},
	}, { credentials, ...extra });
}

/** Vertical distance between reply nodes: a two-line name and a subtitle fit between them. */
const REPLY_ROW = 160;

/**
 * Messenger and Instagram refuse the AI's reply after 24 hours and any reply after 7 days: the router's
 * Window Closed output sends nothing to the customer and mails the team the case and the unsent reply, so a
 * person answers it (the mailed form's answer goes out with the HUMAN_AGENT tag).
 */
function metaWindowClosed(t, name, position) {
	const late = "$json.outbound.closed.reason === 'past_human_agent_window'";
	return t.node(name, 'n8n-nodes-base.emailSend', 2.1, position, {
		fromEmail: 'support-bot@example.com',
		toEmail: 'agents@example.com',
		subject: `={{ ${late} ? 'Too late to answer' : 'Answer by ' + $json.outbound.window.humanAgentUntil }} on {{ $json.channel }}: {{ $json.ticketId }}`,
		emailFormat: 'text',
		text: [
			'={{ $json.customer.name || $json.outbound.to }} wrote on {{ $json.channel }} at {{ $json.outbound.window.lastCustomerMessageAt }}:',
			'{{ $json.message.text }}',
			'',
			'Meta allows no automatic message more than 24 hours after the customer\u2019s last one, so this reply was not sent:',
			'{{ $json.outbound.text }}',
			'',
			`{{ ${late} ? 'A week has passed: Meta allows no message at all until the customer writes again.' : 'A person can still answer from the page inbox (Meta Business Suite) until ' + $json.outbound.window.humanAgentUntil + '.' }}`,
		].join('\n'),
		options: {},
	}, { credentials: agentSmtpCreds, ...tolerant });
}

/** Replies on the official routes, fed by a version 2 Support Channel Router's outputs 4-8 (and 10, Window Closed). */
function officialReplies(t, channel, x, y, name, { meta = true, telegram = true } = {}) {
	const at = (row) => [x, y + row * REPLY_ROW];
	t.connect(channel, graphSend(t, `${name}: WhatsApp Cloud`, at(0), `=${GRAPH}/{{ $json.outbound.from }}/messages`, whatsAppCloudCreds), 4);
	t.connect(channel, whatsAppTemplateSend(t, `${name}: WhatsApp Template`, at(1)), 5);
	if (meta) {
		t.connect(channel, graphSend(t, `${name}: Messenger`, at(2), `${GRAPH}/me/messages`, facebookCreds), 6);
		t.connect(channel, graphSend(t, `${name}: Instagram`, at(3), `${GRAPH}/me/messages`, facebookCreds), 7);
		t.connect(channel, metaWindowClosed(t, `${name}: Window Closed`, at(5)), 10);
	}
	if (telegram) {
		t.connect(channel, telegramSend(t, `${name}: Telegram`, at(4)), 8);
	}
}

function aiPipeline(t, { kbFile, hours, business, x = 260, actionIntents, prefix = '' }) {
	const knowledge = kb(kbFile);
	const greeter = t.node(`${prefix}Off-Hours Greeter`, `${PKG}.offHoursGreeter`, 1, [x, 200], { ...hours, businessName: business });
	const triage = t.node(`${prefix}Support Triage`, `${PKG}.supportTriage`, 1, [x + 240, 200], { knowledgeSource: 'inline', knowledgeJson: knowledge });
	const lookup = t.node(`${prefix}Knowledge Lookup`, `${PKG}.knowledgeLookup`, 1, [x + 480, 200], { knowledgeSource: 'inline', knowledgeJson: knowledge, threshold: 0.5, options: { routineThreshold: 0.35, routineMaxHumanScore: 0.2 } });
	const router = t.node(`${prefix}Escalation Router`, `${PKG}.escalationRouter`, 1, [x + 720, 200], actionIntents ? { actionIntents } : {});
	t.connect(greeter, triage, 0);
	t.connect(greeter, triage, 1);
	t.connect(triage, lookup);
	t.connect(lookup, router, 0);
	t.connect(lookup, router, 1);
	return { greeter, triage, lookup, router };
}

function replyByChannel(t, x, y, { whatsapp = true, email = true, webchat = true, official = false, name = 'Reply Channel' } = {}) {
	// A person's answer from the mailed form may come days later: on Messenger and Instagram it then needs the HUMAN_AGENT tag.
	const channel = t.node(name, `${PKG}.supportChannelRouter`, official ? 2 : 1, [x, y], official ? { options: { metaHumanAgentTag: true } } : {});
	const row = (n) => [x + 260, y - 160 + n * REPLY_ROW];
	if (official) officialReplies(t, channel, x + 260, y - 160 + 4 * REPLY_ROW, name);
	if (whatsapp) t.connect(channel, t.node(`${name}: WhatsApp`, `${PKG}.supportWhatsAppSend`, 1, row(0), {}, { credentials: whatsappCreds }), 0);
	if (email) t.connect(channel, t.node(`${name}: Email`, `${PKG}.supportEmailReply`, 1, row(1), {}, { credentials: smtpCreds }), 1);
	if (webchat) {
		t.connect(
			channel,
			t.node(`${name}: Web Chat`, 'n8n-nodes-base.respondToWebhook', 1.1, row(2), {
				respondWith: 'json',
				// What a chat widget needs, plus what a live replay (support-sim --target) scores; the handoff stays internal.
				responseBody:
					'={{ { ticketId: $json.ticketId, tier: $json.route?.tier, reasons: $json.route?.reasons, reply: $json.reply, hours: { open: $json.hours?.open, nextOpenAt: $json.hours?.nextOpenAt }, knowledge: { answered: $json.knowledge?.answered ?? false, score: $json.knowledge?.score, sources: $json.knowledge?.sources ?? [] }, triage: { intent: $json.triage?.intent, language: $json.triage?.language, confidence: $json.triage?.confidence }, sla: { firstResponseDueAt: $json.sla?.firstResponseDueAt, resolutionDueAt: $json.sla?.resolutionDueAt } } }}',
				options: {},
			}),
			2,
		);
	}
	t.connect(channel, t.node(`${name}: Other`, 'n8n-nodes-base.noOp', 1, row(3)), 3);
	return channel;
}

/** Every SLA state (ok, at risk, breached) leads on to people: no ticket stops at the timer. */
function slaOutputs(t, sla, targets) {
	for (const output of [0, 1, 2]) for (const target of targets) t.connect(sla, target, output);
}

/** L2: the AI with system access asks the shop's API, then replies. */
function orderSystem(t, router, reply) {
	const orders = t.node('Order System (L2)', 'n8n-nodes-base.httpRequest', 4.2, [1240, 40], {
		method: 'POST',
		url: 'https://shop.example.com/api/support/lookup',
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify({ ticketId: $json.ticketId, intent: $json.triage.intent, text: $json.message.text, customer: $json.customer }) }}',
		options: {},
	}, tolerant);
	t.connect(router, orders, 1);
	t.connect(orders, reply);
}

function humanHandoff(t, router, x, y, { agents = 'agents@example.com', supervisor = 'supervisor@example.com', queueUrl = 'https://helpdesk.example.com/api/tickets', reply }) {
	const sla = t.node('SLA Timer', `${PKG}.slaTimer`, 1, [x, y], { mode: 'annotate', ...STORE_HOURS });
	t.connect(router, sla, 2);
	t.connect(router, sla, 3);
	const queue = t.node('Human Queue', 'n8n-nodes-base.httpRequest', 4.2, [x + 260, y - 120], {
		method: 'POST',
		url: queueUrl,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify({ ticketId: $json.ticketId, tier: $json.route.tier, queue: $json.route.handoff.queue, summary: $json.route.handoff.summary, sla: $json.sla, customer: $json.customer, message: $json.message }) }}',
		options: {},
	}, tolerant);
	const notify = t.node('Notify Agents', 'n8n-nodes-base.emailSend', 2.1, [x + 260, y + 40], {
		fromEmail: 'support-bot@example.com',
		toEmail: agents,
		subject: '=[{{ $json.route.tier }}] {{ $json.ticketId }}: {{ $json.triage.intent }}',
		emailFormat: 'text',
		text: '={{ $json.route.handoff.summary }}\n\nFirst response due: {{ $json.sla.firstResponseDueAt }}',
		options: {},
	}, { credentials: agentSmtpCreds, ...tolerant });
	slaOutputs(t, sla, [queue, notify, reply]);
	const page = t.node('Page Supervisor (L4)', 'n8n-nodes-base.emailSend', 2.1, [x + 260, y + 200], {
		fromEmail: 'support-bot@example.com',
		toEmail: supervisor,
		subject: '=URGENT [L4] {{ $json.ticketId }}: {{ $json.route.reasons.join(", ") }}',
		emailFormat: 'text',
		text: '={{ $json.route.handoff.summary }}',
		options: {},
	}, { credentials: agentSmtpCreds, ...tolerant });
	t.connect(router, page, 3);
}

// --- Conversations (issue #22): kept apart from the channel functions above, so both can change freely. ---

/** Moves every node at or right of `fromX` (sticky notes too) right by `dx`, making room for a new column. */
function shiftRight(t, fromX, dx) {
	for (const node of t.nodes) if (node.position[0] >= fromX) node.position = [node.position[0] + dx, node.position[1]];
}

/** Every connection into `target` now goes into `via`, and `via` goes on to `target`. */
function routeThrough(t, target, via) {
	for (const [from, { main }] of Object.entries(t.connections)) {
		if (from === via) continue;
		for (const output of main) for (const link of output) if (link.node === target) link.node = via;
	}
	t.connect(via, target);
}

const COLUMN = 240;

/**
 * The Conversation Store around a template's pipeline: Load before the greeter (so the greeter greets
 * once and the router counts earlier AI turns and sees a takeover), a person takes the conversation
 * over when it is handed to them (the router then keeps the AI silent on it until release or an idle
 * hour), and Append stores every turn just before the reply goes out. The store uses its default
 * SQLite file in n8n's user folder; the simulator replays it in memory.
 */
function withConversations(t, { greeter, reply, sla }) {
	const pos = (name) => t.nodes.find((node) => node.name === name).position;
	const [greeterX, greeterY] = pos(greeter);
	shiftRight(t, greeterX, COLUMN);
	const load = t.node('Load Conversation', `${PKG}.conversationStore`, 1, [greeterX, greeterY], { operation: 'load', options: {} }, tolerant);
	routeThrough(t, greeter, load);

	const [replyX, replyY] = pos(reply);
	shiftRight(t, replyX, COLUMN);
	const save = t.node('Save Turn', `${PKG}.conversationStore`, 1, [replyX, replyY], { operation: 'append', options: {} }, tolerant);
	routeThrough(t, reply, save);

	const [slaX, slaY] = pos(sla);
	const takeOver = t.node('Hand To Person', `${PKG}.conversationStore`, 1, [slaX - COLUMN, slaY + 160], {
		operation: 'takeOver',
		// A message while the person's reply form is still unanswered only tells them (see humanReplies).
		askOnce: true,
		options: {},
	}, tolerant);
	routeThrough(t, sla, takeOver);
}

// --- Bursts (issue #22): several web chat messages in a few seconds become one turn. ---

/**
 * *Collect Burst* (Conversation Store) right after the web chat webhook: each POST records its message
 * under the widget's `sessionId` and waits the quiet time; only the request holding the burst's last
 * message goes on, with every message joined, and Knowledge Lookup answers each of them in one reply.
 * The others answer their request at once from *Joined Into A Later Message*. A request may only shorten
 * the wait with `quietTime` in its body (the simulator's live replay sends 0). Nodes right of the webhook
 * above `bottom` (the template's lower groups) move one column right to make room.
 */
function withBursts(t, { webhook = 'Web Chat Webhook', bottom }) {
	const nodeOf = (name) => t.nodes.find((node) => node.name === name);
	const [x, y] = nodeOf(webhook).position;
	for (const node of t.nodes) if (node.position[0] > x && node.position[1] < bottom) node.position = [node.position[0] + COLUMN, node.position[1]];
	const collect = t.node('Collect Burst', `${PKG}.conversationStore`, 1, [x + 260, y], {
		operation: 'collectBurst',
		quietTimeSeconds: 4,
		quietTimeFromBody: true,
		options: {},
	}, tolerant);
	const targets = t.connections[webhook].main[0];
	t.connections[webhook].main[0] = [{ node: collect, type: 'main', index: 0 }];
	t.connections[collect] = { main: [targets, []] };
	t.connect(collect, t.node('Joined Into A Later Message', 'n8n-nodes-base.respondToWebhook', 1.1, [x + 260, y + 180], {
		respondWith: 'json',
		// The widget shows nothing for this message: the reply to the burst's last one answers it too.
		responseBody: '={{ { ticketId: $json.ticketId, joined: true, joinedInto: $json.burst?.joinedInto ?? null, reply: null } }}',
		options: {},
	}), 1);
}

// --- A person answers from their mail (issue #22): n8n's own Send and Wait for Response. ---

/** The choices of the form's "Then" field; the Conversation Store's Person's Reply reads them (keep / resolve / hand back). */
const PERSON_ACTIONS = ['Reply and keep the conversation', 'Reply and mark it resolved', 'Reply and hand it back to the bot'];

/** Send and Wait for Response (Send Email 2.1, custom form): the answer comes back as `data.Reply`, `data.Then`, `data['Your name']`, `data.respondedAt`. */
function replyFormParameters({ fromEmail, toEmail, subject }) {
	return {
		operation: 'sendAndWait',
		fromEmail,
		toEmail,
		subject,
		message: [
			'={{ $json.route.handoff.summary }}',
			'',
			'Customer ({{ $json.channel }}): {{ $json.message.text }}',
			'First response due: {{ $json.sla.firstResponseDueAt }}',
			'',
			'Press the button to answer: your reply goes to the customer on their channel, is stored in the conversation and is suggested for the knowledge base.',
		].join('\n'),
		responseType: 'customForm',
		defineForm: 'fields',
		formFields: {
			values: [
				{ fieldLabel: 'Reply', fieldType: 'textarea', placeholder: 'Your answer to the customer', requiredField: true },
				{ fieldLabel: 'Then', fieldType: 'dropdown', fieldOptions: { values: PERSON_ACTIONS.map((option) => ({ option })) }, requiredField: true },
				{ fieldLabel: 'Your name', fieldType: 'text', placeholder: 'Ana' },
			],
		},
		options: {
			messageButtonLabel: 'Reply to the customer',
			responseFormTitle: '=Reply to {{ $json.customer.name || "the customer" }}',
			responseFormButtonLabel: 'Send to the customer',
			appendAttribution: false,
			// Past a week the link expires: the ticket stays in the queue, nothing is sent.
			limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 7, resumeUnit: 'days' } },
		},
	};
}

/**
 * L3 and L4: the people's email carries a form (n8n's Send and Wait for Response); what a person writes
 * goes back on the customer's channel through `reply`, and *Person's Reply* (Conversation Store) stores it
 * as an agent turn, saves it as a suggested knowledge entry, and keeps, resolves or releases the
 * conversation. The wait pauses the whole execution, so the form is the last thing it runs: `page`
 * (the L4 page) must sit above `handTo` on the canvas, as n8n's v1 order runs the upper branch first.
 * `notify` (an existing Send Email node) becomes the form; without one, `ask` is added from the SLA Timer.
 */
function humanReplies(t, { reply, sla = 'SLA Timer', handTo = 'Hand To Person', notify, page, ask = 'Ask a Person to Reply', to, person = '' }) {
	const nodeOf = (name) => t.nodes.find((node) => node.name === name);
	let askNode = notify && nodeOf(notify);
	if (askNode) {
		const { fromEmail, toEmail, subject } = askNode.parameters;
		askNode.parameters = replyFormParameters({ fromEmail, toEmail, subject });
	} else {
		const [x, y] = nodeOf(page ?? sla).position;
		t.node(ask, 'n8n-nodes-base.emailSend', 2.1, [x, y + 160], replyFormParameters({ fromEmail: 'support-bot@example.com', toEmail: to, subject: '=[{{ $json.route.tier }}] {{ $json.ticketId }}: {{ $json.triage.intent }}' }), { credentials: agentSmtpCreds, ...tolerant });
		slaOutputs(t, sla, [ask]);
		askNode = nodeOf(ask);
	}
	const pageNode = page && nodeOf(page);
	if (pageNode) {
		if (pageNode.position[1] > askNode.position[1]) [pageNode.position, askNode.position] = [askNode.position, pageNode.position];
		const handY = nodeOf(handTo).position[1];
		if (pageNode.position[1] >= handY) pageNode.position = [pageNode.position[0], handY - 40];
	}
	tellThePerson(t, { handTo, sla, from: askNode.parameters.fromEmail, to: askNode.parameters.toEmail, credentials: askNode.credentials });
	const [askX, askY] = askNode.position;
	const answer = t.node("Person's Reply", `${PKG}.conversationStore`, 1, [askX, askY + 160], {
		operation: 'personReply',
		// The form's answer replaces the item; the ticket is read back from before the wait.
		handoffTicket: `={{ $('${sla}').item.json }}`,
		personAnswer: '={{ $json.data?.Reply }}',
		personAction: '={{ $json.data?.Then }}',
		personName: `={{ $json.data?.['Your name'] || ${JSON.stringify(person)} }}`,
		respondedAt: '={{ $json.data?.respondedAt }}',
		options: {},
	});
	// Not tolerant: an answer it cannot place (no ticket, an unknown choice) fails the execution visibly
	// rather than sending the form's fields to the channel router; a database that is away only delays the turn.
	t.connect(askNode.name, answer);
	t.connect(answer, reply);
	const [handX] = nodeOf(handTo).position;
	t.note('A Person Replies', [handX - 40, askY + 100], [Math.max(420, askX - handX - 40), 300], [
		'## A person replies from their mail',
		`*${askNode.name}* emails the ticket with a **Reply to the customer** button (n8n's Send and Wait for Response). The form's answer goes to the customer on their channel through *${reply}*.`,
		"*Person's Reply* stores it in the conversation as the person's turn and as a **suggested knowledge entry** to review, then keeps the conversation with the person, marks it resolved, or hands it back to the bot, as chosen in **Then**.",
		'The wait pauses this execution until the answer (at most 7 days), so keep the form the lowest branch.',
	].join('\n'), 6);
}

/**
 * A message that comes while the person still has the conversation's unanswered reply form (Hand To
 * Person's Already Asked output) is mailed to them as a plain note, with no second form and no second
 * waiting execution: their answer in the first form answers the whole conversation. The turn is still
 * stored and the channel still answered (a web chat request waits for its response), through Save Turn.
 */
function tellThePerson(t, { handTo, sla, from, to, credentials }) {
	const nodeOf = (name) => t.nodes.find((node) => node.name === name);
	const [slaX] = nodeOf(sla).position;
	const [, handY] = nodeOf(handTo).position;
	const tell = t.node('Tell the Person', 'n8n-nodes-base.emailSend', 2.1, [slaX, handY], {
		fromEmail: from,
		toEmail: to,
		subject: '=[{{ $json.route.tier }}] {{ $json.ticketId }}: the customer wrote again',
		emailFormat: 'text',
		text: [
			'=The customer wrote again ({{ $json.channel }}): {{ $json.message.text }}',
			'',
			'Answer in the form of the first mail about this conversation: your reply covers this message too.',
		].join('\n'),
		options: { appendAttribution: false },
	}, { credentials, ...tolerant });
	t.connect(handTo, tell, 1);
	t.connect(handTo, 'Save Turn', 1);
}

/**
 * A web chat reply is the webhook's response, which is long gone when a person answers through the form:
 * the widget polls GET `support247/chat/updates?sessionId=…&after=…` for the person's answers.
 */
function webChatUpdates(t, [x, y]) {
	const hook = t.node('Web Chat Updates Webhook', 'n8n-nodes-base.webhook', 2, [x, y], {
		httpMethod: 'GET',
		path: 'support247/chat/updates',
		responseMode: 'responseNode',
		options: {},
	}, { webhookId: id(t.slug, 'webchat-updates') });
	const read = t.node("Person's Web Chat Replies", `${PKG}.conversationStore`, 1, [x + 260, y], { operation: 'webChatUpdates', options: {} });
	const respond = t.node('Answer the Widget', 'n8n-nodes-base.respondToWebhook', 1.1, [x + 520, y], {
		respondWith: 'json',
		responseBody: '={{ { replies: $json.updates.replies, withPerson: $json.updates.withPerson, checkedAt: $json.updates.checkedAt } }}',
		options: { responseHeaders: { entries: [{ name: 'Cache-Control', value: 'no-store' }] } },
	});
	t.connect(hook, read);
	t.connect(read, respond);
	t.note('Web Chat Updates', [x - 40, y - 100], [820, 260], [
		'## Web chat: a person\u2019s answers',
		'The widget polls `GET support247/chat/updates?sessionId=…&after=…` with the session it posts its messages with, and shows `replies` (a person\u2019s answers from the mailed form, after `after`).',
	].join('\n'), 7);
}

function supportTiered() {
	const t = new Template('support-247-tiered', '24/7 Support: tiered AI + humans (WhatsApp, email, web chat)');
	const entries = [...triggers(t), ...officialTriggers(t)];
	const { greeter, router } = aiPipeline(t, { kbFile: 'store-kb.json', hours: STORE_HOURS, business: 'Aurora Store' });
	for (const entry of entries) t.connect(entry, greeter);
	// A version 2 router is a tall node (a handle per output): right of Meta's answers, left of the hand-off.
	deliveryStatuses(t, ['WhatsApp Cloud Trigger', 'Messenger & Instagram Webhook'], [500, 780]);
	const reply = replyByChannel(t, 1500, 40, { official: true });
	t.connect(router, reply, 0);
	orderSystem(t, router, reply);
	// Below the version 2 Reply Channel, which is a tall node.
	humanHandoff(t, router, 1240, 680, { reply });
	withConversations(t, { greeter, reply, sla: 'SLA Timer' });
	humanReplies(t, { reply, notify: 'Notify Agents', page: 'Page Supervisor (L4)' });
	webChatUpdates(t, [0, 1520]);
	withCsat(t, { greeter, reply, y: 1880, official: true });
	withBursts(t, { bottom: 1400 });
	t.note('Setup', [-420, -360], [380, 520], [
		'## 24/7 tiered support',
		'**Fill in credentials**',
		'- *WhatsApp Trigger* and *Reply Channel: WhatsApp*: a **WhatsApp session** (scan the QR on first run).',
		'- *Support Inbox Trigger*: **Support IMAP**; *Reply Channel: Email*: **Support SMTP**.',
		'- *Notify Agents*, *Tell the Person* and *Page Supervisor*: an **SMTP** account for internal mail.',
		'',
		'**Customise**',
		'- Business hours, time zone and holidays in *Off-Hours Greeter* and *SLA Timer*.',
		'- The knowledge base (inline JSON) in *Support Triage* and *Knowledge Lookup*: keep both the same.',
		'- *Human Queue* and *Order System* URLs: your helpdesk and shop APIs.',
		'- Agent and supervisor addresses in the two email nodes.',
		'',
		'Web chat: POST `{ "text", "sessionId", "customer": { "name" } }` to the webhook path `support247/chat`. Messages of one session less than 4 s apart are answered as one (*Collect Burst*, Quiet Time).',
	].join('\n'), 4);
	t.note('Channels', [-420, 620], [380, 560], [
		'## Pick your channels',
		'Keep the entries you use and **delete the others** (an entry without credentials stops activation).',
		'- **WhatsApp**: *WhatsApp Trigger* (Baileys, a linked phone) or *WhatsApp Cloud Trigger* (the official API, a WhatsApp OAuth account; replies need a **WhatsApp account** credential). See workflows/README.md to choose.',
		'- Outside the 24-hour window the reply goes out as the approved template named in *Reply Channel* (default `support_follow_up`, body `{{1}}`).',
		`- **Messenger / Instagram**: point the Meta app webhook at the path \`support247/meta\` with your verify token (replace \`${META_VERIFY_TOKEN}\` in *Answer Meta Verification*); replies use a **Facebook Graph** credential with the page token. After 24 hours Meta refuses an AI reply: *Reply Channel: Window Closed* mails it to the team instead; a person\u2019s answer goes out with the HUMAN_AGENT tag for 7 days (needs Meta\u2019s Human Agent permission).`,
		'- **Telegram**: a bot token in a **Telegram** credential.',
	].join('\n'), 6);
	t.note('Tiers', [1180, -360], [560, 200], [
		'## Tiers',
		'**L1** AI answers from the knowledge base · **L2** AI with system access (order status, returns, bookings, quotes) · **L3** specialist · **L4** supervisor / on call.',
		'Every L3/L4 ticket gets a holding reply, an SLA deadline, a queue entry and an email to people: nobody is left without a way to a person.',
	].join('\n'), 5);
	return t;
}

function afterHoursOnly() {
	const t = new Template('after-hours-only', 'After hours only: AI covers nights, weekends and holidays');
	const entries = triggers(t);
	const { greeter, router } = aiPipeline(t, { kbFile: 'store-kb.json', hours: STORE_HOURS, business: 'Aurora Store' });
	for (const entry of entries) t.connect(entry, greeter);
	// During business hours the AI steps aside: triage still spots emergencies, everything else goes to people.
	const dayTriage = t.node('Business Hours Triage', `${PKG}.supportTriage`, 1, [500, 520], { knowledgeSource: 'none' });
	const dayRouter = t.node('Business Hours Router', `${PKG}.escalationRouter`, 1, [740, 520], { rules: { knowledgeAnswer: false, actionIntent: false } });
	t.connections[greeter].main[0] = [{ node: dayTriage, type: 'main', index: 0 }];
	t.connect(dayTriage, dayRouter);
	const reply = replyByChannel(t, 1500, 40);
	t.connect(router, reply, 0);
	t.connect(router, reply, 1);
	humanHandoff(t, router, 1240, 560, { reply });
	for (const output of [0, 1, 2, 3]) t.connect(dayRouter, 'SLA Timer', output);
	withConversations(t, { greeter, reply, sla: 'SLA Timer' });
	humanReplies(t, { reply, notify: 'Notify Agents', page: 'Page Supervisor (L4)' });
	webChatUpdates(t, [0, 1000]);
	withBursts(t, { bottom: 900 });
	t.note('Setup', [-420, -360], [380, 460], [
		'## After hours only',
		'Go live on extended hours first: the AI answers only when the *Off-Hours Greeter* says the business is **closed**. In business hours every ticket goes straight to people (emergencies still reach a supervisor).',
		'',
		'**Fill in credentials**: WhatsApp session, Support IMAP and SMTP, and an SMTP account for internal mail.',
		'**Customise**: hours, time zone and holidays in *Off-Hours Greeter*; the knowledge base in *Support Triage* and *Knowledge Lookup*; the helpdesk URL in *Human Queue*.',
	].join('\n'), 4);
	return t;
}

function dentalClinic() {
	const t = new Template('dental-clinic-whatsapp', 'Dental clinic on WhatsApp: bookings, reminders, emergencies');
	const entries = [...triggers(t, { email: false, webchat: false }), ...officialTriggers(t, { meta: false, telegram: false, y: 200 })];
	const { greeter, router } = aiPipeline(t, {
		kbFile: 'clinic-kb.json',
		hours: CLINIC_HOURS,
		business: 'Clínica Dental Sonrisa',
		actionIntents: 'book_appointment, reschedule_appointment, cancel_appointment',
	});
	for (const entry of entries) t.connect(entry, greeter);
	deliveryStatuses(t, ['WhatsApp Cloud Trigger'], [260, 380]);
	// Baileys or the official Cloud API: the reply goes back the way the patient wrote.
	const send = t.node('WhatsApp Route', `${PKG}.supportChannelRouter`, 2, [1760, 40], { whatsappTemplateName: 'clinic_follow_up' });
	t.connect(send, t.node('WhatsApp Reply', `${PKG}.supportWhatsAppSend`, 1, [2020, -120], {}, { credentials: whatsappCreds }), 0);
	t.connect(send, t.node('WhatsApp Route: Other', 'n8n-nodes-base.noOp', 1, [2020, 20]), 3);
	officialReplies(t, send, 2020, 160, 'WhatsApp Route', { meta: false, telegram: false });
	t.connect(router, send, 0);
	const booking = t.node('Booking System (L2)', 'n8n-nodes-base.httpRequest', 4.2, [1240, 40], {
		method: 'POST',
		url: 'https://clinic.example.com/api/appointments/assistant',
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify({ ticketId: $json.ticketId, intent: $json.triage.intent, text: $json.message.text, patient: $json.customer }) }}',
		options: {},
	}, tolerant);
	t.connect(router, booking, 1);
	t.connect(booking, send);
	const sla = t.node('SLA Timer', `${PKG}.slaTimer`, 1, [1240, 400], { mode: 'annotate', ...CLINIC_HOURS });
	t.connect(router, sla, 2);
	t.connect(router, sla, 3);
	const reception = t.node('Reception Queue', 'n8n-nodes-base.httpRequest', 4.2, [1500, 320], {
		method: 'POST',
		url: 'https://clinic.example.com/api/reception/queue',
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify({ ticketId: $json.ticketId, tier: $json.route.tier, summary: $json.route.handoff.summary, sla: $json.sla, patient: $json.customer }) }}',
		options: {},
	}, tolerant);
	slaOutputs(t, sla, [reception, send]);
	const onCall = t.node('Page On-Call Dentist (L4)', 'n8n-nodes-base.emailSend', 2.1, [1500, 560], {
		fromEmail: 'bot@clinic.example.com',
		toEmail: 'oncall@clinic.example.com',
		subject: '=DENTAL EMERGENCY {{ $json.customer.phone }}: {{ $json.message.text }}',
		emailFormat: 'text',
		text: '={{ $json.route.handoff.summary }}',
		options: {},
	}, { credentials: agentSmtpCreds, ...tolerant });
	t.connect(router, onCall, 3);
	withConversations(t, { greeter, reply: send, sla });
	humanReplies(t, { reply: send, page: onCall, ask: 'Ask Reception to Reply', to: 'reception@clinic.example.com', person: 'reception' });
	// Reminders: the booking system returns tomorrow's appointments as items with customer.phone and reply.text.
	// Below Delivery Status Route, a tall node (a handle per output), as Reminder Route is.
	const RY = 960;
	const schedule = t.node('Every Day 18:00', 'n8n-nodes-base.scheduleTrigger', 1.2, [0, RY], { rule: { interval: [{ field: 'days', triggerAtHour: 18 }] } });
	const tomorrow = t.node("Tomorrow's Appointments", 'n8n-nodes-base.httpRequest', 4.2, [260, RY], {
		method: 'GET',
		url: 'https://clinic.example.com/api/appointments/reminders?day=tomorrow',
		options: {},
	});
	const reminderRoute = t.node('Reminder Route', `${PKG}.supportChannelRouter`, 2, [520, RY], { whatsappTemplateName: 'appointment_reminder' });
	t.connect(schedule, tomorrow);
	t.connect(tomorrow, reminderRoute);
	t.connect(reminderRoute, t.node('Send Reminder', `${PKG}.supportWhatsAppSend`, 1, [780, RY - 60], {}, { credentials: whatsappCreds }), 0);
	// A reminder starts the conversation, so on the Cloud API it is always an approved template.
	t.connect(reminderRoute, whatsAppTemplateSend(t, 'Send Reminder (WhatsApp Cloud)', [780, RY + 100]), 5);
	t.note('Setup', [-420, -360], [380, 600], [
		'## Dental clinic on WhatsApp',
		'- The AI answers hours, treatments, prices and insurance, and books, reschedules or cancels through *Booking System* (L2).',
		'- In clinic hours, anything that needs a person goes to *Reception Queue*; off hours the patient is told when reception is back.',
		'- **Dental emergencies** (swelling, bleeding, trauma) page the on-call dentist at any hour.',
		'- *Every Day 18:00* sends tomorrow\'s reminders. The booking API must return items like `{ "channel": "whatsapp", "customer": { "phone" }, "reply": { "text", "language" } }`; for patients on the official Cloud API add `"whatsappCloud": { "phoneNumberId" }` and the approved template `appointment_reminder` goes out.',
		'- WhatsApp in: *WhatsApp Trigger* (Baileys) or *WhatsApp Cloud Trigger* (official API): keep one or both; replies follow the way the patient wrote.',
		'',
		'**Fill in credentials**: WhatsApp session (Baileys) and/or WhatsApp OAuth + WhatsApp account (Cloud API); an SMTP account for *Page On-Call Dentist*.',
		'**Customise**: hours and holidays, the clinic knowledge base (inline JSON in *Support Triage* and *Knowledge Lookup*), and the clinic API URLs.',
	].join('\n'), 4);
	return t;
}

function emailInbox() {
	const t = new Template('email-support-inbox', 'Email support inbox: FAQs answered and threaded, the rest routed');
	const [entry] = triggers(t, { whatsapp: false, webchat: false });
	const { greeter, router } = aiPipeline(t, { kbFile: 'store-kb.json', hours: STORE_HOURS, business: 'Aurora Store' });
	t.connect(entry, greeter);
	const reply = t.node('Email Reply', `${PKG}.supportEmailReply`, 1, [1760, 40], {}, { credentials: smtpCreds });
	t.connect(router, reply, 0);
	orderSystem(t, router, reply);
	humanHandoff(t, router, 1240, 560, { reply });
	withConversations(t, { greeter, reply, sla: 'SLA Timer' });
	humanReplies(t, { reply, notify: 'Notify Agents', page: 'Page Supervisor (L4)' });
	t.note('Setup', [-420, -360], [380, 420], [
		'## Email support inbox',
		'Reads the support mailbox over IMAP (IDLE), skips auto-replies, bounces and mailing lists, answers FAQs with a threaded reply (`In-Reply-To`, `References`, ticket id in the subject) and routes everything else to people.',
		'',
		'**Fill in credentials**: Support IMAP, Support SMTP, and an SMTP account for internal mail.',
		'**Customise**: hours and holidays, the knowledge base, the helpdesk and shop URLs, agent addresses.',
	].join('\n'), 4);
	return t;
}

// The improvement loop's templates (issue 17): kept apart from the pipelines above.
const headerAuthCreds = { httpHeaderAuth: { id: '', name: 'Dashboard header auth' } };
const STORE_DATABASE = { backend: 'sqlite', databaseFile: '' };

function weeklyReport() {
	const t = new Template('weekly-report', 'Weekly support report by email (every Monday)');
	const schedule = t.node('Every Monday 08:00', 'n8n-nodes-base.scheduleTrigger', 1.2, [0, 0], { rule: { interval: [{ field: 'weeks', weeksInterval: 1, triggerAtDay: [1], triggerAtHour: 8 }] } });
	const report = t.node('Build Report', `${PKG}.supportInsights`, 1, [260, 0], {
		operation: 'report',
		...STORE_DATABASE,
		window: '7d',
		now: '={{ $now.toISO() }}',
		topGaps: 5,
		title: 'Aurora Store support: the week',
		knowledgeJson: kb('store-kb.json'),
	});
	const mail = t.node('Email the Report', 'n8n-nodes-base.emailSend', 2.1, [520, 0], {
		fromEmail: 'support-bot@example.com',
		toEmail: 'team@example.com',
		subject: '={{ $json.subject }}',
		emailFormat: 'html',
		html: '={{ $json.html }}',
		options: {},
	}, { credentials: agentSmtpCreds });
	t.connect(schedule, report);
	t.connect(report, mail);
	t.note('Setup', [-60, -420], [620, 360], [
		'## Weekly report',
		'Every Monday at 08:00 (the workflow\u2019s time zone) *Build Report* reads the last 7 days from the **Conversation Store** (the same database and file as the pipeline\u2019s *Conversation Store* nodes) and *Email the Report* sends it as HTML.',
		'',
		'- Volume, AI resolution, escalations by reason, CSAT by tier and resolver, SLA breaches, and the top knowledge gaps with draft entries.',
		'- Fill in an **SMTP** credential and the addresses in *Email the Report*.',
		'- Paste your knowledge base into *Build Report* so each gap shows its nearest entry.',
	].join('\n'), 4);
	return t;
}

function dashboard() {
	const t = new Template('support-dashboard', 'Live support dashboard (a protected web page)');
	const hook = t.node('Dashboard Webhook', 'n8n-nodes-base.webhook', 2, [0, 0], {
		httpMethod: 'GET',
		path: 'support247/dashboard',
		authentication: 'headerAuth',
		responseMode: 'responseNode',
		options: {},
	}, { webhookId: id(t.slug, 'webhook'), credentials: headerAuthCreds });
	const build = t.node('Build Dashboard', `${PKG}.supportInsights`, 1, [260, 0], {
		operation: 'dashboard',
		...STORE_DATABASE,
		now: '={{ $now.toISO() }}',
		topGaps: 5,
		title: 'Aurora Store support',
		refreshSeconds: 60,
		knowledgeJson: kb('store-kb.json'),
	});
	const respond = t.node('Show the Page', 'n8n-nodes-base.respondToWebhook', 1.1, [520, 0], {
		respondWith: 'text',
		responseBody: '={{ $json.html }}',
		options: { responseHeaders: { entries: [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }, { name: 'Cache-Control', value: 'no-store' }] } },
	});
	t.connect(hook, build);
	t.connect(build, respond);
	t.note('Setup', [-60, -420], [620, 360], [
		'## Live dashboard',
		'Open `https://<your n8n>/webhook/support247/dashboard` on a phone: the last 24 hours, 7 days and 30 days from the **Conversation Store**, refreshed every minute.',
		'',
		'- *Dashboard Webhook* is protected by a **Header Auth** credential (a header name and a long random value; a browser extension or a reverse proxy adds it). Choose *Basic Auth* instead for a login prompt in any browser.',
		'- *Build Dashboard* must use the same database and file as the pipeline\u2019s *Conversation Store* nodes.',
	].join('\n'), 4);
	return t;
}

// --- CSAT and the morning follow-up (issue 17): own functions, so the pipelines above can change freely. ---

const WEB_CHAT_PUSH = 'https://shop.example.com/api/chat/push';

/** Outreach on the official channels: the approved WhatsApp template's language code for the customer's (es_MX, pt_BR, en_US). */
const TEMPLATE_LANGUAGE = "={{ ({ es: 'es_MX', pt: 'pt_BR', en: 'en_US' })[$json.reply.language] || $json.reply.language }}";

/** Telegram's inline keyboard for the five CSAT choices: a tap comes back as a callback query with csat_1 … csat_5. */
const csatKeyboard = () => ({
	rows: [0, 1, 2, 3, 4].map((i) => ({ row: { buttons: [{ text: `={{ $json.reply.options[${i}].title }}`, additionalFields: { callback_data: `csat_${i + 1}` } }] } })),
});

/**
 * Sends outreach items (`reply` ready) back on the customer's channel: WhatsApp (a list where it
 * arrives, numbered text otherwise), email, web chat through the site's push endpoint (the widget
 * shows `reply.options` as buttons), anything else to a no-op to wire up. With `official`, a version 2
 * router also sends on the WhatsApp Cloud API (the router's list or text inside the 24-hour window, the
 * approved template `templateName` outside it), Messenger and Instagram (inside the window only) and
 * Telegram (no window; `choices` adds the CSAT keyboard); outside the window Meta allows no such message,
 * so Window Closed goes to `windowClosed` (nodes that hand the case to people), never nowhere.
 */
function outreachSend(t, name, [x, y], { official = false, templateName, choices = false, windowClosed = [] } = {}) {
	const route = t.node(`${name} Route`, `${PKG}.supportChannelRouter`, official ? 2 : 1, [x, y], official ? {
		whatsappTemplateName: templateName,
		whatsappTemplateLanguage: TEMPLATE_LANGUAGE,
		// The CSAT list's button in the customer's language ("Calificar", "Avaliar", "Rate").
		options: choices ? { listButton: "={{ $json.reply.list?.buttonText || 'Options' }}" } : {},
	} : {});
	const row = (n) => [x + 260, y - 160 + n * REPLY_ROW];
	t.connect(route, t.node(`${name}: WhatsApp`, `${PKG}.supportWhatsAppSend`, 1, row(0), { interactive: 'native', choicesField: 'reply.choices', options: {} }, { credentials: whatsappCreds, ...tolerant }), 0);
	t.connect(route, t.node(`${name}: Email`, `${PKG}.supportEmailReply`, 1, row(1), {}, { credentials: smtpCreds, ...tolerant }), 1);
	t.connect(route, t.node(`${name}: Web Chat`, 'n8n-nodes-base.httpRequest', 4.2, row(2), {
		method: 'POST',
		url: WEB_CHAT_PUSH,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify({ sessionId: $json.sessionId, reply: $json.reply, outreach: $json.outreach?.purpose }) }}',
		options: {},
	}, tolerant), 2);
	t.connect(route, t.node(`${name}: Other`, 'n8n-nodes-base.noOp', 1, row(3)), 3);
	if (!official) return route;
	t.connect(route, graphSend(t, `${name}: WhatsApp Cloud`, row(4), `=${GRAPH}/{{ $json.outbound.from }}/messages`, whatsAppCloudCreds, tolerant), 4);
	t.connect(route, whatsAppTemplateSend(t, `${name}: WhatsApp Template`, row(5), tolerant), 5);
	t.connect(route, graphSend(t, `${name}: Messenger`, row(6), `${GRAPH}/me/messages`, facebookCreds, tolerant), 6);
	t.connect(route, graphSend(t, `${name}: Instagram`, row(7), `${GRAPH}/me/messages`, facebookCreds, tolerant), 7);
	t.connect(route, telegramSend(t, `${name}: Telegram`, row(8), choices ? { replyMarkup: 'inlineKeyboard', inlineKeyboard: csatKeyboard() } : {}, tolerant), 8);
	for (const target of windowClosed) t.connect(route, target, 10);
	return route;
}

/**
 * Messenger and Instagram allow no automated message (a survey included) more than 24 hours after the
 * customer's last one: the question is not sent, and the team is told the case was not asked, with
 * what the customer wrote, so a person decides whether to ask in the page inbox.
 */
function csatWindowClosed(t, name, position) {
	return t.node(name, 'n8n-nodes-base.emailSend', 2.1, position, {
		fromEmail: 'support-bot@example.com',
		toEmail: 'agents@example.com',
		subject: '=Not asked for a rating on {{ $json.channel }}: {{ $json.customer.name || $json.outbound.to }}',
		emailFormat: 'text',
		text: [
			'={{ $json.customer.name || $json.outbound.to }} wrote on {{ $json.channel }} at {{ $json.outbound.window.lastCustomerMessageAt }}:',
			'{{ $json.outreach.customerText }}',
			'',
			'The case was resolved ({{ $json.outreach.reason }}), but Meta allows no automatic message more than 24 hours after the customer\u2019s last one, so this question was not sent:',
			'{{ $json.outbound.text }}',
			'',
			'Conversation {{ $json.conversation.id }}. Nothing else to do, unless you want to ask in person from the page inbox (Meta Business Suite).',
		].join('\n'),
		options: {},
	}, { credentials: agentSmtpCreds, ...tolerant });
}

/**
 * CSAT around a pipeline that has the Conversation Store: every 10 minutes the conversations resolved
 * since (by the AI, or by a person who released them) get the one-tap question; a message that answers
 * it is recorded right after Load Conversation and thanked, and a low score goes to Hand To Person as an
 * L3 escalation (reason csat_low), down the same SLA, queue and notice path as any other. Email customers
 * rate by a link, which the CSAT Link webhook reads.
 */
function withCsat(t, { greeter, reply, y = 1500, official = false }) {
	const load = 'Load Conversation';
	const [x0, y0] = t.nodes.find((node) => node.name === load).position;
	const answer = t.node('CSAT Answer', `${PKG}.supportCsat`, 1, [x0, y0 + 200], { ...STORE_DATABASE, options: {} }, tolerant);
	t.connections[load].main[0] = [{ node: answer, type: 'main', index: 0 }];
	t.connect(answer, greeter, 0);
	t.connect(answer, reply, 1);
	t.connect(answer, 'Hand To Person', 2);

	const every = t.node('Every 10 Minutes', 'n8n-nodes-base.scheduleTrigger', 1.2, [0, y], { rule: { interval: [{ field: 'minutes', minutesInterval: 10 }] } });
	const find = t.node('Find Resolved Conversations', `${PKG}.supportOutreach`, 1, [260, y], {
		purpose: 'csat',
		...STORE_DATABASE,
		quietMinutes: 30,
		linkTemplate: 'https://your-n8n.example.com/webhook/support247/csat?t={{ticketId}}&s={{score}}',
		options: {},
	});
	t.connect(every, find);
	// Level with the outreach column's next row (its rows 0-8 are the channels).
	const windowClosed = official ? [csatWindowClosed(t, 'CSAT Question: Window Closed', [780, y - 160 + 9 * REPLY_ROW])] : [];
	t.connect(find, outreachSend(t, 'CSAT Question', [520, y], { official, templateName: 'csat_question', choices: true, windowClosed }), 0);

	// Below the version 2 CSAT Question Route, a tall node (a handle per output).
	const LY = y + (official ? 480 : 420);
	const link = t.node('CSAT Link', 'n8n-nodes-base.webhook', 2, [0, LY], { httpMethod: 'GET', path: 'support247/csat', responseMode: 'responseNode', options: {} }, { webhookId: id(t.slug, 'csat-link') });
	const linkAnswer = t.node('CSAT Link Answer', `${PKG}.supportCsat`, 1, [260, LY], { ...STORE_DATABASE, options: {} });
	const page = t.node('CSAT Thanks Page', 'n8n-nodes-base.respondToWebhook', 1.1, [520, LY], {
		respondWith: 'text',
		responseBody: '={{ `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><p style="font:18px sans-serif;margin:2em">${$json.reply?.text ?? "This link has already been used or has expired."}</p>` }}',
		options: { responseHeaders: { entries: [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }] } },
	});
	t.connect(link, linkAnswer);
	for (const output of [0, 1, 2]) t.connect(linkAnswer, page, output);
	t.connect(linkAnswer, 'Hand To Person', 2);
	t.note('CSAT', [-420, y - 160], [380, 600], [
		'## CSAT',
		'- *Find Resolved Conversations* asks every case resolved (by the AI, or by a person who released it) once, after 30 quiet minutes: a list on WhatsApp, buttons on web chat (*CSAT Question: Web Chat* posts to your widget\u2019s push endpoint), five links by email.',
		'- The customer\u2019s answer is read by *CSAT Answer* right after *Load Conversation* and stored with the conversation; **2 or less reopens the case** to a person (L3, reason `csat_low`) through *Hand To Person*.',
		'- Email links: set *Email Link* to `https://<your n8n>/webhook/support247/csat?t={{ticketId}}&s={{score}}`; each link holds a one-time token.',
		'- Official channels: a list on the WhatsApp Cloud API within 24 hours of the customer\u2019s last message, the approved template `csat_question` (body `{{1}}` = the question) after; quick replies on Messenger and Instagram within 24 hours, else *CSAT Question: Window Closed* tells the team; buttons on Telegram at any time.',
	].join('\n'), 5);
}

function morningFollowUp() {
	const t = new Template('morning-follow-up', 'Morning follow-up: last night\u2019s escalated and unresolved conversations');
	const every = t.node('Every 15 Minutes', 'n8n-nodes-base.scheduleTrigger', 1.2, [0, 0], { rule: { interval: [{ field: 'minutes', minutesInterval: 15 }] } });
	const find = t.node("Last Night's Conversations", `${PKG}.supportOutreach`, 1, [260, 0], {
		purpose: 'followUp',
		...STORE_DATABASE,
		...STORE_HOURS,
		withinMinutes: 60,
		businessName: 'Aurora Store',
		options: {},
	});
	t.connect(every, find);
	// Below the outreach column (rows 0-8 are the channels): a case Meta's window keeps from the customer joins the escalated ones.
	const QY = -200 + 9 * REPLY_ROW;
	const person = "$json.route?.handoff";
	const unsent = "'Not sent on ' + $json.channel + ': Meta allows no automatic message more than 24 hours after the customer\\u2019s last one (' + $json.outbound?.window?.lastCustomerMessageAt + '). Answer from the page inbox (Meta Business Suite) until ' + $json.outbound?.window?.humanAgentUntil + '.\\n\"' + $json.outreach.customerText.slice(0, 300) + '\"'";
	const queue = t.node('Morning Queue', 'n8n-nodes-base.httpRequest', 4.2, [780, QY], {
		method: 'POST',
		url: 'https://helpdesk.example.com/api/tickets',
		sendBody: true,
		specifyBody: 'json',
		jsonBody: `={{ JSON.stringify({ ticketId: $json.ticketId, tier: $json.route?.tier ?? $json.outreach.tier ?? 'L1', queue: 'morning', summary: ${person}?.summary ?? ${unsent}, draft: ${person}?.draft ?? $json.reply.text, customer: $json.customer, channel: $json.channel, conversationId: $json.conversation.id, windowClosed: $json.outbound?.closed?.reason }) }}`,
		options: {},
	}, tolerant);
	const mail = t.node('Notify Morning Shift', 'n8n-nodes-base.emailSend', 2.1, [780, QY + REPLY_ROW], {
		fromEmail: 'support-bot@example.com',
		toEmail: 'agents@example.com',
		subject: '=Follow up: {{ $json.customer.name || $json.customer.phone || $json.customer.email || $json.conversation.id }}',
		emailFormat: 'text',
		text: `={{ ${person}?.summary ?? ${unsent} }}\n\nSuggested message:\n{{ ${person}?.draft ?? $json.reply.text }}`,
		options: {},
	}, { credentials: agentSmtpCreds, ...tolerant });
	t.connect(find, outreachSend(t, 'Follow-Up', [520, -40], { official: true, templateName: 'follow_up', windowClosed: [queue, mail] }), 0);
	t.connect(find, queue, 1);
	t.connect(find, mail, 1);
	t.note('Setup', [-60, -640], [680, 540], [
		'## Morning follow-up',
		'Runs every 15 minutes; *Last Night\u2019s Conversations* acts only in the first hour after the business opens by its calendar (hours, time zone and holidays: keep them the same as the *Off-Hours Greeter*).',
		'',
		'- Last night\u2019s cases the AI left **unresolved** get a personal follow-up in the customer\u2019s language (es, pt, en) on their channel.',
		'- Cases **escalated** that no person answered yet go to the **morning queue** (*Morning Queue*, *Notify Morning Shift*) with a summary and a drafted message.',
		'- Each case is followed up once (marked in the Conversation Store); a conversation a person has taken over is left alone.',
		'- Official channels: on the WhatsApp Cloud API a customer who wrote more than 24 hours ago gets the approved template `follow_up` (body `{{1}}` = the message); Messenger and Instagram allow no such message then, so the case goes to the morning queue instead. Telegram has no window.',
		'- Use the same database and file as the pipeline\u2019s *Conversation Store* nodes. Fill in the credentials of the channels you use (WhatsApp session or WhatsApp account, Facebook Graph, Telegram, Support SMTP), an SMTP account, and the helpdesk and web chat URLs.',
	].join('\n'), 4);
	return t;
}

const templates = { 'support-247-tiered': supportTiered, 'after-hours-only': afterHoursOnly, 'dental-clinic-whatsapp': dentalClinic, 'email-support-inbox': emailInbox };
Object.assign(templates, { 'weekly-report': weeklyReport, 'support-dashboard': dashboard });
Object.assign(templates, { 'morning-follow-up': morningFollowUp });

function render(slug) {
	return `${JSON.stringify(templates[slug]().toJSON(), null, 2)}\n`;
}

module.exports = { render, templates: Object.keys(templates) };

if (require.main === module) {
	for (const slug of Object.keys(templates)) {
		writeFileSync(path.join(root, `${slug}.json`), render(slug));
		process.stdout.write(`wrote workflows/${slug}.json\n`);
	}
}
