import { ConversationAccumulator } from '../../simulator/metrics/conversations';
import type { TicketOutcome } from '../../simulator/replay/outcome';
import { shardOf, splitByShard } from '../../simulator/replay/shard';
import { waves } from '../../simulator/replay/batch-runner';
import type { ReplayTicket } from '../../simulator/tickets';

let line = 0;
/** One turn's outcome; by default an AI answer at L1. */
function turn(conversation: string | undefined, at: string, over: Partial<TicketOutcome> = {}): TicketOutcome {
	line++;
	return {
		id: `t${line}`,
		line,
		text: 'hola',
		channel: 'whatsapp',
		receivedAt: at,
		tier: 'L1',
		reasons: [],
		answered: true,
		aiResolved: true,
		captured: 0,
		labels: {},
		warnings: [],
		rules: ['knowledgeAnswer'],
		replyText: `answer ${line}`,
		humanRequested: false,
		takenOver: false,
		...(conversation === undefined ? {} : { conversation }),
		...over,
	};
}
const person = (over: Partial<TicketOutcome> = {}): Partial<TicketOutcome> => ({ tier: 'L3', aiResolved: false, answered: false, rules: ['humanRequested'], replyText: 'te paso con una persona', ...over });
const day = (d: number, h = 10) => `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00-06:00`;

describe('conversation metrics against hand-computed values', () => {
	it('counts turns to resolution, loops, dead ends, repeats, takeover replies and repeated-failure escalations', () => {
		const acc = new ConversationAccumulator();
		// A: resolved by the AI in one turn.
		acc.add(turn('A', day(2)));
		// B: three turns, the AI answers the same thing twice (a loop), then resolves on the third: 3 turns.
		acc.add(turn('B', day(2), { replyText: 'Abrimos a las 9', aiResolved: false }));
		acc.add(turn('B', day(2, 11), { replyText: '  abrimos a las 9 ', aiResolved: false }));
		acc.add(turn('B', day(2, 12), { replyText: 'Otra respuesta' }));
		// C: asks for a person three times and never reaches one: a dead end (and not resolved: the last turn was no answer).
		acc.add(turn('C', day(3), { humanRequested: true, aiResolved: false, replyText: 'r1' }));
		acc.add(turn('C', day(3, 11), { humanRequested: true, aiResolved: false, replyText: 'r2' }));
		acc.add(turn('C', day(3, 12), { humanRequested: true, aiResolved: false, replyText: 'r3' }));
		// D: asks three times, the third reaches a person: not a dead end; escalated.
		acc.add(turn('D', day(3), { humanRequested: true, aiResolved: false, replyText: 'x1' }));
		acc.add(turn('D', day(3, 11), { humanRequested: true, aiResolved: false, replyText: 'x2' }));
		acc.add(turn('D', day(3, 12), person({ humanRequested: true })));
		// E: gives order #A18534 twice (repeats themselves); the second turn escalates by repeated failure;
		// the third arrives during the takeover and the bot wrongly replies (counted), the fourth is silent.
		acc.add(turn('E', day(4), { text: 'mi pedido #A18534 no llega', aiResolved: false }));
		acc.add(turn('E', day(4, 11), person({ text: 'sigo esperando el pedido #A18534', rules: ['repeatedFailure'], humanRequested: false })));
		acc.add(turn('E', day(4, 12), { takenOver: true, tier: 'L3', aiResolved: false, rules: ['takeover'], replyText: 'oops' }));
		acc.add(turn('E', day(4, 13), { takenOver: true, tier: 'L3', aiResolved: false, rules: ['takeover'], replyText: undefined }));
		// F: the same knowledge entry twice, once opened with a greeting: still a loop (entries are compared, not texts).
		acc.add(turn('F', day(5), { replyText: 'Buenas noches, soy el asistente. Abrimos a las 9', answerEntry: 'hours_locations', aiResolved: false }));
		acc.add(turn('F', day(5, 11), { replyText: 'Abrimos a las 9', answerEntry: 'hours_locations', aiResolved: false }));
		// G: two entries whose answers happen to read alike are not a loop.
		acc.add(turn('G', day(5), { replyText: 'Sí', answerEntry: 'warranty' }));
		acc.add(turn('G', day(5, 11), { replyText: 'Sí', answerEntry: 'delivery_options' }));
		// No conversation column: not scored here.
		acc.add(turn(undefined, day(4)));

		const summary = acc.summary();
		expect(summary).toEqual({
			conversations: 7,
			multiTurn: 6,
			turns: 18,
			resolvedByAi: 3,
			// Nearest-rank median of [1, 3, 2] is 2.
			turnsToResolution: { mean: 2, median: 2, distribution: { '1': 1, '2': 1, '3': 1, '4+': 0 } },
			escalated: 2,
			loops: 2,
			deadEnds: 1,
			takeoverTurns: 2,
			aiRepliesDuringTakeover: 1,
			repeatedThemselves: 1,
			repeatedFailureEscalations: 1,
		});
	});

	it('a turn more than a week after the last one starts a new conversation; no conversation column gives no section', () => {
		const acc = new ConversationAccumulator();
		acc.add(turn('A', day(1), { aiResolved: false, tier: 'L3', replyText: undefined }));
		acc.add(turn('A', day(9)));
		expect(acc.summary()).toMatchObject({ conversations: 2, multiTurn: 0, resolvedByAi: 1, escalated: 1 });
		const none = new ConversationAccumulator();
		none.add(turn(undefined, day(1)));
		expect(none.summary()).toBeUndefined();
	});

	it('in a file out of time order, a turn older than the last sweep\'s cutoff closes its conversation at once; a later one stays open', () => {
		const acc = new ConversationAccumulator();
		acc.add(turn('X', day(20)));
		// L is from before the cutoff of the sweep on the 20th: each of its turns is a conversation of its own.
		acc.add(turn('L', day(1, 10)));
		acc.add(turn('L', day(1, 11)));
		// M is within the week: its two turns stay one conversation.
		acc.add(turn('M', day(15, 10)));
		acc.add(turn('M', day(15, 11)));
		expect(acc.summary()).toMatchObject({ conversations: 4, multiTurn: 1, turns: 5 });
	});

	it('a greeting during a takeover counts as a bot reply', () => {
		const acc = new ConversationAccumulator();
		acc.add(turn('A', day(1), { takenOver: true, tier: 'L3', aiResolved: false, replyText: undefined, greeted: true }));
		expect(acc.summary()).toMatchObject({ takeoverTurns: 1, aiRepliesDuringTakeover: 1 });
	});
});

