import { toOutcome } from '../../simulator/replay/outcome';
import type { Ticket } from '../../nodes/shared/ticket';

const base = (text: string) => {
	const ticket: Ticket = { ticketId: 't1', channel: 'webchat', customer: { name: 'Ana' }, message: { text, receivedAt: '2026-03-05T10:00:00-06:00' } };
	return { line: 2, ticket, labels: {}, warnings: [] };
};
const l2 = (reply: Ticket['reply'], knowledge?: Ticket['knowledge']) => {
	const b = base('¿dónde va mi pedido A123?');
	return toOutcome(b, { tier: 'L2', json: { ...b.ticket, route: { tier: 'L2', reasons: ['intent track_order needs system access'] }, reply, knowledge } }, 1);
};

describe('what counts as an AI resolution in a replay', () => {
	it('an L2 ticket with the system\'s answer is resolved by the AI', () => {
		expect(l2({ text: 'Tu pedido A123 sale hoy.', language: 'es' })).toMatchObject({ aiResolved: true, replyText: 'Tu pedido A123 sale hoy.' });
	});

	it('an L2 ticket left with only the "checking in our system" holding reply is not, and the reply is marked pending', () => {
		const outcome = l2({ text: 'Déjame revisarlo en nuestro sistema.', language: 'es', pending: true });
		expect(outcome).toMatchObject({ aiResolved: false, replyPending: true });
	});

	it('an L2 ticket with a knowledge answer is resolved even if a holding reply is pending', () => {
		const outcome = l2({ text: 'Déjame revisarlo en nuestro sistema.', language: 'es', pending: true }, { answered: true, score: 0.9, sources: [{ id: 'track_order', title: 'Track' }] });
		expect(outcome.aiResolved).toBe(true);
	});
});
