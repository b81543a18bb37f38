import { capTicket, resolveInputLimits } from '../../nodes/shared/input-limits';
import { toTicketShape } from '../../nodes/shared/ticket-input';
import { applyInputLimits } from '../../simulator/cli';
import type { WorkflowJson } from '../../simulator/engine';
import { LineSplitter } from '../../simulator/tickets/read-rows';
import type { Ticket } from '../../nodes/shared/ticket';

const AT = '2026-03-02T10:00:00-06:00';

describe('settable input limits', () => {
	it('keeps the defaults when nothing is set, and reads numbers and numeric text', () => {
		expect(resolveInputLimits({})).toEqual({ maxTextLength: 20_000, maxHistoryTurns: 50 });
		expect(resolveInputLimits({ maxTextLength: '', maxHistoryTurns: undefined })).toEqual({ maxTextLength: 20_000, maxHistoryTurns: 50 });
		expect(resolveInputLimits({ maxTextLength: '300', maxHistoryTurns: 4 })).toEqual({ maxTextLength: 300, maxHistoryTurns: 4 });
	});

	it('names the flag or field of a bad value', () => {
		expect(() => resolveInputLimits({ maxTextLength: 0 })).toThrow('maxTextLength must be a whole number of at least 1, got "0"');
		expect(() => resolveInputLimits({ maxHistoryTurns: 'lots' }, { maxTextLength: '--max-text-length', maxHistoryTurns: '--max-history-turns' })).toThrow('--max-history-turns must be a whole number');
	});

	it('cuts a web chat body at the set length and keeps the set number of turns', () => {
		const limits = resolveInputLimits({ maxTextLength: 10, maxHistoryTurns: 2 });
		const history = [{ role: 'customer', text: 'a' }, null, { role: 'ai', text: 'b' }, { role: 'customer', text: 'c' }];
		const ticket = toTicketShape({ body: { text: 'where is my order 12345', history } }, () => AT, limits) as unknown as Ticket;
		expect(ticket.message).toMatchObject({ text: 'where is m', truncated: true, originalLength: 23 });
		expect(ticket.history).toEqual([{ role: 'ai', text: 'b' }, { role: 'customer', text: 'c' }]);
		const raised = capTicket(ticket, resolveInputLimits({ maxTextLength: 100 }));
		expect(raised.message.text).toBe('where is m');
	});

	it('sets the limit on the entry nodes of a workflow for a replay, keeping their other options', () => {
		const workflow = {
			nodes: [
				{ name: 'Greeter', type: 'n8n-nodes-support247.offHoursGreeter', parameters: { options: { ticketField: 't' } } },
				{ name: 'Triage', type: 'n8n-nodes-support247.supportTriage', parameters: {} },
			],
			connections: {},
		} as unknown as WorkflowJson;
		const out = applyInputLimits(workflow, { maxTextLength: 500, maxHistoryTurns: 3 });
		expect(out.nodes[0].parameters).toEqual({ options: { ticketField: 't', maxTextLength: 500, maxHistoryTurns: 3 } });
		expect(out.nodes[1]).toBe(workflow.nodes[1]);
	});
});

describe('LineSplitter', () => {
	it('gives the same lines whatever the chunking, with "\\r\\n" files keeping a bare "\\n" inside a line', () => {
		const text = 'a,b\r\nc\nd,e\r\n\r\nf';
		const whole = new LineSplitter('\r\n');
		const expected = [...whole.push(text), ...whole.end()];
		expect(expected).toEqual(['a,b', 'c\nd,e', '', 'f']);
		for (let size = 1; size <= text.length; size++) {
			const splitter = new LineSplitter('\r\n');
			const lines: string[] = [];
			for (let i = 0; i < text.length; i += size) lines.push(...splitter.push(text.slice(i, i + size)));
			lines.push(...splitter.end());
			expect(lines).toEqual(expected);
		}
		const lf = new LineSplitter('\n');
		expect([...lf.push('x\n\n'), ...lf.push('y'), ...lf.end()]).toEqual(['x', '', 'y']);
	});
});
