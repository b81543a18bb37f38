import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromChannelPayload } from '../../nodes/shared/channels';
import { createEngine, readWorkflowFile, type Engine, type RunResult } from '../../simulator/engine';

const fixture = (name: string) => JSON.parse(readFileSync(path.join(__dirname, '../fixtures/channels', `${name}.json`), 'utf8')) as Record<string, unknown>;
const load = (name: string) => readWorkflowFile(path.join(__dirname, '../../workflows', `${name}.json`));
/** What n8n's Webhook node emits for a POST. */
const webhookItem = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, params: {}, query: {}, body });
const sentBy = (result: RunResult, prefix: string) => result.captured.filter((c) => c.node.startsWith(prefix));
const outbound = (result: RunResult, node: string) => {
	const found = result.captured.filter((c) => c.node === node);
	expect(found).toHaveLength(1);
	return found[0].json.outbound as { route: string; body: Record<string, unknown>; to: string; from?: string; window?: { open: boolean }; closed?: { reason: string } };
};
/** A Meta ticket as the pipeline has it just before the reply: the converted fixture plus its reply. */
const metaTicket = (name: string, reply: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
	const converted = fromChannelPayload(fixture(name));
	if (!converted || !('ticket' in converted)) throw new Error(name);
	return { ...converted.ticket, reply, ...extra };
};

