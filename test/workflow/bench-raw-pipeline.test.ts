import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rawPipeline } from '../../bench/throughput/raw';
import { writeRealisticTickets } from '../../bench/throughput/realistic-tickets';
import { writeBenchTickets } from '../../bench/throughput/tickets';
import { readWorkflowFile } from '../../simulator/engine';
import { replay } from '../../simulator/replay/replay';
import { readTickets } from '../../simulator/tickets';

// The bench's engine-overhead ratio divides by the raw pipeline: it must make the template's decisions.
const root = path.resolve(__dirname, '../..');
const workflowFile = path.join(root, 'workflows', 'support-247-tiered.json');
const zone = 'America/Mexico_City';
const dir = mkdtempSync(path.join(os.tmpdir(), 'raw-pipeline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tiersBoth(file: string): Promise<{ raw: Map<string, string>; engine: Map<string, string> }> {
	const engine = new Map<string, string>();
	await replay({ workflow: readWorkflowFile(workflowFile), workflowName: 'support-247-tiered.json', tickets: file, zone, holidayCountry: 'MX', onOutcome: (o) => engine.set(o.id, o.tier ?? 'none') });
	const run = rawPipeline(readWorkflowFile(workflowFile));
	const raw = new Map<string, string>();
	for await (const event of readTickets(file, { zone })) {
		if (event.kind === 'ticket') raw.set(event.value.ticket.ticketId, (await run(event.value)).route?.tier ?? 'none');
	}
	return { raw, engine };
}

describe('the raw pipeline of the throughput bench (bench/throughput/raw.ts)', () => {
	it('routes every ticket of the bench set to the tier the template on the engine gives it', async () => {
		const file = path.join(dir, 'bench.csv');
		await writeBenchTickets(file, 800, root, 11);
		const { raw, engine } = await tiersBoth(file);
		expect(engine.size).toBe(800);
		expect(new Set(engine.values()).size).toBeGreaterThanOrEqual(3);
		expect(Object.fromEntries(raw)).toEqual(Object.fromEntries(engine));
	});

	it('and of the realistic mix, conversations and emails included', async () => {
		const file = path.join(dir, 'realistic.csv');
		await writeRealisticTickets(file, 600, root, 5);
		const { raw, engine } = await tiersBoth(file);
		expect(engine.size).toBe(600);
		expect(Object.fromEntries(raw)).toEqual(Object.fromEntries(engine));
	});
});
