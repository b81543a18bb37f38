/**
 * Streams a large history through the main template in a process of its own, so its peak RSS is
 * its own: prints one JSON line { tickets, wallSeconds, peakRssMb }. Arguments: file, workers, and the
 * workers' heap ceiling in MB (optional, as --worker-heap).
 */
import path from 'node:path';
import { REPO_ROOT, readWorkflowFile } from '../simulator/engine';
import { replay } from '../simulator/replay/replay';

async function main(): Promise<void> {
	const [tickets, workers, heap] = [process.argv[2], Number(process.argv[3] ?? 2), process.argv[4]];
	const file = path.join(REPO_ROOT, 'workflows', 'support-247-tiered.json');
	const report = await replay({ workflow: readWorkflowFile(file), workflowName: 'support-247-tiered.json', tickets, zone: 'America/Mexico_City', workers, holidayCountry: 'MX', workerHeapMb: heap ? Number(heap) : undefined });
	const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
	process.stdout.write(`${JSON.stringify({ tickets: report.tickets.replayed, read: report.tickets.read, wallSeconds: report.throughput.wallSeconds, ticketsPerSecond: report.throughput.ticketsPerSecond, peakRssMb })}\n`);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).message}\n`);
	process.exit(1);
});
