import { appendToConversation, dropMemoryBackend, findDue, memoryBackend, resolveConversationPolicy, type ConversationBackend } from '../../nodes/shared/conversation';
import { outboundFor } from '../../nodes/shared/channels/outbound';
import type { Ticket } from '../../nodes/shared/ticket';
import { csatItem, followUpItem } from '../../nodes/SupportOutreach/outreachItems';
import { caseTicket } from '../helpers/report-fixture';

// The number the customer wrote to must be the one a CSAT question or a follow-up goes out from.
const options = { policy: resolveConversationPolicy() };
const ANA = { channel: 'whatsapp', customer: { phone: '+5215500000001', name: 'Ana' } };
const SEND = { sendAt: '2026-03-10T10:31:00-06:00', whatsappTemplate: { name: 'follow_up', language: 'es' } };

function cloudTicket(id: string, at: string, phoneNumberId?: string): Ticket {
	const ticket = caseTicket({ id, who: ANA, at, text: '¿a qué hora abren?', tier: 'L1', rules: ['knowledgeAnswer'], reasons: ['knowledge answer (score 0.9)'], language: 'es', answered: true, reply: 'Abrimos a las 9.' });
	return phoneNumberId ? ({ ...ticket, whatsappCloud: { phoneNumberId, waId: '5215500000001', messageId: id } } as Ticket) : ticket;
}

let n = 0;
function store(): ConversationBackend {
	return memoryBackend(`outreach-cloud-${++n}`);
}
afterAll(() => {
	for (let i = 1; i <= n; i++) dropMemoryBackend(`outreach-cloud-${i}`);
});

describe('outreach on WhatsApp Cloud writes from the number the customer wrote to', () => {
	it('keeps the phone-number id with the conversation and sends the CSAT question from it', async () => {
		const backend = store();
		await appendToConversation(backend, cloudTicket('w1', '2026-03-10T10:00:00-06:00', '109876543210'), { replyRole: 'ai', includeCustomerTurn: true }, options);
		const [found] = await findDue(backend, { purpose: 'csat', now: SEND.sendAt });
		expect(found).toMatchObject({ channel: 'whatsapp', recipient: { phone: '+5215500000001' }, whatsappPhoneNumberId: '109876543210' });
		const item = csatItem(found, SEND.sendAt, '');
		expect(item.whatsappCloud).toEqual({ waId: '5215500000001', phoneNumberId: '109876543210' });
		const out = outboundFor(item as unknown as Ticket, SEND);
		expect(out).toMatchObject({ route: 'whatsapp-cloud', from: '109876543210', to: '5215500000001' });
		expect(out?.body).toMatchObject({ messaging_product: 'whatsapp', to: '5215500000001' });
	});

	it('follows the customer to a new number, and keeps the last one when a ticket carries none', async () => {
		const backend = store();
		await appendToConversation(backend, cloudTicket('w1', '2026-03-09T10:00:00-06:00', '111'), { replyRole: 'ai', includeCustomerTurn: true }, options);
		await appendToConversation(backend, cloudTicket('w2', '2026-03-10T09:00:00-06:00', '222'), { replyRole: 'ai', includeCustomerTurn: true }, options);
		await appendToConversation(backend, cloudTicket('w3', '2026-03-10T10:00:00-06:00'), { replyRole: 'ai', includeCustomerTurn: true }, options);
		const [found] = await findDue(backend, { purpose: 'csat', now: SEND.sendAt });
		expect(found.whatsappPhoneNumberId).toBe('222');
		expect(followUpItem(found, SEND.sendAt, { now: SEND.sendAt, timeZone: 'America/Mexico_City', business: 'Aurora' }).whatsappCloud).toEqual({ waId: '5215500000001', phoneNumberId: '222' });
	});

	it('leaves a conversation that never came through the Cloud API to the WhatsApp session sender', async () => {
		const backend = store();
		await appendToConversation(backend, cloudTicket('w1', '2026-03-10T10:00:00-06:00'), { replyRole: 'ai', includeCustomerTurn: true }, options);
		const [found] = await findDue(backend, { purpose: 'csat', now: SEND.sendAt });
		expect(found.whatsappPhoneNumberId).toBeUndefined();
		const item = csatItem(found, SEND.sendAt, '');
		expect(item.whatsappCloud).toBeUndefined();
		expect(outboundFor(item as unknown as Ticket, SEND)).toBeUndefined();
	});

	it('measures the 24-hour window from the customer\'s message, so a day-old case is asked with the approved template', async () => {
		const backend = store();
		await appendToConversation(backend, cloudTicket('w1', '2026-03-10T10:00:00-06:00', '109876543210'), { replyRole: 'ai', includeCustomerTurn: true }, options);
		const soon = '2026-03-10T10:31:00-06:00';
		const late = '2026-03-11T10:31:00-06:00';
		const [found] = await findDue(backend, { purpose: 'csat', now: late });
		const item = csatItem(found, late, '') as unknown as Ticket;
		expect(item.message.receivedAt).toBe('2026-03-10T10:00:00-06:00');
		expect(item.reply?.at).toBe(late);
		expect(outboundFor(item, { ...SEND, sendAt: late })).toMatchObject({ route: 'whatsapp-cloud-template' });
		expect(outboundFor(csatItem(found, soon, '') as unknown as Ticket, { ...SEND, sendAt: soon })).toMatchObject({ route: 'whatsapp-cloud' });
	});
});
