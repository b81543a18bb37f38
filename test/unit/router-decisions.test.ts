import { extractFacts, holdingReply, resolveRoutingPolicy, routeTicket, RULES, type RuleName } from '../../nodes/shared/routing';
import type { HoursSection, KnowledgeSection, Ticket, TriageFlags, TriageSection } from '../../nodes/shared/ticket';

const noFlags: TriageFlags = { legal: false, angry: false, humanRequested: false, outOfPolicy: false, b2bSales: false, emergency: false, injection: false };
const policy = resolveRoutingPolicy();

const OPEN: HoursSection = { open: true };
const CLOSED: HoursSection = {
	open: false,
	nextOpenAt: '2026-03-06T09:00:00.000-06:00',
	greeting: 'Hola…',
	timeZone: 'America/Mexico_City',
};
const FAQ: KnowledgeSection = { answered: true, answer: 'Abrimos de 9 a 18.', score: 0.9, sources: [{ id: 'kb-1', title: 'Horario' }] };
const NONE: KnowledgeSection = { answered: false, score: 0.2, sources: [], bestId: 'kb-7' };

interface Case {
	intent?: string;
	flags?: Partial<TriageFlags>;
	urgency?: TriageSection['urgency'];
	knowledge?: KnowledgeSection;
	hours?: HoursSection;
	aiTurns?: number;
	humanScore?: number;
	text?: string;
}

function ticket(c: Case): Ticket {
	return {
		ticketId: 'T-100',
		channel: 'whatsapp',
		customer: { name: 'Lucía', language: 'es', phone: '+52 55 1234 5678' },
		message: { text: c.text ?? 'Mi pedido #A12345 no llega, escribe a lucia@example.com', receivedAt: '2026-03-05T23:14:00-06:00' },
		history: Array.from({ length: c.aiTurns ?? 0 }, (_, i) => [
			{ role: 'customer' as const, text: `intento ${i}` },
			{ role: 'ai' as const, text: 'respuesta' },
		]).flat(),
		hours: c.hours ?? OPEN,
		triage: {
			intent: c.intent ?? 'store_hours',
			confidence: 0.9,
			urgency: c.urgency ?? 'normal',
			sentiment: 0,
			language: 'es',
			flags: { ...noFlags, ...c.flags },
			automation: 'high',
			provider: 'embedded',
			...(c.humanScore === undefined ? {} : { humanScore: c.humanScore }),
		},
		knowledge: c.knowledge ?? NONE,
	};
}

