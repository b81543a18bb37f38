import { BusinessCalendar } from '../../nodes/shared/calendar';
import { annotateSla, checkSla, DEFAULT_SLA_POLICY, parseSlaPolicy, ticketPriority, wakeAt } from '../../nodes/shared/sla';
import type { Ticket, Urgency } from '../../nodes/shared/ticket';

const weekdays = { monday: '09:00-18:00', tuesday: '09:00-18:00', wednesday: '09:00-18:00', thursday: '09:00-18:00', friday: '09:00-18:00' };
const mx = new BusinessCalendar({ timeZone: 'America/Mexico_City', weekly: weekdays, holidays: { country: 'MX' } });

const ticket = (urgency: Urgency | undefined, receivedAt: string, over: Partial<Ticket> = {}): Ticket => ({
	ticketId: 't',
	channel: 'email',
	customer: {},
	message: { text: 'x', receivedAt },
	...(urgency ? { triage: { urgency } as Ticket['triage'] } : {}),
	...over,
});

describe('annotateSla', () => {
	it('computes business-hours deadlines: Friday 17:00 + 4 h (normal) → Monday 12:00', () => {
		const sla = annotateSla(ticket('normal', '2026-03-06T17:00:00-06:00'), DEFAULT_SLA_POLICY, mx);
		expect(sla).toMatchObject({ policy: 'standard', priority: 'normal', businessHours: true, state: 'ok' });
		expect(sla.firstResponseDueAt).toBe('2026-03-09T12:00:00.000-06:00');
		// 27 business hours: 1 h Friday + 9 + 9 + 8 → Wednesday 17:00
		expect(sla.resolutionDueAt).toBe('2026-03-11T17:00:00.000-06:00');
	});

	it('skips a public holiday (Monday 16 March 2026)', () => {
		expect(annotateSla(ticket('normal', '2026-03-13T17:00:00-06:00'), DEFAULT_SLA_POLICY, mx).firstResponseDueAt).toBe('2026-03-17T12:00:00.000-06:00');
	});

	it('runs critical tickets on calendar hours by default: Saturday 03:00 + 15 min', () => {
		const sla = annotateSla(ticket('critical', '2026-03-07T03:00:00-06:00'), DEFAULT_SLA_POLICY, mx);
		expect(sla.businessHours).toBe(false);
		expect(sla.firstResponseDueAt).toBe('2026-03-07T03:15:00.000-06:00');
	});

	it('uses calendar hours for the whole policy when asked', () => {
		const policy = parseSlaPolicy({ name: 'clock', businessHours: false });
		expect(annotateSla(ticket('normal', '2026-03-06T17:00:00-06:00'), policy, mx).firstResponseDueAt).toBe('2026-03-06T21:00:00.000-06:00');
	});

	it('starts the clock at the first customer turn of the history', () => {
		const t = ticket('high', '2026-03-09T12:00:00-06:00', { history: [{ role: 'customer', text: 'hi', at: '2026-03-09T10:00:00-06:00' }] });
		expect(annotateSla(t, DEFAULT_SLA_POLICY, mx).firstResponseDueAt).toBe('2026-03-09T11:00:00.000-06:00');
	});

	it('keeps 24-hour deadlines right across a DST change (New York, calendar hours)', () => {
		const ny = new BusinessCalendar({ timeZone: 'America/New_York', alwaysOpen: true });
		const policy = parseSlaPolicy({ name: 'x', businessHours: false, targets: { normal: { firstResponseMinutes: 24 * 60, resolutionMinutes: 48 * 60 } } });
		expect(annotateSla(ticket('normal', '2026-03-07T12:00:00-05:00'), policy, ny).firstResponseDueAt).toBe('2026-03-08T13:00:00.000-04:00');
	});
});

