/**
 * Support Inbox Trigger against a real Dovecot IMAP server on loopback: each mail emitted once,
 * automated mail skipped, reconnection after a server restart, and a UID cursor that survives
 * a trigger restart.
 */
import type { IDataObject } from 'n8n-workflow';
import { ImapFlow } from 'imapflow';

import { SupportInboxTrigger } from '../../nodes/SupportInboxTrigger/SupportInboxTrigger.node';
import { startDovecot, type DovecotServer } from '../helpers/dovecot';
import { describeWith } from '../helpers/prerequisites';
import { rawMail } from '../helpers/smtp';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';

describeWith('dovecot-imapd', 'email integration', 'Support Inbox Trigger on a real Dovecot', () => {
	let dovecot: DovecotServer;
	const harnesses: TriggerHarness[] = [];
	let mailbox = 0;

	beforeAll(async () => {
		dovecot = await startDovecot({ inbox1: 'pw1', inbox2: 'pw2', inbox3: 'pw3', inbox4: 'pw4', inbox5: 'pw5', inbox6: 'pw6' });
	});

	afterEach(async () => {
		for (const harness of harnesses.splice(0)) await harness.close();
	});

	afterAll(async () => {
		await dovecot?.destroy();
	});

	/** Each test gets its own mailbox user, so tests never see each other's mail. */
	function nextUser(): string {
		mailbox++;
		return `inbox${mailbox}`;
	}

	function trigger(user: string, extra: { staticData?: IDataObject; parameters?: Record<string, unknown>; mode?: 'trigger' | 'manual' } = {}) {
		const harness = createTriggerHarness(new SupportInboxTrigger(), {
			credentials: {
				supportImapApi: { host: dovecot.host, port: dovecot.port, secure: false, user, password: dovecot.users[user], mailbox: 'INBOX' },
			},
			parameters: { mailbox: '', watchMode: 'idle', options: { reconnectDelay: 0.2 }, ...extra.parameters },
			staticData: extra.staticData,
			mode: extra.mode,
		});
		harnesses.push(harness);
		return harness;
	}

	async function withClient<T>(user: string, action: (client: ImapFlow) => Promise<T>): Promise<T> {
		const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user, pass: dovecot.users[user] }, logger: false });
		await client.connect();
		try {
			await client.mailboxOpen('INBOX');
			return await action(client);
		} finally {
			await client.logout();
		}
	}

	const human = (n: string, extra: Partial<Parameters<typeof rawMail>[0]> = {}) =>
		rawMail({ from: `"Customer ${n}" <customer${n}@example.com>`, subject: `Question ${n}`, text: `Body ${n}`, messageId: `<q${n}@example.com>`, ...extra });

	it('emits each new mail once as a ticket, reads HTML-only mail and marks mail read', async () => {
		const user = nextUser();
		dovecot.deliver(user, human('1', { subject: 'Re: Order late [#T-12345]' }));
		const harness = trigger(user);
		await harness.start();
		dovecot.deliver(user, human('2', { text: undefined, html: '<p>Factura <b>duplicada</b></p>' }));
		dovecot.deliver(user, human('3', { html: '<p>Body 3</p>' }));
		await harness.waitForItems(3);
		// A fourth mail proves the trigger is still listening, and that nothing was emitted twice meanwhile.
		dovecot.deliver(user, human('4'));
		const items = await harness.waitForItems(4);

		expect(items.map((item) => (item.message as IDataObject).id)).toEqual(['<q1@example.com>', '<q2@example.com>', '<q3@example.com>', '<q4@example.com>']);
		expect(items[0]).toMatchObject({
			ticketId: 'T-12345',
			channel: 'email',
			customer: { email: 'customer1@example.com', name: 'Customer 1' },
			message: { text: 'Body 1', subject: 'Re: Order late [#T-12345]', receivedAt: '2026-03-06T23:14:00.000-06:00' },
			email: { from: 'customer1@example.com', to: ['support@shop.test'], messageId: '<q1@example.com>', uid: 1, mailbox: 'INBOX' },
		});
		expect((items[1].message as IDataObject).text).toBe('Factura duplicada');
		expect(items[1].ticketId).toMatch(/^E-[0-9A-F]{10}$/);
		expect(harness.staticData).toMatchObject({ lastUid: 4, mailbox: 'INBOX' });

		await harness.close();
		const unseen = await withClient(user, async (client) => client.search({ seen: false }, { uid: true }));
		expect(unseen).toEqual([]);
	});

	it('skips auto-replies, bounces and list mail, and emits the human mail behind them', async () => {
		const user = nextUser();
		const harness = trigger(user);
		await harness.start();
		const automated = [
			human('a1', { headers: { 'Auto-Submitted': 'auto-replied' }, subject: 'Out of office' }),
			human('a2', { headers: { Precedence: 'bulk' } }),
			human('a3', { headers: { 'List-Id': '<news.example.com>' } }),
			human('a4', { headers: { 'X-Autoreply': 'yes' } }),
			human('a5', { headers: { 'X-Auto-Response-Suppress': 'All' } }),
			human('a6', { headers: { 'Return-Path': '<>' } }),
			rawMail({ from: 'MAILER-DAEMON@mx.example.com', subject: 'Undelivered Mail Returned to Sender', messageId: '<bounce@mx>', text: 'failed' }),
			rawMail({ from: 'noreply@shop.example', subject: 'Your receipt', messageId: '<receipt@shop>', text: 'thanks' }),
		];
		for (const mail of automated) dovecot.deliver(user, mail);
		dovecot.deliver(user, human('sentinel'));

		const items = await harness.waitForItems(1);
		expect(items.map((item) => item.ticketId && (item.message as IDataObject).id)).toEqual(['<qsentinel@example.com>']);
		expect(harness.staticData.lastUid).toBe(9);
		expect(harness.logs.filter((log) => log.message.includes('skipped UID'))).toHaveLength(8);
	});

	it('reconnects after the IMAP server restarts: mail delivered while it was down arrives, none twice', async () => {
		const user = nextUser();
		const harness = trigger(user);
		await harness.start();
		dovecot.deliver(user, human('before'));
		await harness.waitForItems(1);

		await dovecot.stop();
		dovecot.deliver(user, human('down1'));
		dovecot.deliver(user, human('down2'));
		await dovecot.start();

		await harness.waitForItems(3);
		dovecot.deliver(user, human('after'));
		const items = await harness.waitForItems(4);
		expect(items.map((item) => (item.message as IDataObject).id)).toEqual([
			'<qbefore@example.com>',
			'<qdown1@example.com>',
			'<qdown2@example.com>',
			'<qafter@example.com>',
		]);
		expect(harness.logs.some((log) => log.message.includes('reconnected'))).toBe(true);
	});

	it('resumes from static data after a trigger restart: no second emit, nothing lost', async () => {
		const user = nextUser();
		const staticData: IDataObject = {};
		const first = trigger(user, { staticData });
		await first.start();
		dovecot.deliver(user, human('x'));
		await first.waitForItems(1);
		await first.close();

		// Marked unread again by a person, and a new mail while the workflow was off.
		await withClient(user, (client) => client.messageFlagsRemove('1:*', ['\\Seen'], { uid: true }));
		dovecot.deliver(user, human('y'));

		const second = trigger(user, { staticData });
		await second.start();
		dovecot.deliver(user, human('z'));
		const items = await second.waitForItems(2);
		expect(items.map((item) => (item.message as IDataObject).id)).toEqual(['<qy@example.com>', '<qz@example.com>']);
		expect(staticData).toMatchObject({ lastUid: 3 });
	});

	it('polls when IDLE is not wanted', async () => {
		const user = nextUser();
		const harness = trigger(user, { parameters: { watchMode: 'poll', pollInterval: 1, options: { markSeen: false } } });
		await harness.start();
		dovecot.deliver(user, human('p1'));
		const items = await harness.waitForItems(1);
		expect((items[0].message as IDataObject).id).toBe('<qp1@example.com>');
		const unseen = await withClient(user, async (client) => client.search({ seen: false }, { uid: true }));
		expect(unseen).toEqual([1]);
	});

	it('fetch test event: emits the newest unread human mail without moving the cursor', async () => {
		const user = nextUser();
		dovecot.deliver(user, human('old'));
		dovecot.deliver(user, human('new'));
		dovecot.deliver(user, human('auto', { headers: { 'Auto-Submitted': 'auto-generated' } }));
		const staticData: IDataObject = {};
		const harness = trigger(user, { mode: 'manual', staticData });
		const response = await harness.start();
		await response?.manualTriggerFunction?.();
		expect(harness.items().map((item) => (item.message as IDataObject).id)).toEqual(['<qnew@example.com>']);
		expect(staticData).toEqual({});
		const unseen = await withClient(user, async (client) => client.search({ seen: false }, { uid: true }));
		expect(unseen).toEqual([1, 2, 3]);
	});

	it('tests the credential with a real login', async () => {
		const test = new SupportInboxTrigger().methods.credentialTest.supportImapConnectionTest;
		const credential = (password: string) => ({ id: '1', name: 'imap', type: 'supportImapApi', data: { host: dovecot.host, port: dovecot.port, secure: false, user: 'inbox1', password, mailbox: 'INBOX' } });
		await expect(test.call({} as never, credential('pw1'))).resolves.toEqual({ status: 'OK', message: 'Connection successful' });
		await expect(test.call({} as never, credential('wrong'))).resolves.toMatchObject({ status: 'Error' });
	});
});
