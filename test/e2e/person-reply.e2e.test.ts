/**
 * One web chat conversation in a real n8n 2.41.1, with the main template as imported. The messages carry a
 * pinned time, Sunday 1 March 2026 in Mexico City, when the store is closed:
 * 1. a question that gives an order number: the bot answers, opening with the off-hours greeting;
 * 2. "Quiero hablar con una persona": the holding reply (no second greeting); *Notify Agents* (n8n's Send
 *    Email, Send and Wait for Response) mails the agents through a real SMTP server on loopback, with the order
 *    number from message 1 in the brief, so nobody asks for it again; the execution waits;
 * 3. a message while the person holds the conversation: no AI answer, the person is mailed a note instead
 *    (not a second form: one execution waits, for the first form's answer);
 * n8n is restarted while the execution waits; the test opens the mail's button link and submits n8n's form
 * as a person would, choosing "hand it back to the bot"; *Person's Reply* stores the answer and the widget's
 * poll of `support247/chat/updates` gets it;
 * 4. the next question is the bot's again, answered without a new greeting.
 * Nodes that need accounts this machine lacks are switched off, as in live-web-chat.e2e.test.ts.
 */
import { readFileSync } from 'fs';
import { simpleParser } from 'mailparser';
import { join } from 'path';
import { startSmtp, type SmtpTestServer } from '../helpers/smtp';
import { REPO_ROOT } from './helpers/n8n-install';
import { N8nServer } from './helpers/n8n-server';

interface TemplateNode {
	name: string;
	type: string;
	disabled?: boolean;
	credentials?: Record<string, unknown>;
	parameters: Record<string, unknown>;
}
const template = JSON.parse(readFileSync(join(REPO_ROOT, 'workflows/support-247-tiered.json'), 'utf8')) as { id: string; nodes: TemplateNode[] };

const FILLED_IN = ['Reply Channel: WhatsApp', 'Reply Channel: Email', 'Notify Agents', 'Tell the Person'];
const OUTSIDE_WORLD = ['Order System (L2)', 'Human Queue', ...template.nodes.filter((n) => n.credentials && !FILLED_IN.includes(n.name)).map((n) => n.name)];
const SESSION = 'e2e-session-ana';
const ANSWER = 'Hola Ana, soy Luis del equipo. Tu reembolso quedó aprobado hoy; lo verás en 3 días hábiles.';

let server: N8nServer;
let smtp: SmtpTestServer;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Sunday 10:00 in Mexico City: the store is closed (it opens Monday at 9:00), so the greeter greets.
const T0 = Date.parse('2026-03-01T10:00:00-06:00');

async function chat(ticketId: string, text: string, minute: number) {
	const created_at = new Date(T0 + minute * 60_000).toISOString();
	const { status, text: body } = await server.postWebhook('support247/chat', { ticketId, sessionId: SESSION, text, created_at, customer: { name: 'Ana', language: 'es' } });
	expect(status).toBe(200);
	return JSON.parse(body) as { tier: string; reasons: string[]; reply?: { text: string }; hours: { open?: boolean } };
}

/** The greeter's off-hours greeting names the business and when a person is back; a knowledge answer does neither. */
const GREETING = /Aurora Store/;

async function poll(after?: string) {
	const query = new URLSearchParams({ sessionId: SESSION, ...(after ? { after } : {}) });
	// After a restart the webhooks register a moment after n8n answers: a 404 then never ran the workflow.
	let res = await fetch(`${server.baseUrl}/webhook/support247/chat/updates?${query}`);
	for (let i = 0; i < 60 && res.status === 404; i++) {
		await sleep(500);
		res = await fetch(`${server.baseUrl}/webhook/support247/chat/updates?${query}`);
	}
	expect(res.status).toBe(200);
	return (await res.json()) as { replies: Array<{ text: string; by?: string; at: string }>; withPerson: boolean };
}

beforeAll(async () => {
	smtp = await startSmtp();
	server = await N8nServer.start();
	const credentials: Record<string, Record<string, { id: string; name: string }>> = {
		'Reply Channel: WhatsApp': {
			whatsAppSessionApi: await server.createCredential('whatsAppSessionApi', 'WhatsApp e2e', { storage: 'folder', sessionName: 'e2e', authFolder: join(server.userFolder, 'whatsapp-e2e') }),
		},
		'Reply Channel: Email': {
			supportSmtpApi: await server.createCredential('supportSmtpApi', 'Support SMTP e2e', { host: '127.0.0.1', port: smtp.port, secure: false, user: smtp.user, password: smtp.password, fromEmail: 'support@aurora.test' }),
		},
	};
	// The form and the note go out through the same agents' mailbox.
	credentials['Notify Agents'] = { smtp: await server.createCredential('smtp', 'Agents SMTP e2e', { host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true, user: smtp.user, password: smtp.password }) };
	credentials['Tell the Person'] = credentials['Notify Agents'];
	const live = {
		...template,
		nodes: template.nodes.map((n) => ({ ...n, ...(OUTSIDE_WORLD.includes(n.name) ? { disabled: true } : {}), ...(credentials[n.name] ? { credentials: credentials[n.name] } : {}) })),
	};
	server.importWorkflowWithCli(live);
	const activated = await server.activateWorkflow(template.id);
	if (!activated.active) throw new Error(`the template did not activate: ${JSON.stringify(activated)}`);
});

