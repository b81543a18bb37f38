import { DisconnectReason } from '../helpers/baileys-values';

import { backoffDelay } from '../../nodes/shared/whatsapp/backoff';
import { DISCONNECT } from '../../nodes/shared/whatsapp/disconnect';
import { toBaileysLogger } from '../../nodes/shared/whatsapp/logger';
import { RecentIds } from '../../nodes/shared/whatsapp/recent-ids';
import { WhatsAppSession, type WhatsAppSessionOptions } from '../../nodes/shared/whatsapp/session';
import type { Ticket } from '../../nodes/shared/ticket';
import { fakeSocketFactory, flush, ManualSleep, memoryAuth, silentLogger, waMessage } from '../helpers/whatsapp-harness';

const NOW = new Date('2026-03-06T12:00:00Z');

function setup(overrides: Partial<WhatsAppSessionOptions> = {}) {
	const factory = fakeSocketFactory();
	const auth = memoryAuth();
	const sleeper = new ManualSleep();
	const tickets: Ticket[] = [];
	const events = {
		qrs: [] as string[],
		loggedOut: [] as Error[],
		gaveUp: [] as Error[],
		reconnects: [] as Array<{ attempt: number; delayMs: number; code?: number }>,
		ignored: [] as string[],
	};
	const session = new WhatsAppSession({
		authFolder: '/tmp/wa-test/default',
		makeSocket: factory.makeSocket,
		loadAuthState: auth.loadAuthState,
		sleep: sleeper.sleep,
		logger: toBaileysLogger(silentLogger),
		now: () => NOW,
		events: {
			onQr: (qr) => void events.qrs.push(qr),
			onTickets: (batch) => void tickets.push(...batch),
			onLoggedOut: (error) => void events.loggedOut.push(error),
			onGiveUp: (error) => void events.gaveUp.push(error),
			onReconnect: (info) => void events.reconnects.push(info),
			onIgnored: (reason) => void events.ignored.push(reason),
		},
		...overrides,
	});
	return { session, factory, auth, sleeper, tickets, events };
}

