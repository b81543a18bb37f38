import type { OutreachCase } from '../../nodes/shared/conversation';
import { csatOutcome, csatSend } from '../../nodes/shared/csat';
import { followUpMessage } from '../../nodes/shared/followup';

const base: OutreachCase = {
	conversationId: 'c-1',
	purpose: 'followUp',
	action: 'customer',
	reason: 'unresolved',
	caseId: 'm1',
	channel: 'whatsapp',
	recipient: { phone: '+5215500000001' },
	name: 'Ana López',
	language: 'es',
	customerText: '¿Tienen la talla 42 del modelo Trail Runner en color azul marino? La necesito para el sábado',
	customerAt: '2026-03-09T23:10:00-06:00',
};
const tuesday = { now: '2026-03-10T09:05:00-06:00', timeZone: 'America/Mexico_City', business: 'Aurora Store' };

describe('the morning follow-up message', () => {
	it('es: greets by first name, says "anoche", quotes the customer’s words cut at a word', () => {
		const { text, language } = followUpMessage(base, tuesday);
		expect(language).toBe('es');
		expect(text).toMatch(/\bAna\b/);
		expect(text).not.toContain('López');
		expect(text.toLowerCase()).toContain('anoche');
		expect(text).toContain('«¿Tienen la talla 42 del modelo Trail Runner en color azul…»');
	});

	it('pt and en, and a weekend night names the day ("no sábado", "on Saturday")', () => {
		const monday = { ...tuesday, now: '2026-03-09T09:05:00-06:00' };
		const saturday = { ...base, customerAt: '2026-03-07T20:00:00-06:00', customerText: 'Quero trocar o tamanho' };
		const pt = followUpMessage({ ...saturday, language: 'pt' }, monday).text;
		expect(pt).toMatch(/no sábado/i);
		expect(pt).toContain('Quero trocar o tamanho');
		const en = followUpMessage({ ...saturday, language: 'en-US', customerText: 'Can I change the size?' }, monday).text;
		expect(en).toMatch(/on Saturday/i);
		expect(en).toContain('“Can I change the size”');
		// A message in the small hours of today is still "last night".
		expect(followUpMessage({ ...base, language: 'en', customerAt: '2026-03-10T03:00:00-06:00' }, tuesday).text.toLowerCase()).toContain('last night');
	});

	it('varies between customers, and is the same text on a replay', () => {
		const texts = new Set(Array.from({ length: 12 }, (_, i) => followUpMessage({ ...base, conversationId: `c-${i}` }, tuesday).text.replace(/Ana/g, '')));
		expect(texts.size).toBeGreaterThan(1);
		expect(followUpMessage(base, tuesday).text).toBe(followUpMessage(base, tuesday).text);
	});

	it('without a name or business it still reads well; the queue gets a draft signed by the person and a summary', () => {
		const text = followUpMessage({ ...base, name: undefined }, { ...tuesday, business: '' }).text;
		expect(text).not.toMatch(/\{\{|\s[,.]|  /);
		const queue = followUpMessage({ ...base, action: 'queue', reason: 'escalated', language: 'pt' }, { ...tuesday, agent: 'Marta' });
		expect(queue.text).toContain('Marta');
		expect(queue.text).toContain('Aurora Store');
		expect(queue.summary).toMatch(/^Seguimento: Ana López escreveu ontem à noite por whatsapp/);
	});
});

describe('the one-tap CSAT question per channel', () => {
	it('WhatsApp: a list of five (ids csat_1…csat_5), in the customer’s language', () => {
		const sent = csatSend('whatsapp', { language: 'pt', name: 'João Silva', reference: 'c-1~tok' });
		expect(sent.reply.language).toBe('pt');
		expect(sent.reply.text).toContain('João');
		expect(sent.reply.choices?.map((c) => c.id)).toEqual(['csat_1', 'csat_2', 'csat_3', 'csat_4', 'csat_5']);
		expect(sent.reply.choices?.[4].title).toBe('5 · Excelente');
		expect(sent.reply.list?.buttonText).toBeTruthy();
	});

	it('web chat: buttons; SMS: numbered text; email: five links carrying the conversation and token', () => {
		expect(csatSend('webchat', { language: 'en', reference: 'x' }).reply.options?.map((o) => o.title)).toEqual(['1 · Very bad', '2 · Bad', '3 · OK', '4 · Good', '5 · Excellent']);
		expect(csatSend('sms', { language: 'es', reference: 'x' }).reply.text).toMatch(/\n1\. Muy malo\n2\. Malo\n3\. Regular\n4\. Bueno\n5\. Excelente$/);
		const mail = csatSend('email', { language: 'es', reference: 'c-9~AbC', linkTemplate: 'https://n8n.example.com/webhook/support247/csat?t={{ticketId}}&s={{score}}' });
		expect(mail.subject).toContain('c-9~AbC');
		expect(mail.reply.text).toContain('https://n8n.example.com/webhook/support247/csat?t=c-9~AbC&s=1');
		expect(mail.reply.text).toContain('https://n8n.example.com/webhook/support247/csat?t=c-9~AbC&s=5');
		expect(() => csatSend('email', { reference: 'x' })).toThrow(/linkTemplate/);
	});
});

describe('after the answer', () => {
	it('thanks for 3 and up; 2 or less reopens to a person: L3, csat_low, with a summary', () => {
		expect(csatOutcome({ score: 4, language: 'es', name: 'Ana' })).toEqual({ reply: { text: '¡Gracias por tu calificación Ana!', language: 'es' } });
		const low = csatOutcome({ score: 1, language: 'en', resolver: 'ai', tier: 'L1', lastQuestion: 'where is my order?', conversationId: 'c-1', queue: 'care' });
		expect(low.reply.text).toMatch(/person/i);
		expect(low.route).toMatchObject({ tier: 'L3', reasons: ['csat_low'], rules: ['csatLow'], handoff: { queue: 'care', facts: { csatScore: 1, resolver: 'ai', ratedTier: 'L1', conversationId: 'c-1' } } });
		expect(low.route?.handoff.summary).toContain('1/5');
		expect(low.route?.handoff.summary).toContain('where is my order?');
		expect(csatOutcome({ score: 2 }).route?.tier).toBe('L3');
		expect(csatOutcome({ score: 3 }).route).toBeUndefined();
	});
});
