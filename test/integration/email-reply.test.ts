/**
 * Support Email Reply through n8n's real engine and a real SMTP server that delivers into a real
 * Dovecot: threading headers read back from the customer's mailbox, header injection refused,
 * and two auto-replying inboxes that stop after one message.
 */
import type { IDataObject } from 'n8n-workflow';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';

import { createEngine, type Engine } from '../../simulator/engine';
import { SupportEmailReply } from '../../nodes/SupportEmailReply/SupportEmailReply.node';
import { SupportInboxTrigger } from '../../nodes/SupportInboxTrigger/SupportInboxTrigger.node';
import { startDovecot, type DovecotServer } from '../helpers/dovecot';
import { describeWith } from '../helpers/prerequisites';
import { rawMail, startSmtp, type SmtpTestServer } from '../helpers/smtp';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';


/** Mailbox users; SMTP delivers <user>@shop.test / @example.com to the user with that local part. */
const USERS = { support: 'pw-support', helpdesk: 'pw-helpdesk', ana: 'pw-ana', carol: 'pw-carol' };

function replyWorkflow(options: IDataObject = {}, onError?: string) {
	return {
		name: 'email reply test',
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: '2',
				name: 'Reply',
				type: 'n8n-nodes-support247.supportEmailReply',
				typeVersion: 1,
				position: [200, 0],
				parameters: { options },
				credentials: { supportSmtpApi: { id: 'smtp', name: 'SMTP' } },
				...(onError ? { onError } : {}),
			},
		],
		connections: { Start: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
	};
}

