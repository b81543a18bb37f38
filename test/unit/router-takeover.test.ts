import { BusinessCalendar } from '../../nodes/shared/calendar';
import { greetTicket } from '../../nodes/shared/greeting';
import { holdingReply, resolveRoutingPolicy, routeTicket, RULES } from '../../nodes/shared/routing';
import type { ConversationSection, Ticket, TriageFlags } from '../../nodes/shared/ticket';

const noFlags: TriageFlags = { legal: false, angry: false, humanRequested: false, outOfPolicy: false, b2bSales: false, emergency: false, injection: false };
const policy = resolveRoutingPolicy();
const TAKEN: ConversationSection = { id: 'c-1', identities: ['whatsapp:+5215512345678'], unresolvedAiTurns: 0, greeted: true, takeover: { by: 'agent-ana', since: '2026-03-05T10:00:00-06:00' } };
const FREE: ConversationSection = { ...TAKEN, takeover: null };
const DOWN: ConversationSection = { id: null, identities: [], unresolvedAiTurns: 0, greeted: false, takeover: null, unavailable: true };

function ticket(conversation: ConversationSection | undefined, flags: Partial<TriageFlags> = {}, receivedAt = '2026-03-05T10:30:00-06:00'): Ticket {
	return {
		ticketId: 'T-1',
		channel: 'whatsapp',
		customer: { name: 'Lucía', language: 'es' },
		message: { text: '¿A qué hora abren?', receivedAt },
		...(conversation ? { conversation } : {}),
		hours: { open: true },
		triage: { intent: 'store_hours', confidence: 0.95, urgency: 'normal', sentiment: 0, language: 'es', flags: { ...noFlags, ...flags }, automation: 'high', provider: 'embedded' },
		knowledge: { answered: true, answer: 'De 9 a 18.', score: 0.95, sources: [{ id: 'kb-1', title: 'Horario' }] },
	};
}

describe('router and a taken-over conversation', () => {
	it('lets the AI answer a conversation nobody has taken', () => {
		expect(routeTicket(ticket(FREE), policy).tier).toBe('L1');
		expect(routeTicket(ticket(undefined), policy).tier).toBe('L1');
	});

	it('sends a taken-over conversation to its person, with no AI reply, even with a confident answer', () => {
		const t = ticket(TAKEN);
		const route = routeTicket(t, policy);
		expect(route).toMatchObject({ tier: 'L3', reasons: ['taken over by a person', 'knowledge answer (score 0.95)'], rules: ['takeover', 'knowledgeAnswer'] });
		expect(route.handoff).toMatchObject({ queue: 'specialists', assignee: 'agent-ana' });
		expect(holdingReply(t, route)).toBeUndefined();
	});

	it('cannot be switched off with the other rules', () => {
		const allOff = resolveRoutingPolicy({ rules: Object.fromEntries(RULES.map((r) => [r, false])) });
		expect(routeTicket(ticket(TAKEN), allOff)).toMatchObject({ tier: 'L3', reasons: ['taken over by a person'] });
	});

	it('still wakes a supervisor for an emergency, and still writes the customer nothing', () => {
		const t = ticket(TAKEN, { emergency: true });
		const route = routeTicket(t, policy);
		expect(route.tier).toBe('L4');
		expect(route.rules).toContain('takeover');
		expect(holdingReply(t, route)).toBeUndefined();
	});

	it('sends a ticket whose conversation could not be read to a person, silently', () => {
		const t = ticket(DOWN);
		const route = routeTicket(t, policy);
		expect(route).toMatchObject({ tier: 'L3', reasons: ['conversation store unavailable: takeover state unknown', 'knowledge answer (score 0.95)'] });
		expect(holdingReply(t, route)).toBeUndefined();
	});

	it('escalates by the repeated-failure rule from the unresolved AI turns the store loaded into history', () => {
		const t = { ...ticket(FREE), history: [
			{ role: 'customer' as const, text: 'a', at: '2026-03-05T10:00:00-06:00' },
			{ role: 'ai' as const, text: 'b', at: '2026-03-05T10:00:00-06:00' },
			{ role: 'customer' as const, text: 'c', at: '2026-03-05T10:10:00-06:00' },
			{ role: 'ai' as const, text: 'd', at: '2026-03-05T10:10:00-06:00' },
		] };
		expect(routeTicket(t, policy)).toMatchObject({ tier: 'L3', rules: ['repeatedFailure', 'knowledgeAnswer'] });
	});
});

describe('greeter and a taken-over conversation', () => {
	const weekdays = { monday: '09:00-18:00', tuesday: '09:00-18:00', wednesday: '09:00-18:00', thursday: '09:00-18:00', friday: '09:00-18:00' };
	const mx = new BusinessCalendar({ timeZone: 'America/Mexico_City', weekly: weekdays, holidays: { country: 'MX' } });
	const night = '2026-03-05T23:00:00-06:00';

	it('greets a first contact off hours, but not while a person has the conversation or its state is unknown', () => {
		expect(greetTicket(ticket(FREE, {}, night), mx).greet).toBe(true);
		expect(greetTicket(ticket(TAKEN, {}, night), mx).greet).toBe(false);
		expect(greetTicket(ticket(DOWN, {}, night), mx).greet).toBe(false);
	});
});