describe('router decision table (default policy)', () => {
	it.each<[string, Case, string, string]>([
		['confident FAQ answer', { knowledge: FAQ }, 'L1', 'knowledge answer'],
		['action intent without an answer', { intent: 'order_status' }, 'L2', 'intent order_status needs system access'],
		['action intent with an answer', { intent: 'start_return', knowledge: FAQ }, 'L2', 'intent start_return needs system access'],
		['legal case', { flags: { legal: true }, knowledge: FAQ }, 'L3', 'legal or sensitive case'],
		['angry customer', { flags: { angry: true }, intent: 'order_status' }, 'L3', 'angry customer'],
		['human request to a confident FAQ answer', { flags: { humanRequested: true }, knowledge: FAQ }, 'L3', 'customer asked for a person'],
		['complex B2B sale', { flags: { b2bSales: true } }, 'L3', 'complex B2B sale'],
		['no answer and no action intent', { text: 'No llega, escribe a lucia@example.com' }, 'L3', 'low confidence: no knowledge answer and no action intent'],
		['no answer, no action intent, an order number', {}, 'L2', 'order number given: the AI with system access looks it up'],
		['2 unresolved AI turns with a confident answer', { knowledge: FAQ, aiTurns: 2 }, 'L3', 'repeated failure: 2 AI turns without resolution'],
		['out-of-policy decision', { flags: { outOfPolicy: true }, knowledge: FAQ }, 'L4', 'out-of-policy decision'],
		['emergency flag', { flags: { emergency: true } }, 'L4', 'critical emergency'],
		['critical urgency', { urgency: 'critical', intent: 'order_status' }, 'L4', 'critical emergency'],
		['injection + confident FAQ answer', { flags: { injection: true }, knowledge: FAQ }, 'L4', 'prompt injection attempt'],
		['angry customer off hours', { flags: { angry: true }, hours: CLOSED }, 'L3', 'angry customer'],
		['emergency on a holiday (closed)', { flags: { emergency: true }, hours: CLOSED }, 'L4', 'critical emergency'],
		['out-of-policy off hours waits for L3', { flags: { outOfPolicy: true }, hours: CLOSED }, 'L3', 'off hours: no supervisor on call, held in the L3 queue'],
		['FAQ answer off hours stays with the AI', { knowledge: FAQ, hours: CLOSED }, 'L1', 'knowledge answer'],
	])('%s → %s', (_name, c, tier, firstReason) => {
		const route = routeTicket(ticket(c), policy);
		expect(route.tier).toBe(tier);
		expect(route.reasons[0]).toBe(firstReason.startsWith('knowledge answer') ? 'knowledge answer (score 0.9)' : firstReason);
	});

	it('1 unresolved AI turn is not yet a repeated failure; a resolved turn resets the count', () => {
		expect(routeTicket(ticket({ knowledge: FAQ, aiTurns: 1 }), policy).tier).toBe('L1');
		const t = ticket({ knowledge: FAQ, aiTurns: 2 });
		t.history![1].resolved = true;
		expect(routeTicket(t, policy).tier).toBe('L1');
		expect(routeTicket(ticket({ knowledge: FAQ, aiTurns: 2 }), resolveRoutingPolicy({ maxUnresolvedAiTurns: 3 })).tier).toBe('L1');
		// An L2 "checking in our system" holding reply was not an attempt at an answer.
		const pending = ticket({ knowledge: FAQ, aiTurns: 2 });
		pending.history![1].pending = true;
		expect(routeTicket(pending, policy).tier).toBe('L1');
	});

	it('lists every reason that fired, deciding one first', () => {
		const route = routeTicket(ticket({ flags: { angry: true, injection: true }, knowledge: FAQ }), policy);
		expect(route.reasons).toEqual(['prompt injection attempt', 'angry customer', 'knowledge answer (score 0.9)']);
		expect(route.rules).toEqual(['injection', 'angry', 'knowledgeAnswer']);
	});

	it('maps intents to tiers', () => {
		const mapped = resolveRoutingPolicy({ intentTiers: { chargeback: 'L4', store_hours: 'L2' } });
		expect(routeTicket(ticket({ intent: 'chargeback', knowledge: FAQ }), mapped).tier).toBe('L4');
		expect(routeTicket(ticket({ intent: 'store_hours' }), mapped)).toMatchObject({ tier: 'L2', reasons: ['intent store_hours mapped to L2'] });
		expect(() => resolveRoutingPolicy({ intentTiers: { x: 'L9' as never } })).toThrow('intentTiers.x');
	});

	it('treats an answer below the minimum score as low confidence', () => {
		const strict = resolveRoutingPolicy({ minAnswerScore: 0.95 });
		expect(routeTicket(ticket({ knowledge: FAQ }), strict)).toMatchObject({ tier: 'L3', reasons: ['low confidence: answer score 0.9 below 0.95'] });
	});
});

describe('each rule switched off changes the outcome', () => {
	const cases: Record<RuleName, [Case, string, string]> = {
		knowledgeAnswer: [{ knowledge: FAQ }, 'L1', 'L3'],
		actionIntent: [{ intent: 'order_status', knowledge: FAQ }, 'L2', 'L1'],
		// The ticket gives order #A12345; nothing else lets the AI take it.
		orderLookup: [{ intent: 'shipping_cost', knowledge: NONE }, 'L2', 'L3'],
		intentMap: [{ intent: 'order_status' }, 'L4', 'L2'],
		legal: [{ flags: { legal: true }, knowledge: FAQ }, 'L3', 'L1'],
		angry: [{ flags: { angry: true }, knowledge: FAQ }, 'L3', 'L1'],
		humanRequested: [{ flags: { humanRequested: true }, knowledge: FAQ }, 'L3', 'L1'],
		b2bSales: [{ flags: { b2bSales: true }, intent: 'quote' }, 'L3', 'L2'],
		lowConfidence: [{ knowledge: { ...FAQ, score: 0.4 } }, 'L3', 'L1'],
		repeatedFailure: [{ knowledge: FAQ, aiTurns: 3 }, 'L3', 'L1'],
		outOfPolicy: [{ flags: { outOfPolicy: true }, knowledge: FAQ }, 'L4', 'L1'],
		emergency: [{ flags: { emergency: true }, knowledge: FAQ }, 'L4', 'L1'],
		injection: [{ flags: { injection: true }, knowledge: FAQ }, 'L4', 'L1'],
		offHours: [{ flags: { injection: true }, hours: CLOSED }, 'L3', 'L4'],
		accountSecurity: [{ flags: { accountSecurity: true }, knowledge: FAQ }, 'L3', 'L1'],
		bereavement: [{ flags: { bereavement: true }, knowledge: FAQ }, 'L3', 'L1'],
		harassment: [{ flags: { harassment: true }, knowledge: FAQ }, 'L3', 'L1'],
		privacy: [{ flags: { privacy: true }, knowledge: FAQ }, 'L3', 'L1'],
		safetyHazard: [{ flags: { safetyHazard: true }, knowledge: FAQ }, 'L4', 'L1'],
		financialHarm: [{ flags: { financialHarm: true }, intent: 'order_status' }, 'L3', 'L2'],
		medical: [{ flags: { medical: true }, knowledge: FAQ }, 'L3', 'L1'],
		minors: [{ flags: { minors: true }, knowledge: FAQ }, 'L3', 'L1'],
		selfHarm: [{ flags: { selfHarm: true }, knowledge: FAQ }, 'L4', 'L1'],
		pressOrRegulator: [{ flags: { pressOrRegulator: true }, knowledge: FAQ }, 'L4', 'L1'],
		humanScore: [{ humanScore: 0.9, knowledge: FAQ }, 'L3', 'L1'],
	};

	it('covers every rule', () => {
		expect(Object.keys(cases).sort()).toEqual([...RULES].sort());
	});

	it.each(Object.entries(cases))('%s', (rule, [c, on, offTier]) => {
		const base = resolveRoutingPolicy({ minAnswerScore: 0.5, intentTiers: rule === 'intentMap' ? { order_status: 'L4' } : {} });
		const without = resolveRoutingPolicy({ minAnswerScore: 0.5, intentTiers: base.intentTiers, rules: { [rule]: false } });
		expect(routeTicket(ticket(c), base).tier).toBe(on);
		expect(routeTicket(ticket(c), without).tier).toBe(offTier);
	});

	it('is never a dead end: with every rule off, a person takes it', () => {
		const allOff = resolveRoutingPolicy({ rules: Object.fromEntries(RULES.map((r) => [r, false])) });
		expect(routeTicket(ticket({ knowledge: FAQ }), allOff)).toMatchObject({ tier: 'L3', reasons: ['no rule matched: a person is always reachable'] });
	});
});

