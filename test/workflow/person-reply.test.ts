import path from 'node:path';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { memoryBackend, type ConversationRecord } from '../../nodes/shared/conversation';
import type { Ticket } from '../../nodes/shared/ticket';
import { createEngine, readWorkflowFile, type Engine, type PreparedWorkflow, type RunResult } from '../../simulator/engine';

/**
 * The L3/L4 human-reply path of the templates on n8n-core's WorkflowExecute. In-process an execution
 * cannot be resumed by n8n's waiting webhook, so the Send Email node is replaced by one that behaves as
 * n8n 2.41.1's Send and Wait for Response does once the person has submitted the custom form: the node's
 * output is only `{ data: { <field label>: value, respondedAt } }` with no paired item (n8n-nodes-base
 * utils/sendAndWait/utils.js, customForm POST), and the engine pairs it with the one waiting input item.
 * Everything after the answer is the real template: Person's Reply, the channel routing, the store.
 */
const workflowsDir = path.join(__dirname, '../../workflows');
const load = (name: string) => readWorkflowFile(path.join(workflowsDir, `${name}.json`));

// Wednesday 2026-03-04 11:00 in Mexico City: open.
const OPEN = '2026-03-04T11:00:00-06:00';
const ANSWERED = '2026-03-04T17:20:00.000Z';

interface FormCall {
	node: string;
	operation: string;
	toEmail?: string;
	message?: string;
	text?: string;
	fields?: string[];
	ticketId?: unknown;
}

/** What the person submits in the next run's form, and every Send Email node that ran, in order. */
const person: { response: IDataObject | null; calls: FormCall[]; outageWhileWaiting?: string } = { response: null, calls: [] };

class AnsweredEmailForm implements INodeType {
	description = {
		displayName: 'Send Email (answered form)',
		name: 'emailSend',
		group: ['output'],
		version: [2, 2.1],
		description: 'Send Email as n8n resumes it after the form was submitted',
		defaults: { name: 'Send Email' },
		inputs: ['main'],
		outputs: ['main'],
		// The parameters this stand-in reads; the engine drops any parameter a node type does not declare.
		properties: [
			{ displayName: 'Operation', name: 'operation', type: 'string', default: 'send' },
			{ displayName: 'To Email', name: 'toEmail', type: 'string', default: '' },
			{ displayName: 'Message', name: 'message', type: 'string', default: '' },
			{ displayName: 'Text', name: 'text', type: 'string', default: '' },
			{ displayName: 'Form Elements', name: 'formFields', type: 'json', default: {} },
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0, 'send') as string;
		const call: FormCall = { node: this.getNode().name, operation, ticketId: items[0]?.json.ticketId };
		if (operation === 'sendAndWait') {
			call.toEmail = this.getNodeParameter('toEmail', 0) as string;
			call.message = this.getNodeParameter('message', 0) as string;
			const fields = this.getNodeParameter('formFields.values', 0, []) as Array<{ fieldLabel: string }>;
			call.fields = fields.map((f) => f.fieldLabel);
		}
		if (operation === 'send') call.text = this.getNodeParameter('text', 0, '') as string;
		person.calls.push(call);
		// The database goes away while the execution waits for the person.
		if (operation === 'sendAndWait' && person.outageWhileWaiting) memoryBackend(person.outageWhileWaiting).setOutage('connect ECONNREFUSED 127.0.0.1:5432');
		if (operation !== 'sendAndWait') return [items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
		if (!person.response) return [items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
		return [[{ json: { data: { ...person.response, respondedAt: ANSWERED } } }]];
	}
}

type Json = Record<string, any>;

describe("L3/L4 on the templates: a person's answer from the form reaches the customer", () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createEngine({ extraNodeTypes: { 'n8n-nodes-base.emailSend': new AnsweredEmailForm() } });
	});
	beforeEach(() => {
		person.response = null;
		person.calls = [];
		person.outageWhileWaiting = undefined;
	});

	const records = async (prepared: PreparedWorkflow): Promise<ConversationRecord[]> => {
		const all: ConversationRecord[] = [];
		for (const name of prepared.memoryStores) all.push(...(await memoryBackend(name).listSince(0, '', 100)));
		return all;
	};
	const webchat = (id: string, text: string, receivedAt: string): Ticket =>
		({ ticketId: id, channel: 'webchat', sessionId: 'sess-ana', customer: { name: 'Ana', language: 'en' }, message: { id, text, receivedAt } }) as Ticket;
	const repliesTo = (result: RunResult, node: string, id: string) => result.captured.filter((c) => c.node === node && c.json.ticketId === id).map((c) => c.json as Json);

