import { DateTime } from 'luxon';
import { BusinessCalendar } from '../../nodes/shared/calendar';
import { describeWhen, describeWhenIso, greetTicket } from '../../nodes/shared/greeting';
import { fill, pickVariant, messagesFor } from '../../nodes/shared/i18n';
import type { Ticket } from '../../nodes/shared/ticket';

const weekdays = { monday: '09:00-18:00', tuesday: '09:00-18:00', wednesday: '09:00-18:00', thursday: '09:00-18:00', friday: '09:00-18:00' };
const mx = new BusinessCalendar({ timeZone: 'America/Mexico_City', weekly: weekdays, holidays: { country: 'MX' } });
const sp = new BusinessCalendar({ timeZone: 'America/Sao_Paulo', weekly: weekdays, holidays: { country: 'BR', state: 'SP' } });

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
	ticketId: 't-1',
	channel: 'whatsapp',
	customer: { name: 'María López', language: 'es' },
	message: { text: 'hola', receivedAt: '2026-03-05T23:14:00-06:00' }, // Thursday night
	...over,
});

describe('describeWhen: when a person is back, in local terms', () => {
	const z = 'America/Mexico_City';
	const at = (iso: string) => DateTime.fromISO(iso, { zone: z });
	it.each([
		['es', '2026-03-05T23:00', '2026-03-06T09:00', 'mañana a las 9:00'],
		['es', '2026-03-06T19:00', '2026-03-09T09:00', 'el lunes a las 9:00'],
		['es', '2026-03-06T12:00', '2026-03-06T14:00', 'hoy a las 14:00'],
		['es', '2026-03-06T00:30', '2026-03-06T01:00', 'hoy a la 1:00'],
		['es', '2026-03-06T19:00', '2026-03-17T09:30', 'el 17 de marzo a las 9:30'],
		['pt', '2026-03-06T19:00', '2026-03-09T09:00', 'na segunda-feira às 9h'],
		['pt', '2026-03-06T19:00', '2026-03-07T09:30', 'amanhã às 9h30'],
		['pt', '2026-03-05T19:00', '2026-03-07T10:00', 'no sábado às 10h'],
		['en', '2026-03-05T23:00', '2026-03-06T09:00', 'tomorrow at 9:00 AM'],
		['en', '2026-03-06T12:00', '2026-03-06T14:00', 'today at 2:00 PM'],
		['en', '2026-03-06T19:00', '2026-03-09T09:00', 'on Monday at 9:00 AM'],
		['fr', '2026-03-05T23:00', '2026-03-06T09:00', 'tomorrow at 9:00 AM'],
	])('%s: now %s, back %s → "%s"', (language, now, next, expected) => {
		expect(describeWhen(at(next), at(now), language, z)).toBe(expected);
	});

	it('speaks in the business zone, not the zone of the instant it is given', () => {
		// 15:00Z is 09:00 in Mexico City; seen from 05:00Z (23:00 the day before there), that is "mañana".
		expect(describeWhen(DateTime.fromISO('2026-03-06T15:00:00Z', { zone: 'UTC' }), DateTime.fromISO('2026-03-06T05:00:00Z', { zone: 'UTC' }), 'es', z)).toBe(
			'mañana a las 9:00',
		);
	});
});