describe('an order number the customer gave', () => {
	const plain = (text: string, c: Case = {}): Ticket => ({ ...ticket({ intent: 'delivery_period', knowledge: NONE, ...c }), message: { text, receivedAt: '2026-03-05T11:00:00-06:00' } });

	it('sends an unanswered ticket to the L2 AI, which can look the order up', () => {
		const route = routeTicket(plain('the courier says they tried to deliver but I was home all day, when do they come back? order #69013'), policy);
		expect(route).toMatchObject({ tier: 'L2', reasons: ['order number given: the AI with system access looks it up'], handoff: { facts: { orderNumbers: ['69013'] } } });
	});

	it('is found in an earlier customer turn too', () => {
		const t = { ...plain('and when does it arrive?'), history: [{ role: 'customer' as const, text: 'hola, mi pedido #48213' }] };
		expect(routeTicket(t, policy).tier).toBe('L2');
	});

	it('never overrides a rule that wants a person, nor stands in without an order number', () => {
		expect(routeTicket(plain('order #69013 and I am furious', { flags: { angry: true } }), policy).tier).toBe('L3');
		expect(routeTicket(plain('order #69013', { humanScore: 0.8 }), policy).tier).toBe('L3');
		expect(routeTicket(plain('when do they come back? I was home all day'), policy)).toMatchObject({ tier: 'L3', reasons: ['low confidence: no knowledge answer and no action intent'] });
	});
});

describe('sensitive flags and the needs-a-human score', () => {
	it('a takeover beats the password-reset answer, and says why in route.reasons', () => {
		const route = routeTicket(ticket({ intent: 'recover_password', flags: { accountSecurity: true }, knowledge: FAQ }), policy);
		expect(route.tier).toBe('L3');
		expect(route.reasons[0]).toBe('account security or fraud');
		expect(route.rules).toContain('knowledgeAnswer');
	});

	it('sends self-harm to a supervisor, and off hours to the on-call person like an emergency', () => {
		expect(routeTicket(ticket({ flags: { selfHarm: true }, knowledge: FAQ }), policy)).toMatchObject({ tier: 'L4', reasons: ['self-harm risk', 'knowledge answer (score 0.9)'] });
		expect(routeTicket(ticket({ flags: { selfHarm: true }, hours: CLOSED }), policy)).toMatchObject({ tier: 'L4', handoff: { queue: 'on-call' } });
		// Other L4 cases wait in the L3 queue off hours.
		expect(routeTicket(ticket({ flags: { pressOrRegulator: true }, hours: CLOSED }), policy).tier).toBe('L3');
	});

	it('moves decisions with the human threshold', () => {
		const c = { humanScore: 0.62, knowledge: FAQ };
		const at = (humanThreshold: number) => routeTicket(ticket(c), resolveRoutingPolicy({ humanThreshold })).tier;
		expect(at(0.5)).toBe('L3');
		expect(at(0.6)).toBe('L3');
		expect(at(0.7)).toBe('L1');
		expect(routeTicket(ticket(c), resolveRoutingPolicy({ humanThreshold: 0.5 })).reasons[0]).toBe('needs a human: humanScore 0.62 at or above 0.5');
		// A ticket without a score (an older triage) is routed as before.
		expect(routeTicket(ticket({ knowledge: FAQ }), resolveRoutingPolicy({ humanThreshold: 0 })).tier).toBe('L1');
		expect(() => resolveRoutingPolicy({ humanThreshold: 1.5 })).toThrow('humanThreshold');
	});
});

