import { ConversationStore } from '../../nodes/ConversationStore/ConversationStore.node';
import { conversationsSince, dropMemoryBackend, memoryBackend, type ConversationRecord } from '../../nodes/shared/conversation';
import { buildReport } from '../../nodes/shared/insights';
import { createEngine, type Engine } from '../../simulator/engine';
import { caseTicket } from '../helpers/report-fixture';

const P = 'n8n-nodes-support247';
const STORE = 'csat-answers';
const who = { channel: 'whatsapp', customer: { phone: '+5511987654321', language: 'pt' } };

function workflow(operation: string, extra: Record<string, unknown> = {}) {
	return {
		name: operation,
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: '2', name: 'Store', type: `${P}.conversationStore`, typeVersion: 1, position: [200, 0], parameters: { operation, backend: 'memory', memoryName: STORE, ...extra } },
		],
		connections: { Start: { main: [[{ node: 'Store', type: 'main', index: 0 }]] } },
	};
}

describe('Conversation Store: Record CSAT on the engine', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createEngine({ extraNodeTypes: { [`${P}.conversationStore`]: new ConversationStore() } });
	});
	afterAll(() => dropMemoryBackend(STORE));

	const answer = async (id: string, text: string, at: string) => {
		const res = await engine.run(workflow('recordCsat'), { items: [caseTicket({ id, who, at, text })] });
		expect(res.error).toBeUndefined();
		return res.outputs.Store[0][0].json as Record<string, any>;
	};

	it('parses the answer, stores it once with who resolved the case, and reopens a low score; the report counts it', async () => {
		const res = await engine.run(workflow('append'), {
			items: [caseTicket({ id: 'q1', who, at: '2026-03-08T10:00:00-06:00', text: 'qual o horário?', tier: 'L1', rules: ['knowledgeAnswer'], reasons: ['knowledge answer (score 0.9)'], language: 'pt', answered: true, reply: 'Abrimos às 9h.' })],
		});
		expect(res.error).toBeUndefined();

		expect((await answer('a1', 'péssimo', '2026-03-08T10:05:00-06:00')).csat).toEqual({ score: 1, stored: true, reopen: true, resolver: 'ai', tier: 'L1' });
		expect((await answer('a1', 'péssimo', '2026-03-08T10:05:00-06:00')).csat).toMatchObject({ score: 1, stored: false });
		expect((await answer('a2', 'obrigado pela ajuda', '2026-03-08T10:06:00-06:00')).csat).toEqual({ score: null, stored: false, reopen: false });
		expect((await answer('a3', '⭐⭐⭐⭐⭐', '2026-03-08T10:07:00-06:00')).csat).toMatchObject({ score: 5, stored: true, reopen: false });

		const records: ConversationRecord[] = [];
		for await (const record of conversationsSince(memoryBackend(STORE), 0)) records.push(record);
		const week = buildReport(records, { now: '2026-03-09T09:00:00-06:00', window: '7d', topGaps: 0 });
		expect(week.csat).toMatchObject({ answered: 2, mean: 3, counts: [1, 0, 0, 0, 1], byResolver: { ai: { answered: 2, mean: 3 } } });
	});
});