describe('the official channels through the templates on the engine', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createEngine();
	});

	describe('support-247-tiered', () => {
		const run = async (startNode: string, items: unknown[]) => {
			const result = await engine.run(engine.prepare(load('support-247-tiered')), { startNode, items: items as never[] });
			expect(result.error).toBeUndefined();
			return result;
		};

		it('answers a WhatsApp Cloud message through the Graph API, to the number it came from, inside the window', async () => {
			const result = await run('WhatsApp Cloud Trigger', [fixture('whatsapp-cloud-trigger-text')]);
			expect(sentBy(result, 'Reply Channel:').map((c) => c.node)).toEqual(['Reply Channel: WhatsApp Cloud']);
			const out = outbound(result, 'Reply Channel: WhatsApp Cloud');
			expect(out).toMatchObject({ route: 'whatsapp-cloud', from: '106540352242922', to: '5215512345678', window: { open: true } });
			expect(out.body).toMatchObject({ messaging_product: 'whatsapp', to: '5215512345678', type: 'text', text: { body: expect.any(String) } });
			const sent = result.captured.find((c) => c.node === 'Reply Channel: WhatsApp Cloud')!.json;
			expect(sent).toMatchObject({ channel: 'whatsapp', customer: { name: 'María López', phone: '+5215512345678' }, reply: { language: 'es' } });
		});

		it('reads an interactive list reply as the customer message', async () => {
			const result = await run('WhatsApp Cloud Trigger', [fixture('whatsapp-cloud-trigger-list-reply')]);
			expect(sentBy(result, 'Reply Channel:')[0].json).toMatchObject({ message: { text: 'Martes 10:00' }, whatsappCloud: { selectedId: 'slot_tue_10' } });
		});

		it.each(['delivered', 'read'])('makes no ticket of a %s status', async (status) => {
			const result = await run('WhatsApp Cloud Trigger', [fixture(`whatsapp-cloud-trigger-status-${status}`)]);
			expect(result.outputs['Escalation Router']).toBeUndefined();
			expect(result.captured).toEqual([]);
			// It goes to the conversation instead: Delivery Status Route's Status output, then Record Status.
			const recorded = (result.outputs['Record Delivery Status']?.[0] ?? []).map((i) => i.json as Record<string, any>);
			expect(recorded.map((r) => [r.channelEvent.kind, r.channelEvent.status, r.channelEvent.messageId])).toEqual([['status', status, 'wamid.REPLY001']]);
			expect(recorded[0].deliveryStatus).toMatchObject({ recorded: false });
		});

		it.each([
			['messenger-text', 'Reply Channel: Messenger', '6543210987654321'],
			['instagram-text', 'Reply Channel: Instagram', '1234567890123456'],
		])('answers %s through the Send API on its own channel', async (name, node, recipient) => {
			const result = await run('Messenger & Instagram Webhook', [webhookItem(fixture(name))]);
			expect(sentBy(result, 'Reply Channel:').map((c) => c.node)).toEqual([node]);
			expect(outbound(result, node).body).toMatchObject({ recipient: { id: recipient }, messaging_type: 'RESPONSE', message: { text: expect.any(String) } });
		});

		// The customers of messenger-text and instagram-text wrote at 2026-03-06T23:14:00Z.
		describe('Messenger and Instagram after the 24-hour window', () => {
			// Started after Save Turn, so Reply Channel is the first node that runs, as the pipeline reaches it.
			const reply = (items: unknown[]) => run('Save Turn', items);

			it.each([
				['messenger-text', 'messenger'],
				['instagram-text', 'instagram'],
			])('sends no AI reply to a %s customer a day later: the team is mailed the case and the unsent reply', async (name, channel) => {
				const result = await reply([metaTicket(name, { text: 'Yes, within 30 days of delivery.', language: 'en', at: '2026-03-08T01:14:00Z' })]);
				expect(sentBy(result, 'Reply Channel:').map((c) => c.node)).toEqual(['Reply Channel: Window Closed']);
				expect(outbound(result, 'Reply Channel: Window Closed')).toMatchObject({ route: 'window-closed', channel, closed: { reason: 'automated_reply' }, window: { open: false, humanAgentUntil: '2026-03-13T23:14:00.000Z' } });
				// What the mail says is asserted in a real n8n (test/e2e/official-channels.e2e.test.ts): the engine's stand-in does not send it.
			});

			it("sends a person's answer three days later with the HUMAN_AGENT tag, timed by when they answered", async () => {
				const ticket = metaTicket('messenger-text', { text: 'Yes: bring it with the receipt.', language: 'en', by: 'agent' }, {
					sla: { check: { checkedAt: '2026-03-06T23:14:00Z' } },
					personReply: { by: 'Ana', at: '2026-03-09T16:00:00Z', action: 'keep' },
				});
				const result = await reply([ticket]);
				expect(sentBy(result, 'Reply Channel:').map((c) => c.node)).toEqual(['Reply Channel: Messenger']);
				expect(outbound(result, 'Reply Channel: Messenger').body).toEqual({
					recipient: { id: '6543210987654321' },
					messaging_type: 'MESSAGE_TAG',
					tag: 'HUMAN_AGENT',
					message: { text: 'Yes: bring it with the receipt.' },
				});
			});

			it("sends nothing after 7 days, not even a person's answer", async () => {
				const ticket = metaTicket('instagram-text', { text: 'Sí, todavía.', language: 'es', by: 'agent' }, { personReply: { by: 'Ana', at: '2026-03-14T09:00:00Z', action: 'keep' } });
				const result = await reply([ticket]);
				expect(sentBy(result, 'Reply Channel:').map((c) => c.node)).toEqual(['Reply Channel: Window Closed']);
				expect(outbound(result, 'Reply Channel: Window Closed').closed).toEqual({ reason: 'past_human_agent_window' });
			});

			it('answers Telegram a day later all the same: it has no window', async () => {
				const converted = fromChannelPayload(fixture('telegram-message'));
				if (!converted || !('ticket' in converted)) throw new Error('telegram');
				const result = await reply([{ ...converted.ticket, reply: { text: 'Vou verificar.', language: 'pt', at: '2026-04-06T00:00:00Z' } }]);
				expect(sentBy(result, 'Reply Channel:').map((c) => c.node)).toEqual(['Reply Channel: Telegram']);
			});
		});

		it('ignores the echo of its own Messenger reply', async () => {
			const result = await run('Messenger & Instagram Webhook', [webhookItem(fixture('messenger-echo'))]);
			// Meta still gets its 200 (from Acknowledge Meta); nothing else goes out.
			expect(result.captured.map((c) => c.node)).toEqual(['Acknowledge Meta']);
			expect(result.outputs['Escalation Router']).toBeUndefined();
		});

		it('answers the Meta verification GET from its own webhook, apart from the tickets', async () => {
			const result = await run('Meta Verification', [{ headers: {}, params: {}, query: fixture('meta-verification-query'), body: {} }]);
			expect(result.captured.map((c) => c.node)).toEqual(['Answer Meta Verification']);
			expect(result.outputs['Off-Hours Greeter']).toBeUndefined();
		});

		it('answers a Telegram message in the same chat through the Telegram node', async () => {
			const result = await run('Telegram Trigger', [fixture('telegram-message')]);
			expect(sentBy(result, 'Reply Channel:').map((c) => c.node)).toEqual(['Reply Channel: Telegram']);
			expect(outbound(result, 'Reply Channel: Telegram')).toMatchObject({ route: 'telegram', to: '123456789', body: { chat_id: '123456789', text: expect.any(String) } });
		});

		it('keeps the Baileys and web chat replies where they were', async () => {
			const result = await run('WhatsApp Trigger', [
				{ ticketId: 'b1', channel: 'whatsapp', customer: { phone: '+5215512345678' }, message: { text: '¿Cuál es el horario?', receivedAt: '2026-03-04T11:00:00-06:00' } },
			]);
			expect(sentBy(result, 'Reply Channel:').map((c) => c.node)).toEqual(['Reply Channel: WhatsApp']);
		});
	});

	describe('dental-clinic-whatsapp', () => {
		it('replies on the route the patient wrote from: Cloud API or Baileys', async () => {
			const workflow = engine.prepare(load('dental-clinic-whatsapp'));
			const cloud = await engine.run(workflow, { startNode: 'WhatsApp Cloud Trigger', items: [fixture('whatsapp-cloud-trigger-text')] as never[] });
			expect(cloud.error).toBeUndefined();
			expect(sentBy(cloud, 'WhatsApp R').map((c) => c.node)).toEqual(['WhatsApp Route: WhatsApp Cloud']);
			const baileys = await engine.run(workflow, {
				startNode: 'WhatsApp Trigger',
				items: [{ ticketId: 'b', channel: 'whatsapp', customer: { phone: '+52155' }, message: { text: '¿Cuánto cuesta una limpieza?', receivedAt: '2026-03-04T11:00:00-06:00' } }] as never[],
			});
			expect(sentBy(baileys, 'WhatsApp R').map((c) => c.node)).toEqual(['WhatsApp Reply']);
		});

		it('sends Cloud API reminders as the approved template, Baileys reminders as text', async () => {
			const workflow = engine.prepare(load('dental-clinic-whatsapp'));
			const result = await engine.run(workflow, {
				startNode: 'Every Day 18:00',
				items: [
					{ ticketId: 'r-cloud', channel: 'whatsapp', customer: { phone: '+5215512345678' }, reply: { text: 'Mañana 10:00 con la Dra. Ruiz', language: 'es_MX' }, whatsappCloud: { phoneNumberId: '106540352242922' } },
					{ ticketId: 'r-baileys', channel: 'whatsapp', customer: { phone: '+5215598765432' }, reply: { text: 'Mañana 11:00', language: 'es' } },
				] as never[],
			});
			expect(result.error).toBeUndefined();
			expect(result.captured.filter((c) => c.node === 'Send Reminder').map((c) => c.json.ticketId)).toEqual(['r-baileys']);
			const out = outbound(result, 'Send Reminder (WhatsApp Cloud)');
			expect(out).toMatchObject({ route: 'whatsapp-cloud-template', to: '5215512345678', from: '106540352242922', window: { open: false } });
			expect(out.body).toMatchObject({ type: 'template', template: { name: 'appointment_reminder', language: { code: 'es_MX' } } });
		});
	});
});