describe('greetTicket', () => {
	it('is open during hours and then does not greet', () => {
		const hours = greetTicket(ticket({ message: { text: 'hola', receivedAt: '2026-03-05T10:00:00-06:00' } }), mx);
		expect(hours).toEqual({ open: true, greet: false, timeZone: 'America/Mexico_City' });
	});

	it('greets a first contact off hours in Spanish, with the first name and when a person is back', () => {
		const hours = greetTicket(ticket(), mx, { businessName: 'Tienda Sol' });
		expect(hours.open).toBe(false);
		expect(hours.nextOpenAt).toBe('2026-03-06T09:00:00.000-06:00');
		expect(hours.greet).toBe(true);
		expect(hours.greetedAt).toBe('2026-03-05T23:14:00.000-06:00');
		expect(hours.greeting).toContain('María');
		expect(hours.greeting).not.toContain('López');
		expect(hours.greeting).toContain('Tienda Sol');
		expect(hours.greeting).toContain('mañana a las 9:00');
	});

	it('says "el lunes" on a Friday night and skips a holiday Monday ("el martes")', () => {
		expect(greetTicket(ticket({ message: { text: 'x', receivedAt: '2026-03-06T20:00:00-06:00' } }), mx).greeting).toContain('el lunes a las 9:00');
		expect(greetTicket(ticket({ message: { text: 'x', receivedAt: '2026-03-13T20:00:00-06:00' } }), mx).greeting).toContain('el martes a las 9:00');
	});

	it('picks the language from triage, then customer, then the default, then English', () => {
		const friday = { text: 'x', receivedAt: '2026-03-06T20:00:00-03:00' };
		expect(greetTicket(ticket({ message: friday, triage: { language: 'pt' } as Ticket['triage'] }), sp).greeting).toContain('na segunda-feira às 9h');
		expect(greetTicket(ticket({ message: friday, customer: { name: 'Ana', language: 'pt-BR' } }), sp).greeting).toContain('segunda-feira às 9h');
		expect(greetTicket(ticket({ message: friday, customer: { name: 'Ann' } }), sp, { defaultLanguage: 'pt' }).language).toBe('pt');
		expect(greetTicket(ticket({ message: friday, customer: { name: 'Ann', language: 'de' } }), sp).greeting).toContain('on Monday at 9:00 AM');
		expect(greetTicket(ticket({ message: friday }), sp, { language: 'en' }).language).toBe('en');
	});

	it('greets without a name when there is none, with no dangling comma or space', () => {
		const hours = greetTicket(ticket({ customer: { language: 'es' } }), mx);
		expect(hours.greeting).not.toMatch(/\{\{|\s[,!.]| {2}/);
	});

	it('picks a variant per ticket id, the same on every replay, and varies across tickets', () => {
		const texts = new Set<string>();
		for (let i = 0; i < 30; i++) {
			const one = greetTicket(ticket({ ticketId: `t-${i}` }), mx).greeting;
			expect(greetTicket(ticket({ ticketId: `t-${i}` }), mx).greeting).toBe(one);
			texts.add(one!);
		}
		expect(texts.size).toBe(messagesFor('es').greetings.length);
	});

	it('uses custom templates for the language and falls back to the built-in ones for the others', () => {
		const templates = { es: ['Buenas {{name}}: volvemos {{nextOpen}}. — {{business}}'] };
		expect(greetTicket(ticket(), mx, { templates, businessName: 'Sol' }).greeting).toBe('Buenas María: volvemos mañana a las 9:00. — Sol');
		expect(messagesFor('en').greetings).toContain(greetTicket(ticket({ customer: { name: 'Bob', language: 'en' } }), mx, { templates }).greeting!.replace('Bob', '{{name}}').replace('our team', '{{business}}').replace('tomorrow at 9:00 AM', '{{nextOpen}}'));
	});

	it('greets once: not after an AI or agent turn, nor after an earlier greetedAt', () => {
		expect(greetTicket(ticket({ history: [{ role: 'customer', text: 'hola' }] }), mx).greet).toBe(true);
		expect(greetTicket(ticket({ history: [{ role: 'customer', text: 'hola' }, { role: 'ai', text: 'Hola' }] }), mx).greet).toBe(false);
		expect(greetTicket(ticket({ history: [{ role: 'agent', text: 'Hola' }] }), mx).greet).toBe(false);
		const earlier = greetTicket(ticket({ hours: { open: false, greetedAt: '2026-03-05T22:00:00.000-06:00' } }), mx);
		expect(earlier.greet).toBe(false);
		expect(earlier.greetedAt).toBe('2026-03-05T22:00:00.000-06:00');
		expect(earlier.greeting).toBeTruthy(); // still there for a handoff promise
		// The same message through the greeter twice keeps its greeting.
		const once = greetTicket(ticket(), mx);
		expect(greetTicket(ticket({ hours: once }), mx).greet).toBe(true);
	});

	it('takes time from message.receivedAt, else from the now option, else fails naming the field', () => {
		const noTime = ticket({ message: { text: 'x' } });
		expect(greetTicket(noTime, mx, { now: '2026-03-05T10:00:00-06:00' }).open).toBe(true);
		expect(greetTicket(noTime, mx, { now: '2026-03-05T23:00:00-06:00' }).open).toBe(false);
		expect(() => greetTicket(noTime, mx)).toThrow('message.receivedAt');
		expect(() => greetTicket(ticket({ message: { text: 'x', receivedAt: 'yesterday' } }), mx)).toThrow('message.receivedAt');
	});
});

describe('i18n helpers', () => {
	it('fill drops an empty placeholder and the space before it', () => {
		expect(fill('Hola {{name}}, ¿qué tal?', { name: '' })).toBe('Hola, ¿qué tal?');
		expect(fill('Hi {{name}}! {{unknown}}', { name: 'Bo' })).toBe('Hi Bo! {{unknown}}');
	});
	it('fill gives what one global replace of the placeholders gives, on odd templates too', () => {
		const byReplace = (template: string, values: Record<string, string | undefined>) =>
			template
				.replace(/(\s?)\{\{\s*(\w+)\s*\}\}/g, (whole, space: string, key: string) => {
					if (!(key in values)) return whole;
					const value = values[key] ?? '';
					return value ? `${space}${value}` : '';
				})
				.replace(/ {2,}/g, ' ')
				.trim();
		const templates = ['{{a}}', ' {{a}} {{b}} ', '{{{a}}}', 'x\n{{ a }}\t{{b}}y', '{{a}}{{a}}  {{c}}', '{ {a}} {{a} }', '{{a b}} {{_1}}', '\u00a0{{a}}', 'no placeholders  here ', ''];
		const values = [{ a: 'A', b: '' }, { a: '', b: 'B  C', _1: 'one' }, { a: undefined, c: 'c' }, {}];
		for (const template of templates) for (const v of values) expect(fill(template, v)).toBe(byReplace(template, v));
		// Twice: the second call reads the remembered placeholders.
		for (const template of templates) for (const v of values) expect(fill(template, v)).toBe(byReplace(template, v));
	});
	it('pickVariant is deterministic', () => {
		expect(pickVariant(['a', 'b', 'c'], 'x')).toBe(pickVariant(['a', 'b', 'c'], 'x'));
	});
});

describe('describeWhenIso', () => {
	it('reads offset ISO texts as luxon does, in every language and across DST changes', () => {
		const zones = ['America/Mexico_City', 'America/Sao_Paulo', 'Europe/Madrid', 'America/New_York'];
		const offsets = ['-06:00', '-03:00', '+01:00', 'Z', '+05:30'];
		for (let k = 0; k < 400; k++) {
			const now = Date.UTC(2026, 0, 1) + k * 21_977_000;
			const next = now + ((k * 7_919_000) % (12 * 86_400_000));
			const offset = offsets[k % offsets.length];
			const iso = (ms: number) => DateTime.fromMillis(ms, { zone: offset === 'Z' ? 'utc' : `UTC${offset}` }).toISO() as string;
			const [nextIso, nowIso] = [iso(next), iso(now)];
			for (const language of ['es', 'pt', 'en']) {
				const zone = zones[k % zones.length];
				const expected = describeWhen(DateTime.fromISO(nextIso, { setZone: true }), DateTime.fromISO(nowIso, { setZone: true }), language, zone);
				expect(describeWhenIso(nextIso, nowIso, language, zone)).toBe(expected);
			}
		}
	});
});
