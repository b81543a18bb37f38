import { MetricsAccumulator } from '../../simulator/metrics/accumulator';
import { DEFAULT_COST_MODEL } from '../../simulator/metrics/cost-model';
import type { TicketOutcome } from '../../simulator/replay/outcome';
import { rowConverter } from '../../simulator/tickets/to-ticket';

const outcome = (id: string, channel: string, aiResolved: boolean): TicketOutcome => ({
	id,
	line: 2,
	text: 'x',
	channel,
	receivedAt: '2026-03-04T10:00:00-06:00',
	reasons: [],
	answered: aiResolved,
	aiResolved,
	captured: 0,
	labels: {},
	warnings: [],
	tier: aiResolved ? 'L1' : 'L3',
});

describe('channels in the replay', () => {
	it('reads history channel names into the new channel values', () => {
		const convert = rowConverter(['text', 'created_at', 'channel'], {}, 'America/Mexico_City');
		let line = 1;
		const channelOf = (channel: string) => {
			const result = convert({ kind: 'row', line: ++line, values: { text: 'hola', created_at: '2026-03-04 10:00', channel } });
			if (!result.ok) throw new Error(result.reason);
			return result.value.ticket.channel;
		};
		expect(['Messenger', 'Facebook', 'Instagram', 'Telegram', 'WhatsApp Cloud', 'Twitter'].map(channelOf)).toEqual(['messenger', 'messenger', 'instagram', 'telegram', 'whatsapp', 'social']);
	});

	it('counts tickets and AI resolution per channel', () => {
		const acc = new MetricsAccumulator({ zone: 'America/Mexico_City', cost: DEFAULT_COST_MODEL });
		acc.add(outcome('a', 'instagram', true));
		acc.add(outcome('b', 'instagram', false));
		acc.add(outcome('c', 'telegram', true));
		acc.add(outcome('d', 'messenger', false));
		const { byChannel } = acc.summary({ workflow: 'w', tickets: 't' } as never);
		expect(byChannel).toEqual({
			instagram: { tickets: 2, share: 0.5, aiResolved: 1, automatable: 0.5 },
			telegram: { tickets: 1, share: 0.25, aiResolved: 1, automatable: 1 },
			messenger: { tickets: 1, share: 0.25, aiResolved: 0, automatable: 0 },
		});
	});
});