describe('priority', () => {
	it('comes from triage.urgency, else a helpdesk priority, else normal', () => {
		expect(ticketPriority(ticket('high', '2026-03-06T17:00:00-06:00'))).toBe('high');
		expect(ticketPriority(ticket(undefined, '2026-03-06T17:00:00-06:00', { priority: 'urgent' }))).toBe('critical');
		expect(ticketPriority(ticket(undefined, '2026-03-06T17:00:00-06:00', { priority: 'Medium' }))).toBe('normal');
		expect(ticketPriority(ticket(undefined, '2026-03-06T17:00:00-06:00'))).toBe('normal');
		expect(ticketPriority(ticket('low', '2026-03-06T17:00:00-06:00', { priority: 'high' }), { priorityFrom: 'priority' })).toBe('high');
	});
});

describe('checkSla', () => {
	const start = '2026-03-09T09:00:00-06:00'; // Monday; normal first response budget 4 business hours
	const t = ticket('normal', start);
	it.each([
		['2026-03-09T12:00:00-06:00', 'ok', 0.75],
		['2026-03-09T12:12:00-06:00', 'at_risk', 0.8],
		['2026-03-09T13:00:00-06:00', 'at_risk', 1],
		['2026-03-09T13:00:01-06:00', 'breached', 1],
	])('responding at %s is %s', (at, state, used) => {
		const check = checkSla(t, DEFAULT_SLA_POLICY, mx, { at });
		expect(check.state).toBe(state);
		expect(check.used).toBeCloseTo(used, 3);
		expect(check.dueAt).toBe('2026-03-09T13:00:00.000-06:00');
	});

	it('does not count closed hours: a Friday 17:00 ticket answered Monday 10:00 used 2 of 4 hours', () => {
		const check = checkSla(ticket('normal', '2026-03-06T17:00:00-06:00'), DEFAULT_SLA_POLICY, mx, { at: '2026-03-09T10:00:00-06:00' });
		expect(check).toMatchObject({ state: 'ok', used: 0.5 });
	});

	it('judges the ticket\'s own time when no response time is given, and honours the threshold', () => {
		const later = ticket('normal', '2026-03-09T12:00:00-06:00', { history: [{ role: 'customer', text: 'hi', at: start }] });
		expect(checkSla(later, DEFAULT_SLA_POLICY, mx).state).toBe('ok');
		expect(checkSla(later, DEFAULT_SLA_POLICY, mx, { atRiskThreshold: 0.5 }).state).toBe('at_risk');
		expect(() => checkSla(later, DEFAULT_SLA_POLICY, mx, { atRiskThreshold: 80 })).toThrow('atRiskThreshold');
	});

	it('checks the resolution target when asked', () => {
		expect(checkSla(t, DEFAULT_SLA_POLICY, mx, { at: '2026-03-11T17:59:00-06:00', target: 'resolution' }).state).toBe('at_risk');
		expect(checkSla(t, DEFAULT_SLA_POLICY, mx, { at: '2026-03-12T09:01:00-06:00', target: 'resolution' }).state).toBe('breached');
	});
});

describe('wakeAt', () => {
	it('is the business-hours deadline, or the at-risk point', () => {
		const t = ticket('normal', '2026-03-06T17:00:00-06:00');
		expect(wakeAt(t, DEFAULT_SLA_POLICY, mx).toISOString()).toBe('2026-03-09T18:00:00.000Z');
		expect(wakeAt(t, DEFAULT_SLA_POLICY, mx, { wake: 'atRisk', atRiskThreshold: 0.5 }).toISOString()).toBe('2026-03-09T16:00:00.000Z');
	});
});

describe('parseSlaPolicy', () => {
	it('names the bad field', () => {
		expect(() => parseSlaPolicy({ targets: { high: { firstResponseMinutes: -1 } } })).toThrow('policy.targets.high.firstResponseMinutes');
		expect(() => parseSlaPolicy('{nope')).toThrow('policy: not valid JSON');
	});
	it('fills missing priorities from the default', () => {
		expect(parseSlaPolicy({ name: 'x', targets: { low: { firstResponseMinutes: 1, resolutionMinutes: 2 } } }).targets.high).toEqual(DEFAULT_SLA_POLICY.targets.high);
	});
});
