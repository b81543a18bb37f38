import { appendToConversation, conversationsSince, MemoryBackend, resolveConversationPolicy, type ConversationRecord } from '../../nodes/shared/conversation';
import { buildDashboard, buildReport, renderDashboardHtml, renderReportHtml, reportWindow } from '../../nodes/shared/insights';
import { agentAnswer, caseTicket, fillReportStore, REPORT_NOW } from '../helpers/report-fixture';

async function recordsOf(backend: MemoryBackend, sinceMs = 0): Promise<ConversationRecord[]> {
	const out: ConversationRecord[] = [];
	for await (const record of conversationsSince(backend, sinceMs, 2)) out.push(record);
	return out;
}

describe('weekly report figures from the conversation store', () => {
	let records: ConversationRecord[];
	beforeAll(async () => {
		const backend = new MemoryBackend();
		await fillReportStore(backend);
		records = await recordsOf(backend);
	});

	it('takes its window back from the given now, in now\u2019s offset', () => {
		expect(reportWindow(REPORT_NOW, '7d')).toMatchObject({ from: '2026-03-02T09:00:00.000-06:00', to: '2026-03-09T09:00:00.000-06:00' });
		expect(() => reportWindow(REPORT_NOW, '1y' as never)).toThrow('window: "1y" is not one of 24h, 7d, 30d');
		expect(() => reportWindow('yesterday', '7d')).toThrow('now');
	});

	it('counts the last 7 days as worked out by hand', () => {
		const week = buildReport(records, { now: REPORT_NOW, window: '7d' });
		expect(week).toMatchObject({
			messages: 7,
			cases: 6,
			conversations: 5,
			byChannel: { whatsapp: 3, webchat: 2, email: 1 },
			byLanguage: { es: 4, en: 1, pt: 1 },
			offHours: { cases: 3, share: 0.5 },
			tiers: { L1: 1, L2: 1, L3: 4, L4: 0 },
			ai: { resolved: 2, rate: 0.3333 },
			escalations: {
				total: 4,
				rate: 0.6667,
				byReason: [
					{ rule: 'lowConfidence', label: 'low confidence', count: 2, share: 0.5 },
					{ rule: 'angry', label: 'angry customer', count: 1, share: 0.25 },
					{ rule: 'outOfPolicy', label: 'out-of-policy decision', count: 1, share: 0.25 },
				],
			},
			// b1 answered after 34 h (2,040 min), c1 after 60 min; d1 and e1 still wait.
			firstResponse: { answered: 2, waiting: 2, medianMinutes: 60, p90Minutes: 2040 },
			// b1 met (08:00 before 09:30), c1 breached (16:00 after 15:30), e1 breached (unanswered past 08:00), d1 pending (due 10:00).
			sla: { tracked: 4, met: 1, breached: 2, pending: 1, breachRate: 0.6667 },
			csat: { answered: 2, mean: 3.5, satisfied: 0.5, unhappy: 0.5, counts: [0, 1, 0, 0, 1], byTier: { L1: { answered: 1, mean: 5 }, L3: { answered: 1, mean: 2 } }, byResolver: { agent: { answered: 1, mean: 2 }, ai: { answered: 1, mean: 5 } }, goal: 4, excellent: 4.5 },
		});
		expect(week.window).toEqual({ name: '7d', hours: 168, from: '2026-03-02T09:00:00.000-06:00', to: '2026-03-09T09:00:00.000-06:00' });
		// Four unresolved cases on four subjects: no topic reaches three tickets.
		expect(week.gaps).toEqual({ unanswered: 4, clustered: 0, topics: [] });
	});

	it('counts the last 24 hours and the last 30 days', () => {
		const day = buildReport(records, { now: REPORT_NOW, window: '24h', topGaps: 0 });
		expect(day).toMatchObject({
			messages: 3,
			cases: 3,
			tiers: { L1: 1, L2: 0, L3: 2, L4: 0 },
			ai: { resolved: 1, rate: 0.3333 },
			escalations: { total: 2, byReason: [{ rule: 'lowConfidence', count: 1 }, { rule: 'outOfPolicy', count: 1 }] },
			firstResponse: { answered: 0, waiting: 2, medianMinutes: null, p90Minutes: null },
			sla: { tracked: 2, met: 0, breached: 1, pending: 1, breachRate: 1 },
			csat: { answered: 2, mean: 3.5 },
			gaps: null,
		});
		const month = buildReport(records, { now: REPORT_NOW, window: '30d', topGaps: 0 });
		expect(month).toMatchObject({ messages: 8, cases: 7, conversations: 6, tiers: { L1: 2, L2: 1, L3: 4, L4: 0 }, ai: { resolved: 3, rate: 0.4286 } });
	});

	it('gives the dashboard the three windows from one read, the 7-day one with gaps', () => {
		const dashboard = buildDashboard(records, { now: REPORT_NOW });
		expect(Object.keys(dashboard)).toEqual(['24h', '7d', '30d']);
		expect([dashboard['24h'].cases, dashboard['7d'].cases, dashboard['30d'].cases]).toEqual([3, 6, 7]);
		expect(dashboard['24h'].gaps).toBeNull();
		expect(dashboard['7d'].gaps).not.toBeNull();
	});

	it('lists the answers people gave through Person\u2019s Reply as suggested entries, newest first', () => {
		const week = buildReport(records, { now: REPORT_NOW, window: '7d', topGaps: 0 });
		// c1 answered on 03-06 16:10 (es), b1 on 03-09 08:40 (en): both within 03-02 09:00 … 03-09 09:00.
		expect(week.suggestions).toEqual({
			total: 2,
			newest: [
				{ question: 'I want a refund now, this is outrageous', answer: 'Refunds reach your card in 3 to 5 working days.', language: 'en', by: 'luis', at: '2026-03-09T08:40:00-06:00', channel: 'email' },
				{ question: 'necesito factura de mi compra', answer: 'Te envío la factura por correo; también está en Mi cuenta > Pedidos.', language: 'es', by: 'maria', at: '2026-03-06T16:10:00-06:00', channel: 'webchat' },
			],
		});
		// The last 24 hours start on 03-08 09:00: only b1's answer.
		expect(buildReport(records, { now: REPORT_NOW, window: '24h', topGaps: 0 }).suggestions).toMatchObject({ total: 1, newest: [{ by: 'luis' }] });
		// All are counted, only the newest listed.
		expect(buildReport(records, { now: REPORT_NOW, window: '30d', topGaps: 0, suggestions: 1 }).suggestions).toMatchObject({ total: 2, newest: [{ by: 'luis' }] });
		expect(buildReport(records, { now: '2026-04-20T09:00:00-06:00', window: '7d', topGaps: 0 }).suggestions).toEqual({ total: 0, newest: [] });
	});

	it('moves with now: nothing in a week after the last turn', () => {
		const later = buildReport(records, { now: '2026-04-20T09:00:00-06:00', window: '7d' });
		expect(later).toMatchObject({ messages: 0, cases: 0, ai: { resolved: 0, rate: null }, sla: { tracked: 0, breachRate: null }, csat: { answered: 0, mean: null } });
	});
});