	it('web chat: holding reply, then the form; the answer goes back on web chat, is an agent turn and a suggestion; hand back lets the bot answer again', async () => {
		const prepared = engine.prepare(load('support-247-tiered'));
		person.response = { Reply: 'Hi Ana, I am Luis. Your refund was approved today.', Then: 'Reply and hand it back to the bot', 'Your name': 'Luis' };
		const result = await engine.run(prepared, { startNode: 'Web Chat Webhook', items: [webchat('w-1', 'I want to talk to a real person, not a bot', OPEN) as never] });
		expect(result.error).toBeUndefined();

		const sent = repliesTo(result, 'Reply Channel: Web Chat', 'w-1');
		expect(sent).toHaveLength(2);
		expect(sent[0].route.tier).toBe('L3');
		expect(sent[0].personReply).toBeUndefined();
		expect(sent[1].reply).toEqual({ text: 'Hi Ana, I am Luis. Your refund was approved today.', language: 'en', by: 'agent' });
		expect(sent[1].personReply).toMatchObject({ by: 'Luis', at: ANSWERED, action: 'release', stored: true, suggestion: { question: 'I want to talk to a real person, not a bot', language: 'en', status: 'pending' } });
		expect(sent[1].conversation.takeover).toBeNull();

		// The form went to the agents with the ticket's context, and asks for what Person's Reply reads.
		const form = person.calls.find((c) => c.operation === 'sendAndWait');
		expect(form).toMatchObject({ node: 'Notify Agents', toEmail: 'agents@example.com', ticketId: 'w-1', fields: ['Reply', 'Then', 'Your name'] });
		expect(form?.message).toContain('I want to talk to a real person, not a bot');

		const [record] = await records(prepared);
		expect(record.turns.map((t) => [t.role, t.by ?? null])).toEqual([
			['customer', null],
			['ai', null],
			['agent', 'Luis'],
		]);
		expect(record.turns[1].handoff).toBe(true);
		expect(record.suggestions?.map((s) => [s.question, s.answer, s.language])).toEqual([['I want to talk to a real person, not a bot', 'Hi Ana, I am Luis. Your refund was approved today.', 'en']]);
		expect(record.takeover).toBeNull();

		// The widget's request was answered with the holding reply; it polls for what the person wrote.
		const poll = async (after?: string) => {
			const res = await engine.run(prepared, { startNode: 'Web Chat Updates Webhook', items: [{ query: { sessionId: 'sess-ana', ...(after ? { after } : {}) } } as never] });
			expect(res.error).toBeUndefined();
			return res.captured.find((c) => c.node === 'Answer the Widget')?.json.updates as Json;
		};
		expect((await poll('2026-03-04T11:00:00-06:00')).replies).toEqual([{ id: 'w-1:agent', text: 'Hi Ana, I am Luis. Your refund was approved today.', at: ANSWERED, by: 'Luis' }]);
		expect((await poll(ANSWERED)).replies).toEqual([]);

		// Handed back: the next question is the bot's again (L1 from the knowledge base).
		person.response = null;
		const next = await engine.run(prepared, { startNode: 'Web Chat Webhook', items: [webchat('w-2', 'What are your opening hours on Saturday?', '2026-03-04T11:30:00-06:00') as never] });
		expect(next.error).toBeUndefined();
		expect(repliesTo(next, 'Reply Channel: Web Chat', 'w-2').map((r) => r.route.tier)).toEqual(['L1']);
	});

	it('keep: the person keeps the conversation, so the bot stays silent on the next message', async () => {
		const prepared = engine.prepare(load('support-247-tiered'));
		person.response = { Reply: 'Looking into it, give me ten minutes.', Then: 'Reply and keep the conversation', 'Your name': '' };
		const first = await engine.run(prepared, { startNode: 'Web Chat Webhook', items: [webchat('w-1', 'I want to talk to a real person, not a bot', OPEN) as never] });
		expect(first.error).toBeUndefined();
		const answered = repliesTo(first, 'Reply Channel: Web Chat', 'w-1')[1];
		// No name in the form: the person is whoever took the conversation over (the queue).
		expect(answered.personReply).toMatchObject({ action: 'keep', by: 'specialists' });
		expect(answered.conversation.takeover).toMatchObject({ by: 'specialists' });

		person.response = null;
		const next = await engine.run(prepared, { startNode: 'Web Chat Webhook', items: [webchat('w-2', 'What are your opening hours on Saturday?', '2026-03-04T11:30:00-06:00') as never] });
		const [reply] = repliesTo(next, 'Reply Channel: Web Chat', 'w-2');
		expect(reply.route.tier).toBe('L3');
		expect(reply.route.reasons).toContain('taken over by a person');
	});

