/**
 * A SHA-256 of what the embedded judgment decides on fixed ticket sets: performance work must
 * leave it unchanged (floating-point results included). Runs the raw pipeline (greeting, conversation,
 * triage, knowledge lookup, routing) of the tiered and the clinic templates, and triage without an intent
 * model (the built-in lexicons), on the 20,000 bench tickets, 5,000 of the realistic mix and the
 * bench/dev2 … dev9 ticket files. With --engine it also replays the realistic mix and dev9 through the
 * tiered template on the n8n engine (--workers 1) and digests every scored outcome (tier, rules, intents,
 * scores, reply text). --dump <file> writes each record as a JSON line, so two builds can be diffed.
 *
 *   node dist/bench/throughput/fingerprint.js [--verbose] [--engine] [--dump out/fingerprint.jsonl]
 */
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { triageTicket } from '../../nodes/shared/triage';
import { readWorkflowFile } from '../../simulator/engine';
import { DEFAULT_COST_MODEL } from '../../simulator/metrics/cost-model';
import { replay } from '../../simulator/replay/replay';
import { readTickets, type ReplayTicket } from '../../simulator/tickets';
import { rawPipeline } from './raw';
import { writeRealisticTickets } from './realistic-tickets';
import { writeBenchTickets } from './tickets';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const dumpAt = args.indexOf('--dump');
const dump: WriteStream | undefined = dumpAt >= 0 ? createWriteStream(args[dumpAt + 1]) : undefined;

async function load(file: string): Promise<ReplayTicket[]> {
	const all: ReplayTicket[] = [];
	for await (const event of readTickets(file, { zone: 'America/Mexico_City' })) if (event.kind === 'ticket') all.push(event.value);
	return all;
}

function record(hash: Hash, label: string, value: unknown): void {
	const line = JSON.stringify(value);
	hash.update(line).update('\n');
	dump?.write(`${label}\t${line}\n`);
}

async function main(): Promise<void> {
	const cache = path.join(REPO_ROOT, '.cache', 'bench');
	const bench = path.join(cache, 'tickets-20000.csv');
	await writeBenchTickets(bench, 20000, REPO_ROOT);
	const realistic = path.join(cache, 'realistic-5000.csv');
	await writeRealisticTickets(realistic, 5000, REPO_ROOT);
	const devSets = ['dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8', 'dev9'].filter((dir) => existsSync(path.join(REPO_ROOT, 'bench', dir)));
	const files = [bench, realistic, ...devSets.flatMap((dir) => ['store.csv', 'clinic.csv'].map((name) => path.join(REPO_ROOT, 'bench', dir, name)))];
	const workflows = ['support-247-tiered.json', 'dental-clinic-whatsapp.json'].map((name) => ({ name, workflow: readWorkflowFile(path.join(REPO_ROOT, 'workflows', name)) }));
	const total = createHash('sha256');
	const report = (digest: string, what: string) => {
		total.update(digest);
		if (verbose) console.log(`${digest.slice(0, 16)}  ${what}`);
	};
	for (const file of files) {
		const tickets = await load(file);
		const where = path.relative(REPO_ROOT, file);
		for (const { name, workflow } of workflows) {
			// A pipeline of its own per file: its conversation store starts empty, as a replay's does.
			const run = rawPipeline(workflow);
			const hash = createHash('sha256');
			for (const item of tickets) record(hash, `raw ${name} ${where}`, await run(item));
			report(hash.digest('hex'), `${name} × ${where} (${tickets.length})`);
		}
		const lexical = createHash('sha256');
		for (const item of tickets) record(lexical, `lexicon ${where}`, triageTicket(item.ticket));
		report(lexical.digest('hex'), `lexicon-only triage × ${where} (${tickets.length})`);
	}
	if (args.includes('--engine')) {
		const file = path.join(REPO_ROOT, 'workflows', 'support-247-tiered.json');
		for (const tickets of [realistic, ...['store.csv', 'clinic.csv'].map((name) => path.join(REPO_ROOT, 'bench', 'dev9', name))].filter((f) => existsSync(f))) {
			const where = path.relative(REPO_ROOT, tickets);
			const outcomes: Array<{ line: number; value: unknown }> = [];
			await replay({
				workflow: readWorkflowFile(file),
				workflowName: path.basename(file),
				tickets,
				zone: 'America/Mexico_City',
				workers: 1,
				batchSize: 500,
				cost: DEFAULT_COST_MODEL,
				holidayCountry: 'MX',
				onOutcome: (outcome) => outcomes.push({ line: outcome.line, value: outcome }),
			});
			// In file order: a replay scores outcomes as batches finish.
			outcomes.sort((a, b) => a.line - b.line);
			const hash = createHash('sha256');
			for (const { value } of outcomes) record(hash, `engine ${where}`, value);
			report(hash.digest('hex'), `engine, --workers 1 × ${where} (${outcomes.length})`);
		}
	}
	if (dump) await new Promise((resolve) => dump.end(resolve));
	console.log(total.digest('hex'));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