describe('Support Channel Router versions', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createEngine();
	});
	const routerWorkflow = (typeVersion: number, parameters: Record<string, unknown> = {}) => ({
		nodes: [
			{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'r', name: 'Router', type: 'n8n-nodes-support247.supportChannelRouter', typeVersion, position: [200, 0], parameters },
		],
		connections: { Start: { main: [[{ node: 'Router', type: 'main', index: 0 }]] } },
	});
	const cloudTicket = {
		ticketId: 'late',
		channel: 'whatsapp',
		customer: { phone: '+5215512345678' },
		message: { text: 'hola', receivedAt: '2026-03-01T10:00:00Z' },
		history: [{ role: 'customer', text: 'otra cosa', at: '2026-03-02T09:00:00Z' }],
		reply: { text: '¿Pudimos ayudarte?', language: 'es' },
		whatsappCloud: { waId: '5215512345678', phoneNumberId: 'PN1' },
	};

	it('version 1 keeps its four outputs: new channels go to Other, Cloud tickets to WhatsApp', async () => {
		const result = await engine.run(routerWorkflow(1), { items: [cloudTicket, { ...cloudTicket, ticketId: 'm', channel: 'messenger' }] as never[] });
		expect(result.outputs.Router).toHaveLength(4);
		expect(result.outputs.Router[0].map((i) => i.json.ticketId)).toEqual(['late']);
		expect(result.outputs.Router[3].map((i) => i.json.ticketId)).toEqual(['m']);
	});

	it('version 2 sends the approved template once 24 hours have passed since the last customer message', async () => {
		const inside = await engine.run(routerWorkflow(2, { sendTime: '2026-03-03T08:59:00Z' }), { items: [cloudTicket] as never[] });
		expect(inside.outputs.Router[4].map((i) => i.json.ticketId)).toEqual(['late']);
		const outside = await engine.run(routerWorkflow(2, { sendTime: '2026-03-03T09:00:00Z', whatsappTemplateLanguage: 'es_MX' }), { items: [cloudTicket] as never[] });
		const [item] = outside.outputs.Router[5];
		expect(item.json.outbound).toMatchObject({ route: 'whatsapp-cloud-template', window: { open: false, lastCustomerMessageAt: '2026-03-02T09:00:00.000Z' } });
		expect((item.json.outbound as { body: unknown }).body).toMatchObject({ type: 'template', template: { name: 'support_follow_up', language: { code: 'es_MX' } } });
	});

	it('version 2 names the missing field, or sends the ticket to Other with Continue On Fail', async () => {
		const broken = { ticketId: 'tg', channel: 'telegram', customer: {}, message: { text: 'x' }, reply: { text: 'y', language: 'en' } };
		const failing = await engine.run(routerWorkflow(2), { items: [broken] as never[] });
		expect(failing.error?.message).toContain('telegram.chatId');
		const tolerant = routerWorkflow(2);
		(tolerant.nodes[1] as Record<string, unknown>).onError = 'continueRegularOutput';
		const result = await engine.run(tolerant, { items: [broken] as never[] });
		expect(result.outputs.Router[3][0].json).toMatchObject({ ticketId: 'tg', error: expect.stringContaining('telegram.chatId') });
	});
});