describe('WhatsAppSession', () => {
	it('uses the same disconnect codes as Baileys', () => {
		expect(DISCONNECT.loggedOut).toBe(DisconnectReason.loggedOut);
		expect(DISCONNECT.restartRequired).toBe(DisconnectReason.restartRequired);
		expect(DISCONNECT.connectionReplaced).toBe(DisconnectReason.connectionReplaced);
	});

	it('loads the auth state from the folder and passes it to the socket', async () => {
		const { session, factory, auth } = setup();
		await session.start();
		expect(auth.loads).toEqual(['/tmp/wa-test/default']);
		expect(factory.latest().options.browserName).toBe('n8n Support247');
		expect(session.state).toBe('connecting');
		factory.latest().open();
		expect(session.state).toBe('open');
	});

	it('reports each QR code WhatsApp sends for pairing', async () => {
		const { session, factory, events } = setup();
		await session.start();
		factory.latest().qr('2@abc,def');
		factory.latest().qr('2@ghi,jkl');
		expect(events.qrs).toEqual(['2@abc,def', '2@ghi,jkl']);
	});

	it('saves the creds on every creds.update', async () => {
		const { session, factory, auth } = setup();
		await session.start();
		factory.latest().credsUpdate();
		factory.latest().credsUpdate();
		await flush();
		expect(auth.saves).toBe(2);
	});

	it('reconnects with exponential backoff after a non-logout close, and resets after open', async () => {
		const { session, factory, sleeper, events } = setup();
		await session.start();
		factory.latest().open();

		factory.latest().close(DisconnectReason.connectionLost);
		expect(factory.sockets).toHaveLength(1); // nothing before the delay has passed
		expect(sleeper.requested).toEqual([1000]);
		await sleeper.release();
		expect(factory.sockets).toHaveLength(2);

		factory.latest().close(DisconnectReason.connectionClosed);
		await sleeper.release();
		factory.latest().close(DisconnectReason.unavailableService);
		await sleeper.release();
		expect(sleeper.requested).toEqual([1000, 2000, 4000]);
		expect(events.reconnects.map((r) => r.code)).toEqual([408, 428, 503]);
		expect(factory.sockets).toHaveLength(4);

		factory.latest().open();
		factory.latest().close(DisconnectReason.connectionLost);
		expect(sleeper.requested.at(-1)).toBe(1000);
	});

	it('caps the backoff and adds bounded jitter', () => {
		expect([0, 1, 2, 3, 10].map((n) => backoffDelay(n))).toEqual([1000, 2000, 4000, 8000, 60_000]);
		expect(backoffDelay(0, undefined, () => 0.999)).toBeLessThanOrEqual(1200);
	});

	it('reconnects at once when WhatsApp asks for a restart after pairing', async () => {
		const { session, factory, sleeper } = setup();
		await session.start();
		factory.latest().close(DisconnectReason.restartRequired);
		expect(factory.sockets).toHaveLength(2);
		expect(sleeper.requested).toEqual([]);
	});

	it('stops and reports when the device was logged out, without reconnecting', async () => {
		const { session, factory, sleeper, events } = setup();
		await session.start();
		factory.latest().open();
		factory.latest().close(DisconnectReason.loggedOut);
		await sleeper.release();
		expect(factory.sockets).toHaveLength(1);
		expect(sleeper.requested).toEqual([]);
		expect(session.state).toBe('logged-out');
		expect(events.loggedOut[0].message).toMatch(/logged this device out.*\/tmp\/wa-test\/default/);
	});

	it('gives up after the configured number of reconnect attempts', async () => {
		const { session, factory, sleeper, events } = setup({ maxReconnectAttempts: 2 });
		await session.start();
		factory.latest().close(DisconnectReason.connectionLost);
		await sleeper.release();
		factory.latest().close(DisconnectReason.connectionLost);
		await sleeper.release();
		factory.latest().close(DisconnectReason.connectionLost);
		expect(factory.sockets).toHaveLength(3);
		expect(session.state).toBe('gave-up');
		expect(events.gaveUp[0].message).toMatch(/2 reconnect attempts failed/);
	});

	it('does not reconnect once stopped, and ends the socket without logging out', async () => {
		const { session, factory, sleeper } = setup();
		await session.start();
		const first = factory.latest();
		first.open();
		first.close(DisconnectReason.connectionLost);
		session.stop();
		await sleeper.release();
		expect(factory.sockets).toHaveLength(1);

		const again = setup();
		await again.session.start();
		again.factory.latest().open();
		again.session.stop();
		expect(again.factory.latest().ended).toEqual([undefined]);
		expect(again.factory.latest().loggedOut).toBe(0);
		expect(again.factory.latest().ev.listenerCount('messages.upsert')).toBe(0);
	});

	it('emits new messages from notify upserts only', async () => {
		const { session, factory, tickets, events } = setup();
		await session.start();
		factory.latest().upsert([waMessage({ id: 'H1', text: 'old history' })], 'append');
		factory.latest().upsert([waMessage({ id: 'N1', text: 'hola' }), waMessage({ id: 'N2', text: 'sigo aquí' })]);
		expect(tickets.map((t) => t.message.text)).toEqual(['hola', 'sigo aquí']);
		expect(events.ignored).toEqual(['not-notify']);
	});

	it('drops redelivered message ids, including ids remembered from before a restart', async () => {
		const { session, factory, tickets, events } = setup({ recentIds: new RecentIds(100, ['OLD1']) });
		await session.start();
		factory.latest().upsert([waMessage({ id: 'OLD1' }), waMessage({ id: 'A' })]);
		factory.latest().upsert([waMessage({ id: 'A' }), waMessage({ id: 'B' })]);
		expect(tickets.map((t) => t.message.id)).toEqual(['A', 'B']);
		expect(events.ignored).toEqual(['duplicate', 'duplicate']);
	});

	it('ignores own messages, status updates and groups by default', async () => {
		const { session, factory, tickets, events } = setup();
		await session.start();
		factory.latest().upsert([
			waMessage({ id: 'ME', fromMe: true }),
			waMessage({ id: 'ST', jid: 'status@broadcast', participant: '5215511111111@s.whatsapp.net' }),
			waMessage({ id: 'GR', jid: '120363000000000000@g.us', participant: '5215511111111@s.whatsapp.net' }),
			waMessage({ id: 'OK' }),
		]);
		expect(tickets.map((t) => t.message.id)).toEqual(['OK']);
		expect(events.ignored).toEqual(['from-me', 'status', 'group']);
	});

	it('lets each filter be turned off', async () => {
		const { session, factory, tickets } = setup({ filters: { ignoreFromMe: false, ignoreGroups: false } });
		await session.start();
		factory.latest().upsert([
			waMessage({ id: 'ME', fromMe: true, text: 'nota interna' }),
			waMessage({ id: 'GR', jid: '120363000000000000@g.us', participant: '5215511111111@s.whatsapp.net', text: 'en grupo' }),
			waMessage({ id: 'ST', jid: 'status@broadcast', participant: '5215511111111@s.whatsapp.net' }),
		]);
		expect(tickets.map((t) => t.message.id)).toEqual(['ME', 'GR']);
		expect(tickets[1]).toMatchObject({
			ticketId: 'wa-120363000000000000-5215511111111',
			customer: { id: '5215511111111@s.whatsapp.net', phone: '5215511111111' },
			whatsapp: { jid: '120363000000000000@g.us', participant: '5215511111111@s.whatsapp.net' },
		});
	});

	it('emits the ticket shape of nodes/shared/ticket.ts', async () => {
		const { session, factory, tickets } = setup();
		await session.start();
		factory.latest().upsert([waMessage({ id: '3EB0C0FFEE', text: '¿Dónde está mi pedido?', pushName: 'Ana López', ts: 1772860440 })]);
		expect(tickets).toEqual([
			{
				ticketId: 'wa-5215512345678',
				channel: 'whatsapp',
				customer: { id: '5215512345678@s.whatsapp.net', phone: '5215512345678', name: 'Ana López' },
				message: { text: '¿Dónde está mi pedido?', receivedAt: '2026-03-07T05:14:00.000Z', id: '3EB0C0FFEE' },
				whatsapp: { jid: '5215512345678@s.whatsapp.net', messageId: '3EB0C0FFEE', messageType: 'conversation' },
			},
		]);
	});

	it('whenOpen fails fast when the send connection needs a QR scan', async () => {
		const { session, factory } = setup({ failWhenPairingNeeded: true });
		const opened = session.whenOpen(30_000);
		await session.start();
		factory.latest().qr('2@unpaired');
		await expect(opened).rejects.toThrow(/not paired/);
	});

	it('stops when another connection replaces it, if asked to', async () => {
		const { session, factory, sleeper } = setup({ stopOnReplaced: true });
		await session.start();
		factory.latest().close(DisconnectReason.connectionReplaced);
		expect(session.state).toBe('gave-up');
		expect(sleeper.requested).toEqual([]);
	});
});