describeWith('dovecot-imapd', 'email integration', 'Support Email Reply with real SMTP and IMAP', () => {
	let dovecot: DovecotServer;
	let smtp: SmtpTestServer;
	const harnesses: TriggerHarness[] = [];

	beforeAll(async () => {
		dovecot = await startDovecot(USERS);
		smtp = await startSmtp({
			deliver(recipient, raw) {
				const user = recipient.split('@')[0];
				if (user in USERS) dovecot.deliver(user, raw);
			},
		});
	});

	afterEach(async () => {
		for (const harness of harnesses.splice(0)) await harness.close();
	});

	afterAll(async () => {
		await smtp?.close();
		await dovecot?.destroy();
	});

	/** An engine whose Support Email Reply is the real node (the simulator's default is a capture stand-in). */
	async function engineSendingAs(fromEmail: string, fromName = 'Shop Support'): Promise<Engine> {
		return createEngine({
			loadPackage: false,
			extraNodeTypes: { 'n8n-nodes-support247.supportEmailReply': new SupportEmailReply() },
			credentials: {
				supportSmtpApi: { host: smtp.host, port: smtp.port, secure: false, user: smtp.user, password: smtp.password, fromEmail, fromName },
			},
		});
	}

	function inbox(user: keyof typeof USERS, onEmit?: (items: IDataObject[]) => void): TriggerHarness {
		const harness = createTriggerHarness(new SupportInboxTrigger(), {
			credentials: { supportImapApi: { host: dovecot.host, port: dovecot.port, secure: false, user, password: USERS[user] } },
			parameters: { watchMode: 'idle', options: { reconnectDelay: 0.2 } },
			onEmit,
		});
		harnesses.push(harness);
		return harness;
	}

	async function readMailbox(user: keyof typeof USERS) {
		const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user, pass: USERS[user] }, logger: false });
		await client.connect();
		try {
			await client.mailboxOpen('INBOX');
			const sources: Buffer[] = [];
			for await (const message of client.fetch('1:*', { source: true })) if (message.source) sources.push(message.source);
			return Promise.all(sources.map((source) => simpleParser(source)));
		} catch (error) {
			if (/empty|Invalid messageset/i.test(String(error))) return [];
			throw error;
		}
		finally {
			await client.logout();
		}
	}

	it('replies in the thread: In-Reply-To, References, Auto-Submitted and the ticket id, read back from the mailbox', async () => {
		const trigger = inbox('support');
		await trigger.start();
		dovecot.deliver(
			'support',
			rawMail({
				from: '"Ana López" <ana@example.com>',
				to: 'support@shop.test',
				subject: 'Where is my order?',
				messageId: '<order-q@example.com>',
				text: 'It has been a week.',
				headers: { References: '<older@example.com>' },
			}),
		);
		const [ticket] = await trigger.waitForItems(1);

		const engine = await engineSendingAs('support@shop.test');
		const result = await engine.run(replyWorkflow(), { items: [{ ...ticket, reply: { text: 'It ships today.', language: 'en' } }] });
		expect(result.error).toBeUndefined();
		const [out] = result.outputs.Reply[0];
		expect(out.pairedItem).toEqual({ item: 0 });
		expect(out.json.sent).toMatchObject({ accepted: ['ana@example.com'], rejected: [] });
		expect(out.json.ticketId).toBe(ticket.ticketId);

		const [received] = await readMailbox('ana');
		expect(received.subject).toBe(`Re: Where is my order? [#${ticket.ticketId}]`);
		expect(received.inReplyTo).toBe('<order-q@example.com>');
		expect(received.references).toEqual(['<older@example.com>', '<order-q@example.com>']);
		expect(received.headers.get('auto-submitted')).toBe('auto-replied');
		expect(received.messageId).toBe((out.json.sent as IDataObject).messageId);
		expect(received.from?.value[0]).toEqual({ address: 'support@shop.test', name: 'Shop Support' });
		expect(received.to && !Array.isArray(received.to) && received.to.value[0]).toEqual({ address: 'ana@example.com', name: 'Ana López' });
		expect(received.text?.trim()).toBe('It ships today.');

		// The customer's answer comes back to the same ticket through the subject tag.
		dovecot.deliver('support', rawMail({ from: 'ana@example.com', subject: received.subject!, messageId: '<order-a@example.com>', text: 'Thanks!' }));
		const items = await trigger.waitForItems(2);
		expect(items[1].ticketId).toBe(ticket.ticketId);
	});

	it('two auto-replying inboxes stop after one message: zero replies to Auto-Submitted mail', async () => {
		const supportEngine = await engineSendingAs('support@shop.test');
		const helpdeskEngine = await engineSendingAs('helpdesk@shop.test', 'Other Helpdesk');
		const replies: Promise<unknown>[] = [];
		// Each inbox answers every ticket it is given, as an always-on AI responder would.
		const wire = (engine: Engine) => (items: IDataObject[]) => {
			for (const item of items) replies.push(engine.run(replyWorkflow(), { items: [{ ...item, reply: { text: 'We got your message.', language: 'en' } }] }));
		};
		const support = inbox('support', wire(supportEngine));
		const helpdesk = inbox('helpdesk', wire(helpdeskEngine));
		await support.start();
		await helpdesk.start();
		const before = smtp.messages.length;

		// A person at the other helpdesk writes to us once.
		dovecot.deliver('support', rawMail({ from: 'helpdesk@shop.test', subject: 'Partner question', messageId: '<partner-q@shop.test>', text: 'Do you ship to Chile?' }));
		await support.waitForItems(1);
		await smtp.waitForMessages(before + 1);
		// A human mail behind our auto-reply in the helpdesk inbox proves it processed the auto-reply.
		dovecot.deliver('helpdesk', rawMail({ from: 'carol@example.com', subject: 'Hi', messageId: '<carol@example.com>', text: 'Hello' }));
		const helpdeskItems = await helpdesk.waitForItems(1);
		await smtp.waitForMessages(before + 2);
		await Promise.all(replies);

		expect(helpdeskItems.map((item) => (item.message as IDataObject).id)).toEqual(['<carol@example.com>']);
		expect(helpdesk.logs.some((log) => /skipped UID \d+: Auto-Submitted: auto-replied/.test(log.message))).toBe(true);
		const sent = smtp.messages.slice(before).map((mail) => ({ from: mail.from, to: mail.to }));
		expect(sent).toEqual([
			{ from: 'support@shop.test', to: ['helpdesk@shop.test'] },
			{ from: 'helpdesk@shop.test', to: ['carol@example.com'] },
		]);
		expect(support.items()).toHaveLength(1);
	});

	it.each([
		['subject', { subject: 'Hello\r\nBcc: victim@example.com' }, {}],
		['reply-to', { replyTo: 'support@shop.test\nBcc: victim@example.com' }, {}],
		['name', {}, { customer: { email: 'ana@example.com', name: 'Ana\r\nBcc: victim@example.com' } }],
		['to', {}, { email: { from: 'ana@example.com\nBcc: victim@example.com' } }],
	])('refuses CR/LF in %s, naming the field, and sends nothing', async (field, options, itemOverride) => {
		const engine = await engineSendingAs('support@shop.test');
		const before = smtp.messages.length;
		const item = { ticketId: 'T-9', channel: 'email', customer: { email: 'ana@example.com' }, message: { text: 'q', subject: 'Question' }, reply: { text: 'answer' }, ...itemOverride };

		const failed = await engine.run(replyWorkflow(options), { items: [item] });
		expect(failed.error?.node).toBe('Reply');
		expect(failed.error?.message).toContain(`"${field}"`);

		// With "continue on error" the item goes on, carrying the error.
		const continued = await engine.run(replyWorkflow(options, 'continueRegularOutput'), { items: [item] });
		expect(continued.error).toBeUndefined();
		expect(continued.outputs.Reply[0][0].json.error).toContain(`"${field}"`);
		expect(continued.outputs.Reply[0][0].json.sent).toBeUndefined();
		expect(smtp.messages.length).toBe(before);
	});

	it('tests the SMTP credential with verify()', async () => {
		const test = new SupportEmailReply().methods.credentialTest.supportSmtpConnectionTest;
		const credential = (password: string) => ({
			id: '1',
			name: 'smtp',
			type: 'supportSmtpApi',
			data: { host: smtp.host, port: smtp.port, secure: false, user: smtp.user, password, fromEmail: 'support@shop.test' },
		});
		await expect(test.call({} as never, credential(smtp.password))).resolves.toEqual({ status: 'OK', message: 'Connection successful' });
		await expect(test.call({} as never, credential('wrong'))).resolves.toMatchObject({ status: 'Error' });
	});
});