	it('a message while the form is unanswered is mailed to the person as a note: no second form, no second wait; after an answer the next one asks again', async () => {
		const prepared = engine.prepare(load('support-247-tiered'));
		const first = await engine.run(prepared, { startNode: 'Web Chat Webhook', items: [webchat('w-1', 'I want to talk to a real person, not a bot', OPEN) as never] });
		expect(first.error).toBeUndefined();
		expect(person.calls.map((c) => [c.node, c.operation])).toEqual([['Notify Agents', 'sendAndWait']]);

		person.calls = [];
		for (const [id, text, at] of [
			['w-2', 'Are you still there? I need the invoice today', '2026-03-04T11:10:00-06:00'],
			['w-3', 'Hello??', '2026-03-04T11:12:00-06:00'],
		]) {
			const during = await engine.run(prepared, { startNode: 'Web Chat Webhook', items: [webchat(id, text, at) as never] });
			expect(during.error).toBeUndefined();
			// The widget's request is still answered, with no AI reply.
			const [answered] = repliesTo(during, 'Reply Channel: Web Chat', id);
			expect(answered.route.reasons).toContain('taken over by a person');
			expect(answered.reply).toBeUndefined();
			expect(answered.conversation.takeover).toMatchObject({ by: 'specialists', personAsked: true });
		}
		expect(person.calls.map((c) => [c.node, c.operation, c.ticketId])).toEqual([
			['Tell the Person', 'send', 'w-2'],
			['Tell the Person', 'send', 'w-3'],
		]);
		expect(person.calls[0].text).toContain('Are you still there? I need the invoice today');
		// Both turns are stored all the same.
		const [record] = await records(prepared);
		expect(record.turns.filter((t) => t.role === 'customer').map((t) => t.text)).toEqual([
			'I want to talk to a real person, not a bot',
			'Are you still there? I need the invoice today',
			'Hello??',
		]);

		// The person answers (the stand-in answers the form this run asks), keeping the conversation: the next message asks anew.
		person.calls = [];
		person.response = { Reply: 'Sending it now.', Then: 'Reply and keep the conversation', 'Your name': 'Luis' };
		const fresh = engine.prepare(load('support-247-tiered'));
		await engine.run(fresh, { startNode: 'Web Chat Webhook', items: [webchat('x-1', 'I want to talk to a real person, not a bot', OPEN) as never] });
		person.response = null;
		await engine.run(fresh, { startNode: 'Web Chat Webhook', items: [webchat('x-2', 'One more thing', '2026-03-04T11:40:00-06:00') as never] });
		expect(person.calls.map((c) => [c.node, c.operation, c.ticketId])).toEqual([
			['Notify Agents', 'sendAndWait', 'x-1'],
			['Notify Agents', 'sendAndWait', 'x-2'],
		]);
	});

	it('L4 by email: the supervisor is paged before the form waits, and the answer goes back as a threaded email, marked resolved', async () => {
		const prepared = engine.prepare(load('support-247-tiered'));
		person.response = { Reply: 'Please unplug it; we are sending a replacement and a courier today.', Then: 'Reply and mark it resolved', 'Your name': 'Marta' };
		const ticket = {
			ticketId: 'e-1',
			channel: 'email',
			customer: { name: 'Ana', email: 'ana@example.com', language: 'es' },
			message: { id: '<m1@example.com>', text: 'El cargador empezó a echar humo y se quemó la mesa', subject: 'Cargador', receivedAt: '2026-03-04T23:30:00-06:00' },
		};
		const result = await engine.run(prepared, { startNode: 'Support Inbox Trigger', items: [ticket as never] });
		expect(result.error).toBeUndefined();
		// The wait stops the execution until the answer, so everything else must have run before it.
		expect(person.calls.map((c) => `${c.node}:${c.operation}`)).toEqual(['Page Supervisor (L4):send', 'Notify Agents:sendAndWait']);
		// n8n's v1 order runs the upper branch first: the form must be the last node before the answer's own path.
		const ran = (node: string) => result.runData[node]?.[0]?.executionIndex ?? -1;
		const after = new Set(["Person's Reply", 'Reply Channel', 'Reply Channel: Email', 'Reply Channel: Other']);
		const before = Object.keys(result.runData).filter((node) => !after.has(node) && node !== 'Notify Agents');
		expect(before).toEqual(expect.arrayContaining(['Page Supervisor (L4)', 'Human Queue', 'Save Turn', 'Hand To Person']));
		for (const node of before) expect([node, ran(node) < ran('Notify Agents')]).toEqual([node, true]);
		const mails = repliesTo(result, 'Reply Channel: Email', 'e-1');
		expect(mails).toHaveLength(2);
		expect(mails[1].reply.text).toBe('Please unplug it; we are sending a replacement and a courier today.');
		expect(mails[1].message.id).toBe('<m1@example.com>');
		const [record] = await records(prepared);
		const agent = record.turns.find((t) => t.role === 'agent');
		expect(agent).toMatchObject({ by: 'Marta', resolved: true, channel: 'email' });
		expect(record.suggestions?.[0]).toMatchObject({ question: 'El cargador empezó a echar humo y se quemó la mesa', language: 'es', by: 'Marta' });
	});

