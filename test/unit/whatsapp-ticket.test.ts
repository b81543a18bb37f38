import { extractText } from '../../nodes/shared/whatsapp/message-text';
import { phoneFromJid, toJid } from '../../nodes/shared/whatsapp/jid';
import { RecentIds } from '../../nodes/shared/whatsapp/recent-ids';
import { DEFAULT_FILTERS, toTicket } from '../../nodes/shared/whatsapp/to-ticket';
import { waMessage } from '../helpers/whatsapp-harness';

const now = () => new Date('2026-03-06T12:00:00Z');

describe('WhatsApp message → ticket', () => {
	it.each([
		['conversation', { conversation: 'hola' }, 'hola', undefined],
		['extended text (replies, links)', { extendedTextMessage: { text: 'mira https://x.mx' } }, 'mira https://x.mx', undefined],
		['image caption', { imageMessage: { caption: 'llegó roto' } }, 'llegó roto', undefined],
		['button reply', { buttonsResponseMessage: { selectedButtonId: 'track', selectedDisplayText: 'Rastrear' } }, 'Rastrear', 'track'],
		['list reply', { listResponseMessage: { title: 'Devoluciones', singleSelectReply: { selectedRowId: 'returns' } } }, 'Devoluciones', 'returns'],
		['disappearing wrapper', { ephemeralMessage: { message: { extendedTextMessage: { text: 'efímero' } } } }, 'efímero', undefined],
	])('reads the text of a %s', (_label, message, text, selectedId) => {
		const result = toTicket(waMessage({ id: 'M', message }), DEFAULT_FILTERS, now);
		expect(result).toHaveProperty('ticket.message.text', text);
		if (selectedId) expect(result).toHaveProperty('ticket.whatsapp.selectedId', selectedId);
	});

	it('skips media without caption by default, or emits it with empty text when asked', () => {
		const voiceNote = waMessage({ id: 'V', message: { audioMessage: { seconds: 7 } } });
		expect(toTicket(voiceNote, DEFAULT_FILTERS, now)).toEqual({ ignored: 'no-text' });
		const kept = toTicket(voiceNote, { ...DEFAULT_FILTERS, ignoreWithoutText: false }, now);
		expect(kept).toHaveProperty('ticket.message.text', '');
		expect(kept).toHaveProperty('ticket.whatsapp.messageType', 'audioMessage');
	});

	it('never turns reactions or protocol messages into tickets', () => {
		const reaction = waMessage({ id: 'R', message: { reactionMessage: { text: '👍' } } });
		expect(toTicket(reaction, { ...DEFAULT_FILTERS, ignoreWithoutText: false }, now)).toEqual({ ignored: 'not-a-message' });
		expect(extractText({ protocolMessage: { type: 0 } })).toBeUndefined();
	});

	it('reads Long timestamps and falls back to now only without one', () => {
		const long = { toNumber: () => 1772860440 } as never;
		expect(toTicket({ ...waMessage({ id: 'L' }), messageTimestamp: long }, DEFAULT_FILTERS, now)).toHaveProperty(
			'ticket.message.receivedAt',
			'2026-03-07T05:14:00.000Z',
		);
		expect(toTicket({ ...waMessage({ id: 'N' }), messageTimestamp: null }, DEFAULT_FILTERS, now)).toHaveProperty(
			'ticket.message.receivedAt',
			'2026-03-06T12:00:00.000Z',
		);
	});

	it('keeps hidden-number (@lid) senders addressable without inventing a phone', () => {
		const result = toTicket(waMessage({ id: 'X', jid: '98765432101234@lid' }), DEFAULT_FILTERS, now);
		expect(result).toHaveProperty('ticket.ticketId', 'wa-98765432101234');
		expect(result).not.toHaveProperty('ticket.customer.phone');
		expect(result).toHaveProperty('ticket.whatsapp.jid', '98765432101234@lid');
	});

	it('maps JIDs and phone numbers both ways', () => {
		expect(phoneFromJid('5215512345678:12@s.whatsapp.net')).toBe('5215512345678');
		expect(phoneFromJid('120363000000000000@g.us')).toBeUndefined();
		expect(toJid('+52 1 55 1234-5678')).toBe('5215512345678@s.whatsapp.net');
		expect(toJid('98765@lid')).toBe('98765@lid');
		expect(toJid('not a phone')).toBeUndefined();
	});
});

describe('RecentIds', () => {
	it('forgets the oldest ids beyond its capacity and refreshes re-seen ones', () => {
		const ids = new RecentIds(3, ['a', 'b', 'c']);
		expect(ids.add('a')).toBe(false); // redelivery, now newest
		expect(ids.add('d')).toBe(true); // evicts b
		expect(ids.has('b')).toBe(false);
		expect(ids.newest(2)).toEqual(['a', 'd']);
		expect(ids.newest(10)).toEqual(['c', 'a', 'd']);
	});
});
