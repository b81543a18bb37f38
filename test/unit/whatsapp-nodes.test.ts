import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DisconnectReason } from '../helpers/baileys-values';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, IDataObject } from 'n8n-workflow';

import { SupportWhatsAppSend } from '../../nodes/SupportWhatsAppSend/SupportWhatsAppSend.node';
import { SupportWhatsAppTrigger } from '../../nodes/SupportWhatsAppTrigger/SupportWhatsAppTrigger.node';
import { WhatsAppConnectionRegistry } from '../../nodes/shared/whatsapp/registry';
import { executeContext, fakeDeps, flush, ManualSleep, triggerContext, until, waMessage } from '../helpers/whatsapp-harness';

let dir: string;
let authFolder: string;
let credentials: IDataObject;

beforeEach(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'wa-nodes-'));
	authFolder = path.join(dir, 'shop');
	credentials = { storage: 'folder', sessionName: 'shop', authFolder };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Connection timeouts sleep too: tests that wait for a connection use a sleep that never ends by itself. */
const neverTimesOut = () => fakeDeps({ sleep: new ManualSleep().sleep });

async function startTrigger(init: { mode?: 'trigger' | 'manual'; staticData?: IDataObject; options?: IDataObject; deps?: ReturnType<typeof fakeDeps> } = {}) {
	const deps = init.deps ?? fakeDeps();
	const registry = new WhatsAppConnectionRegistry();
	const node = new SupportWhatsAppTrigger(deps, registry);
	// Bursts are tested on their own below: elsewhere each message is emitted at once (quiet time 0).
	const harness = triggerContext({ credentials, ...init, options: { quietTime: 0, ...(init.options ?? {}) } });
	const response = await node.trigger.call(harness.ctx);
	return { deps, registry, node, harness, response, socket: () => deps.factory.latest() };
}

