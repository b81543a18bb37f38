import { deliver } from '../../nodes/shared/whatsapp/deliver';
import { normalizeChoices, numberedText, planMessage } from '../../nodes/shared/whatsapp/outgoing';
import { SendRateLimiter } from '../../nodes/shared/whatsapp/rate-limit';
import { FakeSocket, VirtualClock } from '../helpers/whatsapp-harness';
import { toBaileysLogger } from '../../nodes/shared/whatsapp/logger';
import { silentLogger } from '../helpers/whatsapp-harness';

const JID = '5215512345678@s.whatsapp.net';
const three = normalizeChoices(['Rastrear pedido', { id: 'ret', title: 'Devolución', description: 'hasta 30 días' }, 'Hablar con una persona']);
const five = normalizeChoices(['Uno', 'Dos', 'Tres', 'Cuatro', 'Cinco']);

function socket(behaviour = {}) {
	return new FakeSocket({ auth: {} as never, browserName: 'x', markOnlineOnConnect: false, logger: toBaileysLogger(silentLogger) }, behaviour);
}
const noTyping = { enabled: false, ms: 0 };
const instant = async () => undefined;

describe('outgoing WhatsApp messages', () => {
	it('sends plain text', async () => {
		const s = socket();
		const result = await deliver(s, JID, planMessage('Hola Ana', [], 'numbered'), noTyping, instant);
		expect(s.sent).toEqual([{ jid: JID, content: { text: 'Hola Ana' } }]);
		expect(result).toEqual({ messageId: 'SENT-1', kind: 'text' });
	});

	it('numbers the choices in the text', () => {
		expect(numberedText('¿Qué necesitas?', three)).toBe('¿Qué necesitas?\n\n1. Rastrear pedido\n2. Devolución (hasta 30 días)\n3. Hablar con una persona');
		expect(planMessage('¿Qué necesitas?', three, 'numbered')).toEqual({ kind: 'numbered', content: { text: numberedText('¿Qué necesitas?', three) } });
	});

	it('sends up to three choices as reply buttons', async () => {
		const s = socket();
		const result = await deliver(s, JID, planMessage('¿Qué necesitas?', three, 'native', { footer: 'Soporte 24/7' }), noTyping, instant);
		expect(s.relayed).toEqual([
			{
				jid: JID,
				message: {
					buttonsMessage: {
						contentText: '¿Qué necesitas?',
						footerText: 'Soporte 24/7',
						headerType: 1,
						buttons: [
							{ buttonId: '1', buttonText: { displayText: 'Rastrear pedido' }, type: 1 },
							{ buttonId: 'ret', buttonText: { displayText: 'Devolución' }, type: 1 },
							{ buttonId: '3', buttonText: { displayText: 'Hablar con una pers…' }, type: 1 },
						],
					},
				},
			},
		]);
		expect(result).toEqual({ messageId: 'RELAY-1', kind: 'buttons' });
	});

	it('sends more choices as a single-select list', async () => {
		const s = socket();
		await deliver(s, JID, planMessage('Elige', five, 'native', { listButtonText: 'Ver opciones' }), noTyping, instant);
		const list = s.relayed[0].message.listMessage;
		expect(list).toMatchObject({ description: 'Elige', buttonText: 'Ver opciones', listType: 1 });
		expect(list?.sections?.[0].rows?.map((row) => [row.rowId, row.title])).toEqual([
			['1', 'Uno'],
			['2', 'Dos'],
			['3', 'Tres'],
			['4', 'Cuatro'],
			['5', 'Cinco'],
		]);
	});

	it('falls back to numbered text when WhatsApp refuses buttons or the socket cannot relay', async () => {
		const refusing = socket({ relayFails: true });
		const result = await deliver(refusing, JID, planMessage('Elige', three, 'native'), noTyping, instant);
		expect(refusing.sent).toEqual([{ jid: JID, content: { text: numberedText('Elige', three) } }]);
		expect(result).toMatchObject({ kind: 'numbered', fallbackFrom: 'buttons', fallbackReason: 'Bad request' });

		const plain = socket({ noRelay: true });
		const listResult = await deliver(plain, JID, planMessage('Elige', five, 'native'), noTyping, instant);
		expect(plain.sent[0].content).toEqual({ text: numberedText('Elige', five) });
		expect(listResult).toMatchObject({ kind: 'numbered', fallbackFrom: 'list' });
	});

	it('sends a single-choice poll', async () => {
		const s = socket();
		await deliver(s, JID, planMessage('¿Te ayudó?', normalizeChoices(['Sí', 'No']), 'poll'), noTyping, instant);
		expect(s.sent[0].content).toEqual({ poll: { name: '¿Te ayudó?', values: ['Sí', 'No'], selectableCount: 1 } });
	});

	it('shows typing before the message and stops it after, even when sending fails', async () => {
		const s = socket();
		const waits: number[] = [];
		await deliver(s, JID, planMessage('Hola', [], 'none'), { enabled: true, ms: 800 }, async (ms) => void waits.push(ms));
		expect(s.calls).toEqual(['presence:composing', 'send', 'presence:paused']);
		expect(s.presence.every((p) => p.jid === JID)).toBe(true);
		expect(waits).toEqual([800]);

		const failing = socket();
		failing.sendMessage = async () => {
			failing.calls.push('send');
			throw new Error('socket closed');
		};
		await expect(deliver(failing, JID, planMessage('Hola', [], 'none'), { enabled: true, ms: 0 }, instant)).rejects.toThrow('socket closed');
		expect(failing.calls).toEqual(['presence:composing', 'send', 'presence:paused']);
	});
});

describe('SendRateLimiter', () => {
	it('lets a burst through, then paces one chat at its rate', async () => {
		const time = new VirtualClock();
		const limiter = new SendRateLimiter({ perChat: { perMinute: 6, burst: 2 }, global: { perMinute: 0, burst: 1 } }, time.clock, time.sleep);
		const waits = [];
		for (let i = 0; i < 4; i++) waits.push(await limiter.acquire(JID));
		expect(waits).toEqual([0, 0, 10_000, 10_000]);
		expect(time.now).toBe(20_000);
	});

	it('applies the global limit across chats while other chats keep their own budget', async () => {
		const time = new VirtualClock();
		const limiter = new SendRateLimiter({ perChat: { perMinute: 60, burst: 5 }, global: { perMinute: 30, burst: 3 } }, time.clock, time.sleep);
		const waits = [];
		for (const chat of ['a', 'b', 'c', 'd', 'e']) waits.push(await limiter.acquire(`${chat}@s.whatsapp.net`));
		expect(waits).toEqual([0, 0, 0, 2000, 2000]);
	});

	it('refills while idle', async () => {
		const time = new VirtualClock();
		const limiter = new SendRateLimiter({ perChat: { perMinute: 6, burst: 1 }, global: { perMinute: 0, burst: 1 } }, time.clock, time.sleep);
		await limiter.acquire(JID);
		time.now += 10_000;
		expect(await limiter.acquire(JID)).toBe(0);
	});
});