	it('dental clinic: reception answers a WhatsApp patient from the form', async () => {
		const prepared = engine.prepare(load('dental-clinic-whatsapp'));
		person.response = { Reply: 'Hola, soy Carla de recepción: te esperamos mañana a las 10:00.', Then: 'Reply and hand it back to the bot', 'Your name': '' };
		const ticket = { ticketId: 'd-1', channel: 'whatsapp', customer: { name: 'Ana', phone: '+5215512345678', language: 'es' }, message: { id: 'd-1', text: 'Quiero hablar con una persona', receivedAt: OPEN } };
		const result = await engine.run(prepared, { startNode: 'WhatsApp Trigger', items: [ticket as never] });
		expect(result.error).toBeUndefined();
		expect(person.calls.find((c) => c.operation === 'sendAndWait')).toMatchObject({ node: 'Ask Reception to Reply', toEmail: 'reception@clinic.example.com' });
		const sent = repliesTo(result, 'WhatsApp Reply', 'd-1');
		expect(sent.map((s) => s.reply.text)).toEqual([expect.any(String), 'Hola, soy Carla de recepción: te esperamos mañana a las 10:00.']);
		expect(sent[1].personReply).toMatchObject({ by: 'reception', action: 'release' });
	});

	it('a database that went away while the person answered: the answer still reaches the customer, and its turn is written once the database is back', async () => {
		const prepared = engine.prepare(load('support-247-tiered'));
		const [store] = prepared.memoryStores;
		person.outageWhileWaiting = store;
		person.response = { Reply: 'Hi Ana, Luis here: your parcel leaves today.', Then: 'Reply and keep the conversation', 'Your name': 'Luis' };
		const result = await engine.run(prepared, { startNode: 'Web Chat Webhook', items: [webchat('w-1', 'I want to talk to a real person, not a bot', OPEN) as never] });
		expect(result.error).toBeUndefined();
		const [, answered] = repliesTo(result, 'Reply Channel: Web Chat', 'w-1');
		expect(answered.reply.text).toBe('Hi Ana, Luis here: your parcel leaves today.');
		expect(answered.personReply).toMatchObject({ pending: true, error: expect.stringContaining('ECONNREFUSED') });

		memoryBackend(store).setOutage(undefined);
		person.outageWhileWaiting = undefined;
		person.response = null;
		const next = await engine.run(prepared, { startNode: 'Web Chat Webhook', items: [webchat('w-2', 'thanks!', '2026-03-04T11:40:00-06:00') as never] });
		expect(next.error).toBeUndefined();
		const [record] = await records(prepared);
		expect(record.turns.filter((t) => t.role === 'agent').map((t) => [t.text, t.by])).toEqual([['Hi Ana, Luis here: your parcel leaves today.', 'Luis']]);
		expect(record.suggestions).toHaveLength(1);
	});

	it('an unanswered form (the link expired, or a replay) sends nothing more and stores no agent turn', async () => {
		const prepared = engine.prepare(load('support-247-tiered'));
		const result = await engine.run(prepared, { startNode: 'Web Chat Webhook', items: [webchat('w-1', 'I want to talk to a real person, not a bot', OPEN) as never] });
		expect(result.error).toBeUndefined();
		expect(repliesTo(result, 'Reply Channel: Web Chat', 'w-1')).toHaveLength(1);
		expect(result.outputs["Person's Reply"]?.[0] ?? []).toEqual([]);
		const [record] = await records(prepared);
		expect(record.turns.some((t) => t.role === 'agent')).toBe(false);
		expect(record.suggestions).toBeUndefined();
	});
});