afterAll(async () => {
	await server?.stop();
	await smtp?.close();
});

test('one conversation: greeted once, the first message\'s order number known to the person, the bot silent while the person holds it, the answer from the mailed form across an n8n restart, then the bot again', async () => {
	// 1. First contact, off hours: the answer opens with the greeting.
	const first = await chat('e2e-1', 'Hola, ¿dónde descargo la factura de mi pedido #48213?', 0);
	expect(first.tier).toBe('L1');
	expect(first.hours.open).toBe(false);
	expect(first.reply?.text).toMatch(GREETING);
	expect(first.reply?.text).toMatch(/mañana a las 9:00/);
	expect(first.reply?.text).toMatch(/factura/i);

	// 2. A person, please: the holding reply promises one, without greeting again.
	const handoff = await chat('e2e-2', 'Quiero hablar con una persona', 1);
	expect(handoff.tier).toBe('L3');
	expect(handoff.reply?.text.length).toBeGreaterThan(20);
	expect(handoff.reply?.text).not.toMatch(GREETING);
	const askedAt = new Date().toISOString();

	// The agents' mail, with n8n's button to its form; the execution waits for it. The brief carries the
	// order number from message 1 (the router reads the conversation's earlier turns), so no one asks again.
	const [mail] = await smtp.waitForMessages(1, 120_000);
	expect(mail.to).toEqual(['agents@example.com']);
	const parsed = await simpleParser(mail.raw);
	expect(parsed.html || '').toContain('Quiero hablar con una persona');
	expect(parsed.html || '').toContain('Facts: orderNumbers 48213');
	const link = /href="([^"]*\/webhook-waiting\/[^"]+)"/.exec(String(parsed.html))?.[1]?.replace(/&amp;/g, '&');
	expect(link).toEqual(expect.stringContaining(server.baseUrl));
	const waiting = await server.waitForExecution(template.id, (list) => list.find((e) => e.status === 'waiting'), 'waiting for the form', 60_000);
	const held = await poll(askedAt);
	expect(held.replies).toEqual([]);
	expect(held.withPerson).toBe(true);

	// 3. While the person holds the conversation the bot says nothing: the message goes to the person.
	const during = await chat('e2e-3', '¿Siguen ahí? Necesito la factura hoy', 2);
	expect(during.tier).toBe('L3');
	expect(during.reasons[0]).toBe('taken over by a person');
	expect(during.reply).toBeUndefined();
	// The person still has the first mail's form: this one is a plain note, with no second form and no
	// second execution waiting for an answer.
	const mails = await smtp.waitForMessages(2, 120_000);
	const second = await simpleParser(mails[1].raw);
	expect(second.subject).toMatch(/the customer wrote again/);
	expect(second.text || '').toContain('¿Siguen ahí? Necesito la factura hoy');
	expect(`${second.html || ''}${second.text || ''}`).not.toContain('/webhook-waiting/');
	await server.waitForExecution(template.id, (list) => (list.some((e) => e.status === 'running' || e.status === 'new') ? undefined : list[0]), 'left running after the note', 60_000);
	expect((await server.executions(template.id)).filter((e) => e.status === 'waiting').map((e) => e.id)).toEqual([waiting.id]);
	expect((await poll(askedAt)).replies).toEqual([]);

	// A person may answer hours later: n8n keeps the waiting execution in its database across a restart.
	await server.restart();
	await server.waitForExecution(template.id, (list) => list.find((e) => e.id === waiting.id && e.status === 'waiting'), 'still waiting after the restart', 60_000);

	const page = await fetch(link as string);
	expect(page.status).toBe(200);
	const html = await page.text();
	for (const label of ['Reply', 'Then', 'Your name']) expect(html).toContain(label);

	// n8n's form posts multipart fields named field-<n> in the order of the form's elements.
	const form = new FormData();
	form.append('field-0', ANSWER);
	form.append('field-1', 'Reply and hand it back to the bot');
	form.append('field-2', 'Luis');
	const submitted = await fetch(link as string, { method: 'POST', body: form });
	expect(submitted.status).toBe(200);

	await server.waitForExecution(template.id, (list) => list.find((e) => e.id === waiting.id && e.status === 'success'), 'resumed and finished', 120_000);
	let updates = await poll(askedAt);
	for (let i = 0; i < 20 && updates.replies.length === 0; i++) {
		await sleep(500);
		updates = await poll(askedAt);
	}
	expect(updates.replies.map((r) => [r.text, r.by])).toEqual([[ANSWER, 'Luis']]);
	expect(updates.withPerson).toBe(false);
	// The widget asks from its last reply on: the same answer is not shown twice.
	expect((await poll(updates.replies[0].at)).replies).toEqual([]);

	// 4. Handed back: the bot answers again, and does not greet a second time.
	const next = await chat('e2e-4', '¿Cuál es el horario de la tienda el sábado?', 3);
	expect(next.tier).toBe('L1');
	expect(next.reply?.text.length).toBeGreaterThan(20);
	expect(next.reply?.text).not.toMatch(GREETING);
	expect(next.reply?.text).not.toMatch(/^(Hola|¡Hola)/);
});