describe('handoff', () => {
	it('gives a person the customer, channel, language, intent, what the AI tried and the key facts', () => {
		const t = ticket({ flags: { angry: true }, intent: 'order_status', knowledge: NONE });
		t.history = [{ role: 'customer', text: 'también pueden llamarme al 55 8765 4321' }];
		const route = routeTicket(t, policy);
		expect(route.handoff?.queue).toBe('specialists');
		expect(route.handoff?.facts).toEqual({ orderNumbers: ['A12345'], emails: ['lucia@example.com'], phones: ['+52 55 1234 5678', '55 8765 4321'] });
		const summary = route.handoff!.summary;
		for (const part of ['Lucía', 'whatsapp', 'language es', 'order_status', 'best kb-7', 'score 0.2', 'A12345', 'angry customer']) expect(summary).toContain(part);
	});

	it('promises, off hours, when a person is back, in the customer\'s language', () => {
		const route = routeTicket(ticket({ flags: { humanRequested: true }, hours: CLOSED }), policy);
		expect(route.handoff?.promise).toBe('Una persona te responderá mañana a las 9:00.');
		const reply = holdingReply(ticket({ flags: { humanRequested: true }, hours: CLOSED }), route);
		expect(reply?.language).toBe('es');
		expect(reply?.text).toContain('Una persona te responderá mañana a las 9:00.');
	});

	it('sends an emergency off hours to the on-call queue, with no "back tomorrow" promise', () => {
		const t = ticket({ flags: { emergency: true }, hours: CLOSED });
		const route = routeTicket(t, policy);
		expect(route.handoff).toMatchObject({ queue: 'on-call' });
		expect(route.handoff?.promise).toBeUndefined();
		expect(holdingReply(t, route)?.text).toMatch(/guardia/);
		expect(routeTicket(ticket({ flags: { emergency: true } }), policy).handoff?.queue).toBe('supervisors');
	});

	it('writes no holding reply for L1 or when a reply exists; L2 says it is checking and keeps minimal facts', () => {
		const l2 = routeTicket(ticket({ intent: 'order_status' }), policy);
		expect(l2.handoff?.queue).toBeUndefined();
		expect(l2.handoff?.facts).toMatchObject({ orderNumbers: ['A12345'] });
		expect(holdingReply(ticket({ intent: 'order_status' }), l2)).toMatchObject({ language: 'es', pending: true, text: expect.stringMatching(/sistema|consultando/) });
		const answeredBySystem = { ...ticket({ intent: 'order_status' }), reply: { text: 'Tu pedido A12345 sale hoy.', language: 'es' } };
		expect(holdingReply(answeredBySystem, l2)).toBeUndefined();
		expect(holdingReply(ticket({ knowledge: FAQ }), routeTicket(ticket({ knowledge: FAQ }), policy))).toBeUndefined();
		const t = { ...ticket({ flags: { legal: true } }), reply: { text: 'ya', language: 'es' } };
		expect(holdingReply(t, routeTicket(t, policy))).toBeUndefined();
		expect(routeTicket(ticket({ knowledge: FAQ }), policy).handoff).toBeUndefined();
	});

	it('speaks Portuguese and English too', () => {
		const pt = ticket({ flags: { humanRequested: true }, hours: CLOSED });
		pt.triage!.language = 'pt';
		expect(holdingReply(pt, routeTicket(pt, policy))?.text).toContain('Uma pessoa vai te responder amanhã às 9h.');
		const en = ticket({ flags: { humanRequested: true } });
		en.triage!.language = 'en';
		expect(holdingReply(en, routeTicket(en, policy))?.text).toMatch(/person on our team/);
	});
});

describe('extractFacts', () => {
	it('finds order numbers, emails and phones without mistaking one for another', () => {
		expect(extractFacts(['Order #98765 and pedido nº AB-4411; mail: Ana.P@Mail.com; tel +55 (11) 98888-7777; date 2026-03-06'])).toEqual({
			orderNumbers: ['98765', 'AB-4411'],
			emails: ['ana.p@mail.com'],
			phones: ['+55 (11) 98888-7777'],
		});
	});
});
