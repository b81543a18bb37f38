import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { readWorkflowFile } from '../../simulator/engine';
import { DEFAULT_COST_MODEL } from '../../simulator/metrics/cost-model';
import { replay } from '../../simulator/replay/replay';
import { readTickets, type ReplayTicket } from '../../simulator/tickets';
import { rawPipeline, rawTriage } from './raw';

export interface ThroughputResult {
	tickets: number;
	ticketsPerSecond: number;
	wallSeconds: number;
}

export async function engineThroughput(repoRoot: string, tickets: string, workers: number): Promise<ThroughputResult & { tiers: Record<string, number> }> {
	const file = path.join(repoRoot, 'workflows', 'support-247-tiered.json');
	const report = await replay({
		workflow: readWorkflowFile(file),
		workflowName: path.basename(file),
		tickets,
		zone: 'America/Mexico_City',
		workers,
		cost: DEFAULT_COST_MODEL,
		holidayCountry: 'MX',
	});
	return { tickets: report.tickets.replayed, ticketsPerSecond: report.throughput.ticketsPerSecond, wallSeconds: report.throughput.wallSeconds, tiers: report.tiers };
}

/** The same tickets through the domain functions alone, after reading them (reading is not timed). */
export async function rawThroughput(repoRoot: string, tickets: string): Promise<ThroughputResult & { tiers: Record<string, number> }> {
	const workflow = readWorkflowFile(path.join(repoRoot, 'workflows', 'support-247-tiered.json'));
	// Warmed on a pipeline of its own, so the timed one starts from an empty store, as a replay does.
	const all = await warmedTickets(tickets, rawPipeline(workflow));
	const pipeline = rawPipeline(workflow);
	const tiers: Record<string, number> = { L1: 0, L2: 0, L3: 0, L4: 0 };
	const started = performance.now();
	for (const item of all) tiers[(await pipeline(item)).route?.tier ?? 'L3']++;
	const wallSeconds = (performance.now() - started) / 1000;
	return { tickets: all.length, ticketsPerSecond: Math.round(all.length / wallSeconds), wallSeconds: Number(wallSeconds.toFixed(3)), tiers };
}

/** Support Triage alone (the embedded default: lexicon, intent model and humanScore) on the same tickets: ms a ticket. */
export async function triageCost(repoRoot: string, tickets: string): Promise<{ tickets: number; msPerTicket: number; p99Ms: number }> {
	const triage = rawTriage(readWorkflowFile(path.join(repoRoot, 'workflows', 'support-247-tiered.json')));
	const all = await warmedTickets(tickets, (item) => triage(item.ticket));
	const each = new Float64Array(all.length);
	const started = performance.now();
	for (let i = 0; i < all.length; i++) {
		const t0 = performance.now();
		triage(all[i].ticket);
		each[i] = performance.now() - t0;
	}
	const total = performance.now() - started;
	each.sort();
	return { tickets: all.length, msPerTicket: Number((total / all.length).toFixed(4)), p99Ms: Number(each[Math.floor(each.length * 0.99)].toFixed(3)) };
}

/** The file's tickets in memory (reading is not timed), after `run` has warmed the caches (model load, holiday tables) on the first 200, as the engine run's first batch does. */
async function warmedTickets(tickets: string, run: (item: ReplayTicket) => unknown): Promise<ReplayTicket[]> {
	const all: ReplayTicket[] = [];
	for await (const event of readTickets(tickets, { zone: 'America/Mexico_City' })) if (event.kind === 'ticket') all.push(event.value);
	for (const item of all.slice(0, 200)) await run(item);
	return all;
}
