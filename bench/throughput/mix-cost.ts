/**
 * Cost per ticket of the realistic set against the bench's own set: the same number of tickets of
 * each through the simulator (--workers 2), alternated A B B A … so drift in the machine's load falls
 * on both alike. Wall time and the process's CPU time (all threads) per ticket, and their ratios.
 */
import { engineThroughput } from './measure';

export interface MixCostRound {
	set: 'bench' | 'realistic';
	wallMsPerTicket: number;
	cpuMsPerTicket: number;
}

export interface MixCost {
	tickets: number;
	workers: number;
	rounds: MixCostRound[];
	bench: { wallMsPerTicket: number; cpuMsPerTicket: number };
	realistic: { wallMsPerTicket: number; cpuMsPerTicket: number };
	/** realistic ÷ bench, medians of the rounds. */
	wallRatio: number;
	cpuRatio: number;
}

const median = (values: number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round4 = (value: number) => Number(value.toFixed(4));

export async function mixCost(repoRoot: string, files: { bench: string; realistic: string }, pairs = 3, workers = 2, log: (line: string) => void = () => {}): Promise<MixCost> {
	const rounds: MixCostRound[] = [];
	let tickets = 0;
	for (let pair = 0; pair < pairs; pair++) {
		const order: Array<'bench' | 'realistic'> = pair % 2 === 0 ? ['bench', 'realistic'] : ['realistic', 'bench'];
		for (const set of order) {
			const cpu = process.cpuUsage();
			const run = await engineThroughput(repoRoot, files[set], workers);
			const used = process.cpuUsage(cpu);
			tickets = run.tickets;
			const result = { set, wallMsPerTicket: round4((run.wallSeconds * 1000) / run.tickets), cpuMsPerTicket: round4((used.user + used.system) / 1000 / run.tickets) };
			log(`  ${set}: ${result.wallMsPerTicket} ms a ticket wall, ${result.cpuMsPerTicket} ms CPU`);
			rounds.push(result);
		}
	}
	const of = (set: MixCostRound['set']) => {
		const mine = rounds.filter((r) => r.set === set);
		return { wallMsPerTicket: round4(median(mine.map((r) => r.wallMsPerTicket))), cpuMsPerTicket: round4(median(mine.map((r) => r.cpuMsPerTicket))) };
	};
	const [bench, realistic] = [of('bench'), of('realistic')];
	return {
		tickets,
		workers,
		rounds,
		bench,
		realistic,
		wallRatio: Number((realistic.wallMsPerTicket / bench.wallMsPerTicket).toFixed(2)),
		cpuRatio: Number((realistic.cpuMsPerTicket / bench.cpuMsPerTicket).toFixed(2)),
	};
}