describe('replaying conversations in order', () => {
	const row = (id: string, conversation: string | undefined, at: string): ReplayTicket => ({
		line: 1,
		ticket: { ticketId: id, channel: 'webchat', customer: {}, message: { text: id, receivedAt: at } },
		labels: {},
		warnings: [],
		...(conversation ? { conversation } : {}),
	});

	it('puts each conversation on one shard, whatever the batch', () => {
		const shards = new Set(Array.from({ length: 40 }, (_, i) => shardOf(`conv-${i}`, 3)));
		expect(shards).toEqual(new Set([0, 1, 2]));
		expect(shardOf('conv-7', 3)).toBe(shardOf('conv-7', 3));
		const parts = splitByShard([row('a', 'c1', day(1)), row('b', 'c2', day(1)), row('c', 'c1', day(2)), row('d', undefined, day(2))], 4);
		const ofC1 = parts.find((p) => p.items.some((i) => i.ticket.ticketId === 'a'));
		expect(ofC1?.items.map((i) => i.ticket.ticketId).filter((id) => id === 'a' || id === 'c')).toEqual(['a', 'c']);
		expect(parts.reduce((n, p) => n + p.items.length, 0)).toBe(4);
	});

	it('runs one turn of each conversation per wave, each conversation in time order', () => {
		const batch = [row('c1-late', 'c1', day(3)), row('c2-only', 'c2', day(1)), row('c1-early', 'c1', day(2)), row('solo', undefined, day(2)), row('c1-last', 'c1', day(4))];
		expect(waves(batch).map((wave) => wave.map((i) => i.ticket.ticketId))).toEqual([['c1-early', 'c2-only', 'solo'], ['c1-late'], ['c1-last']]);
	});
});
