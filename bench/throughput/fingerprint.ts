/**
 * A SHA-256 of what the embedded judgment decides on a fixed ticket set: performance work must
 * leave it unchanged (floating-point results included). Runs the raw pipeline (greeting, conversation,
 * triage, knowledge lookup, routing) of the tiered and the clinic templates, and triage without an intent
 * model (the built-in lexicons), on the 20,000 bench tickets and the dev2/dev3 ticket files.
 *
 *   node dist/bench/throughput/fingerprint.js [--verbose]
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { triageTicket } from '../../nodes/shared/triage';
import { readWorkflowFile } from '../../simulator/engine';
import { readTickets, type ReplayTicket } from '../../simulator/tickets';
import { rawPipeline } from './raw';
import { writeBenchTickets } from './tickets';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

async function load(file: string): Promise<ReplayTicket[]> {
	const all: ReplayTicket[] = [];
	for await (const event of readTickets(file, { zone: 'America/Mexico_City' })) if (event.kind === 'ticket') all.push(event.value);
	return all;
}

async function main(): Promise<void> {
	const bench = path.join(REPO_ROOT, '.cache', 'bench', 'tickets-20000.csv');
	await writeBenchTickets(bench, 20000, REPO_ROOT);
	const files = [bench, ...['dev2', 'dev3'].flatMap((dir) => ['store.csv', 'clinic.csv'].map((name) => path.join(REPO_ROOT, 'bench', dir, name)))];
	const workflows = ['support-247-tiered.json', 'dental-clinic-whatsapp.json'].map((name) => ({ name, workflow: readWorkflowFile(path.join(REPO_ROOT, 'workflows', name)) }));
	const total = createHash('sha256');
	for (const file of files) {
		const tickets = await load(file);
		for (const { name, workflow } of workflows) {
			// A pipeline of its own per file: its conversation store starts empty, as a replay's does.
			const run = rawPipeline(workflow);
			const hash = createHash('sha256');
			for (const item of tickets) hash.update(JSON.stringify(await run(item))).update('\n');
			const digest = hash.digest('hex');
			total.update(digest);
			if (process.argv.includes('--verbose')) console.log(`${digest.slice(0, 16)}  ${name} × ${path.relative(REPO_ROOT, file)} (${tickets.length})`);
		}
		const lexical = createHash('sha256');
		for (const item of tickets) lexical.update(JSON.stringify(triageTicket(item.ticket))).update('\n');
		const digest = lexical.digest('hex');
		total.update(digest);
		if (process.argv.includes('--verbose')) console.log(`${digest.slice(0, 16)}  lexicon-only triage × ${path.relative(REPO_ROOT, file)} (${tickets.length})`);
	}
	console.log(total.digest('hex'));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