describe('report gaps', () => {
	it('groups the week\u2019s unresolved questions into a topic whose draft answer is what a person replied', async () => {
		const backend = new MemoryBackend();
		const policy = { policy: resolveConversationPolicy() };
		const texts = ['¿emiten factura electrónica de mi compra?', 'necesito factura electrónica de la compra', 'quiero la factura electrónica de mi compra por favor', '¿cómo pido factura electrónica de una compra?'];
		for (let i = 0; i < texts.length; i++) {
			const who = { channel: 'whatsapp', customer: { phone: `+52155000010${i}` } };
			const at = `2026-03-0${i + 3}T11:00:00-06:00`;
			await appendToConversation(
				backend,
				caseTicket({ id: `f${i}`, who, at, text: texts[i], tier: 'L3', rules: ['lowConfidence'], reasons: ['low confidence: no knowledge answer and no action intent'], language: 'es', open: true, reply: 'Te paso con una persona.' }),
				{ replyRole: 'ai', includeCustomerTurn: true },
				policy,
			);
			if (i === 0) await agentAnswer(backend, who, 'f0-answer', '2026-03-03T11:20:00-06:00', 'Sí: entra a tu cuenta, Pedidos, y pulsa «Factura electrónica».');
		}
		const week = buildReport(await recordsOf(backend), { now: REPORT_NOW, window: '7d', knowledge: [{ id: 'hours', title: 'Horario', questions: ['¿a qué hora abren?'], answer: 'De 9 a 18.' }] });
		expect(week.gaps?.unanswered).toBe(4);
		expect(week.gaps?.topics).toHaveLength(1);
		const [topic] = week.gaps!.topics;
		expect(topic).toMatchObject({ language: 'es', size: 4, share: 1, offHoursShare: 0, policy: false });
		expect(topic.label).toContain('factura');
		expect(topic.draft).toMatchObject({ needsAnswer: false, answer: 'Sí: entra a tu cuenta, Pedidos, y pulsa «Factura electrónica».' });
		expect(topic.draft.questions).toHaveLength(4);
	});
});