describe('Support WhatsApp Trigger: bursts', () => {
	// Pinned clock: the quiet time is counted on fake timers, never waited for.
	beforeEach(() => {
		jest.useFakeTimers({ now: new Date('2026-03-04T11:00:00-06:00'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
	});
	afterEach(() => jest.useRealTimers());

	const text = (item: IDataObject) => (item.message as IDataObject).text;

	it('joins the messages of one chat sent within the quiet time into one ticket', async () => {
		const { harness, socket } = await startTrigger({ options: { quietTime: 4 } });
		socket().open();
		socket().upsert([waMessage({ id: 'A1', text: 'hola' })]);
		jest.advanceTimersByTime(3000);
		socket().upsert([waMessage({ id: 'A2', text: '¿hacen envíos?' })]);
		jest.advanceTimersByTime(3999);
		expect(harness.emitted).toHaveLength(0);
		socket().upsert([waMessage({ id: 'A3', text: '¿y aceptan PayPal?' })]);
		jest.advanceTimersByTime(3999);
		expect(harness.emitted).toHaveLength(0);
		jest.advanceTimersByTime(1);
		expect(harness.emitted).toHaveLength(1);
		const [ticket] = harness.items();
		expect(text(ticket)).toBe('hola\n¿hacen envíos?\n¿y aceptan PayPal?');
		expect(ticket.message).toMatchObject({ id: 'A3', parts: [{ id: 'A1', text: 'hola' }, { id: 'A2' }, { id: 'A3' }] });
		expect((ticket.whatsapp as IDataObject).messageId).toBe('A3');
		expect(harness.staticData.seenIds).toEqual(['A1', 'A2', 'A3']);
	});

	it('keeps chats apart and starts afresh after the quiet time', async () => {
		const { harness, socket } = await startTrigger({ options: { quietTime: 4 } });
		socket().open();
		socket().upsert([waMessage({ id: 'A1', text: 'uno' }), waMessage({ id: 'B1', text: 'otro cliente', jid: '5215599999999@s.whatsapp.net' })]);
		jest.advanceTimersByTime(4000);
		expect(harness.emitted).toHaveLength(2);
		socket().upsert([waMessage({ id: 'A2', text: 'dos' })]);
		jest.advanceTimersByTime(4000);
		expect(harness.emitted.map((batch) => batch[0].map((item) => text(item.json)))).toEqual([['uno'], ['otro cliente'], ['dos']]);
	});

	it('does not remember a held message as handled, so a restart redelivers it', async () => {
		const { harness, socket } = await startTrigger({ options: { quietTime: 4 } });
		socket().open();
		socket().upsert([waMessage({ id: 'A1', text: 'uno' })]);
		jest.advanceTimersByTime(2000);
		socket().upsert([waMessage({ id: 'B1', text: 'otro', jid: '5215599999999@s.whatsapp.net' })]);
		jest.advanceTimersByTime(2000);
		expect(harness.emitted).toHaveLength(1);
		expect(harness.staticData.seenIds).toEqual(['A1']);
	});

	it('emits what it holds when the trigger closes', async () => {
		const { harness, socket, response } = await startTrigger({ options: { quietTime: 4 } });
		socket().open();
		socket().upsert([waMessage({ id: 'A1', text: 'hola' })]);
		await response.closeFunction?.();
		expect(harness.items().map(text)).toEqual(['hola']);
	});

	it('answers a chat that never goes quiet after ten quiet times at most', async () => {
		const { harness, socket } = await startTrigger({ options: { quietTime: 4 } });
		socket().open();
		for (let i = 0; i < 12; i++) {
			socket().upsert([waMessage({ id: `A${i}`, text: `parte ${i}` })]);
			jest.advanceTimersByTime(3500);
		}
		// The twelfth part came at 38.5 s; the burst went out at 40 s, ten quiet times after its first.
		expect(harness.emitted).toHaveLength(1);
		expect((harness.emitted[0][0][0].json.message as IDataObject).parts).toHaveLength(12);
	});
});

describe('Support WhatsApp Trigger node', () => {
	it('emits tickets and remembers their ids in static data', async () => {
		const { harness, socket, deps } = await startTrigger();
		expect(deps.auth.loads).toEqual([authFolder]);
		socket().open();
		socket().upsert([waMessage({ id: 'A1', text: 'hola' }), waMessage({ id: 'A2', text: 'hola?' })]);
		expect(harness.emitted).toHaveLength(1);
		expect(harness.items()).toEqual([
			expect.objectContaining({ ticketId: 'wa-5215512345678', channel: 'whatsapp', message: expect.objectContaining({ id: 'A1', text: 'hola' }) }),
			expect.objectContaining({ message: expect.objectContaining({ id: 'A2' }) }),
		]);
		expect(harness.staticData.seenIds).toEqual(['A1', 'A2']);
	});

	it('drops messages redelivered after a restart, using the persisted ids', async () => {
		const first = await startTrigger();
		first.socket().open();
		first.socket().upsert([waMessage({ id: 'A1' })]);
		await first.response.closeFunction?.();
		expect(first.socket().ended).toEqual([undefined]);
		expect(first.socket().loggedOut).toBe(0);

		const second = await startTrigger({ staticData: first.harness.staticData });
		second.socket().open();
		second.socket().upsert([waMessage({ id: 'A1' }), waMessage({ id: 'B1' })]);
		expect(second.harness.items().map((t) => (t.message as IDataObject).id)).toEqual(['B1']);
		expect(second.harness.staticData.seenIds).toEqual(['A1', 'B1']);
	});

	it('honours the ignore options', async () => {
		const { harness, socket } = await startTrigger({ options: { ignoreFromMe: false } });
		socket().upsert([waMessage({ id: 'ME', fromMe: true, text: 'yo' }), waMessage({ id: 'G', jid: '1203@g.us', participant: '521@s.whatsapp.net' })]);
		expect(harness.items().map((t) => (t.message as IDataObject).id)).toEqual(['ME']);
	});

	it('shows the QR code: log, PNG next to the auth folder, static data', async () => {
		const { harness, socket } = await startTrigger();
		socket().qr('2@pairing-ref,abc,def');
		await until(() => existsSync(`${authFolder}-qr.png`) && harness.staticData.pairing !== undefined);
		const log = harness.logs.find((line) => line.message.includes('WhatsApp pairing needed'));
		expect(log?.message).toContain(`${authFolder}-qr.png`);
		expect(log?.message).toMatch(/[█▀▄]/); // the terminal rendering
		const png = readFileSync(`${authFolder}-qr.png`);
		expect(png.subarray(1, 4).toString()).toBe('PNG');
		expect(harness.staticData.pairing).toMatchObject({ qr: '2@pairing-ref,abc,def', qrDataUrl: expect.stringMatching(/^data:image\/png;base64,/) });
		expect(harness.emitted).toHaveLength(0); // only manual runs emit the QR

		socket().open();
		expect(harness.staticData.pairing).toBeUndefined();
		await until(() => !existsSync(`${authFolder}-qr.png`));
	});

	it('in a manual run emits the QR as an item and keeps the socket alive for the scan', async () => {
		const { harness, socket, response, registry, deps } = await startTrigger({ mode: 'manual', deps: neverTimesOut() });
		socket().qr('2@manual-ref');
		await until(() => harness.emitted.length > 0);
		expect(harness.items()).toEqual([
			{ pairing: expect.objectContaining({ qr: '2@manual-ref', qrDataUrl: expect.stringMatching(/^data:image\/png;base64,/), qrFile: `${authFolder}-qr.png`, authFolder }) },
		]);
		expect(harness.emitted[0][0][0].binary?.qr).toMatchObject({ mimeType: 'image/png', fileName: 'whatsapp-qr.png' });

		await response.closeFunction?.(); // n8n ends the manual run after the first emit
		expect(socket().ended).toEqual([]);
		socket().open(); // the user scans
		const sendSocket = await registry.socketFor(authFolder, () => {
			throw new Error('should reuse the paired socket');
		}, 1000);
		expect(sendSocket).toBe(socket());
		expect(deps.factory.sockets).toHaveLength(1);
	});

	it('stops and reports when WhatsApp logged the device out', async () => {
		const { harness, socket, deps } = await startTrigger();
		socket().open();
		socket().close(DisconnectReason.loggedOut);
		await flush();
		expect(harness.errors.map((e) => e.message)).toEqual([expect.stringContaining('logged this device out')]);
		expect(deps.factory.sockets).toHaveLength(1);
		expect(deps.time.slept).toEqual([]);
	});

	it('reconnects with backoff after a dropped connection', async () => {
		const { socket, deps, harness } = await startTrigger({ options: { reconnectInitialDelay: 2 } });
		socket().open();
		socket().close(DisconnectReason.connectionLost);
		await flush();
		expect(deps.time.slept.length).toBe(1);
		expect(deps.time.slept[0]).toBeGreaterThanOrEqual(2000);
		expect(deps.time.slept[0]).toBeLessThanOrEqual(2400);
		expect(deps.factory.sockets).toHaveLength(2);
		expect(harness.logs.some((line) => line.level === 'warn' && line.message.includes('reconnect attempt 1'))).toBe(true);
	});

	it('tests the credential by checking the auth folder', async () => {
		const test = new SupportWhatsAppTrigger(fakeDeps()).methods.credentialTest.whatsAppSessionApiTest;
		const call = (data: IDataObject) => test.call({} as ICredentialTestFunctions, { id: '1', name: 'wa', type: 'whatsAppSessionApi', data: data as ICredentialDataDecryptedObject });
		expect(await call(credentials)).toEqual({ status: 'Error', message: expect.stringContaining('not paired yet') });
		mkdirSync(authFolder, { recursive: true });
		writeFileSync(path.join(authFolder, 'creds.json'), JSON.stringify({ me: { id: '5215500000000:7@s.whatsapp.net' } }));
		expect(await call(credentials)).toEqual({ status: 'OK', message: 'Paired as 5215500000000:7@s.whatsapp.net' });
		expect(await call({ sessionName: '../etc' })).toEqual({ status: 'Error', message: expect.stringContaining('Session Name') });
	});
});

const TICKET = {
	ticketId: 'wa-5215512345678',
	channel: 'whatsapp',
	customer: { id: '5215512345678@s.whatsapp.net', phone: '5215512345678' },
	message: { text: 'hola', id: 'IN1' },
	whatsapp: { jid: '5215512345678@s.whatsapp.net', messageId: 'IN1' },
	reply: { text: 'Hola Ana, tu pedido sale hoy.', language: 'es' },
};

describe('Support WhatsApp Send node', () => {
	async function pairedTrigger() {
		const started = await startTrigger();
		started.socket().open();
		return started;
	}

	it('sends reply.text through the trigger\'s socket and adds `sent`', async () => {
		const { deps, registry, socket } = await pairedTrigger();
		const node = new SupportWhatsAppSend(deps, registry);
		const [out] = await node.execute.call(executeContext({ items: [TICKET], credentials, parameters: { options: { typingDelay: 500 } } }));
		expect(out).toEqual([{ json: { ...TICKET, sent: { to: TICKET.whatsapp.jid, messageId: 'SENT-1', kind: 'text' } }, pairedItem: { item: 0 } }]);
		expect(socket().calls).toEqual(['presence:composing', 'send', 'presence:paused']);
		expect(deps.time.slept).toEqual([500]);
		expect(deps.factory.sockets).toHaveLength(1);
	});

	it('uses customer.phone when there is no jid, and a configured field when given', async () => {
		const { deps, registry, socket } = await pairedTrigger();
		const node = new SupportWhatsAppSend(deps, registry);
		const noJid = { ...TICKET, whatsapp: undefined, customer: { phone: '+52 1 55 9999 0000' } };
		const custom = { ...TICKET, agent: { to: '5215588887777' }, reply: { text: 'Te atiende Luis', language: 'es' } };
		await node.execute.call(executeContext({ items: [noJid], credentials, parameters: { options: { typing: false } } }));
		await node.execute.call(executeContext({ items: [custom], credentials, parameters: { recipientField: 'agent.to', options: { typing: false } } }));
		expect(socket().sent.map((s) => s.jid)).toEqual(['5215599990000@s.whatsapp.net', '5215588887777@s.whatsapp.net']);
	});

	it('sends choices as configured', async () => {
		const { deps, registry, socket } = await pairedTrigger();
		const node = new SupportWhatsAppSend(deps, registry);
		const withChoices = { ...TICKET, reply: { text: '¿Algo más?', language: 'es', choices: ['Sí', 'No'] } };
		const [out] = await node.execute.call(
			executeContext({ items: [withChoices], credentials, parameters: { interactive: 'native', options: { typing: false } } }),
		);
		expect(socket().relayed[0].message.buttonsMessage?.buttons).toHaveLength(2);
		expect(out[0].json.sent).toEqual({ to: TICKET.whatsapp.jid, messageId: 'RELAY-1', kind: 'buttons' });
	});

	it('names the missing field, or reports it per item under continueOnFail', async () => {
		const { deps, registry } = await pairedTrigger();
		const node = new SupportWhatsAppSend(deps, registry);
		const noRecipient = { ...TICKET, whatsapp: undefined, customer: {} };
		await expect(node.execute.call(executeContext({ items: [noRecipient], credentials }))).rejects.toThrow(
			'No WhatsApp recipient in field "whatsapp.jid" or "customer.phone"',
		);
		await expect(node.execute.call(executeContext({ items: [{ ...TICKET, reply: {} }], credentials }))).rejects.toThrow(
			'No message text in field "reply.text"',
		);
		const [out] = await node.execute.call(
			executeContext({ items: [noRecipient, TICKET], credentials, continueOnFail: true, parameters: { options: { typing: false } } }),
		);
		expect(out.map((item) => [item.json.error ?? null, item.json.sent ? 'sent' : null, item.pairedItem])).toEqual([
			[expect.stringContaining('No WhatsApp recipient'), null, { item: 0 }],
			[null, 'sent', { item: 1 }],
		]);
	});

	it('rate-limits sends per chat on the injected clock', async () => {
		const { deps, registry } = await pairedTrigger();
		const node = new SupportWhatsAppSend(deps, registry);
		const parameters = { options: { typing: false, perChatPerMinute: 6, perChatBurst: 1 } };
		await node.execute.call(executeContext({ items: [TICKET, TICKET, TICKET], credentials, parameters }));
		expect(deps.time.slept).toEqual([10_000, 10_000]);
	});

	it('without a trigger in this process, opens its own connection from the saved auth state and reuses it', async () => {
		const deps = neverTimesOut();
		const registry = new WhatsAppConnectionRegistry();
		const node = new SupportWhatsAppSend(deps, registry);
		const run = node.execute.call(executeContext({ items: [TICKET], credentials, parameters: { options: { typing: false } } }));
		await flush();
		expect(deps.auth.loads).toEqual([authFolder]);
		deps.factory.latest().open();
		await run;
		await node.execute.call(executeContext({ items: [TICKET], credentials, parameters: { options: { typing: false } } }));
		expect(deps.factory.sockets).toHaveLength(1);
		expect(deps.factory.latest().sent).toHaveLength(2);

		// A trigger starting later takes the session over: the borrowed socket is closed, not logged out.
		const trigger = new SupportWhatsAppTrigger(deps, registry);
		await trigger.trigger.call(triggerContext({ credentials }).ctx);
		await flush();
		expect(deps.factory.sockets[0].ended).toEqual([undefined]);
		expect(deps.factory.sockets[0].loggedOut).toBe(0);
	});

	it('fails clearly when the session was never paired', async () => {
		const deps = neverTimesOut();
		const node = new SupportWhatsAppSend(deps, new WhatsAppConnectionRegistry());
		const run = node.execute.call(executeContext({ items: [TICKET], credentials }));
		await flush();
		deps.factory.latest().qr('2@needs-scan');
		await expect(run).rejects.toThrow(/not paired.*scan its QR code/);
		expect(deps.factory.latest().ended).toEqual([undefined]);
	});
});