describe('report and dashboard HTML', () => {
	it('escapes customer text and keeps the e-mail to inline styles', async () => {
		const backend = new MemoryBackend();
		await fillReportStore(backend);
		const hostile = '<script>alert(1)</script> ¿factura?';
		for (let i = 0; i < 3; i++) {
			const who = { channel: 'webchat', sessionId: `s-x${i}`, customer: {} };
			await appendToConversation(backend, caseTicket({ id: `x${i}`, who, at: `2026-03-08T1${i}:00:00-06:00`, text: hostile, tier: 'L3', rules: ['lowConfidence'], reasons: ['low confidence: x'], language: 'es', reply: 'ok' }), { replyRole: 'ai', includeCustomerTurn: true }, { policy: resolveConversationPolicy() });
		}
		const records = await recordsOf(backend);
		const week = buildReport(records, { now: REPORT_NOW, window: '7d' });
		expect(week.gaps?.topics[0].size).toBe(3);
		const mail = renderReportHtml(week, { title: 'Week <1>' });
		expect(mail).not.toContain('<script>');
		expect(mail).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(mail).toContain('Week &lt;1&gt;');
		expect(mail).not.toMatch(/<style|class="/);
		// 2 of 9 cases resolved by the AI; the topic holds 3 of the 7 unresolved.
		expect(mail).toContain('22.2 %');
		expect(mail).toContain('3 tickets, 42.9 %');
	});

	it('shows the suggested answers in the report and in the dashboard\u2019s 7-day card', async () => {
		const backend = new MemoryBackend();
		await fillReportStore(backend);
		const records = await recordsOf(backend);
		const mail = renderReportHtml(buildReport(records, { now: REPORT_NOW, window: '7d' }));
		expect(mail).toContain('Suggested answers from people: 2, newest first');
		// Newest first, text escaped.
		expect(mail.indexOf('Refunds reach your card')).toBeLessThan(mail.indexOf('Mi cuenta &gt; Pedidos'));
		expect(renderReportHtml(buildReport(records, { now: '2026-04-20T09:00:00-06:00', window: '7d' }))).toContain('Suggested answers from people: 0, newest first</h2><p');
		const page = renderDashboardHtml(buildDashboard(records, { now: REPORT_NOW }));
		const cards = Object.fromEntries([...page.matchAll(/<section class="card" data-window="(\w+)">([\s\S]*?)<\/section>/g)].map((m) => [m[1], m[2]]));
		expect(cards['7d']).toContain('data-count="2">Suggested answers from people: 2, newest first');
		expect(cards['7d'].match(/<tr><td>/g)).toHaveLength(2);
		expect(cards['24h']).not.toContain('Suggested answers');
	});

	it('gives the dashboard a viewport, a refresh and one card per window', async () => {
		const backend = new MemoryBackend();
		await fillReportStore(backend);
		const page = renderDashboardHtml(buildDashboard(await recordsOf(backend), { now: REPORT_NOW }), { refreshSeconds: 30 });
		expect(page).toContain('<meta http-equiv="refresh" content="30">');
		expect(page.match(/<section class="card"/g)).toHaveLength(3);
		expect(renderDashboardHtml(buildDashboard([], { now: REPORT_NOW }), { refreshSeconds: 0 })).not.toContain('http-equiv="refresh"');
	});
});
