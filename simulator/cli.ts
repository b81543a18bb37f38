import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { compareReports, readReport } from './compare';
import { addGapsCommand } from './gaps/command';
import { createEngine, readWorkflowFile, REPO_ROOT, workflowNodeTypes, type WorkflowJson } from './engine';
import { resolveInputLimits, type InputLimits } from '../nodes/shared/input-limits';
import type { ReplayReport, SweepPoint } from './metrics/accumulator';
import { parseCostOverrides } from './metrics/cost-model';
import { startProgress } from './progress';
import { applyKnowledgeFile } from './replay/knowledge';
import { applyAssignment, parseAssignment } from './replay/parameters';
import { replay } from './replay/replay';
import { DEFAULT_WORKER_HEAP_MB, MIN_WORKER_HEAP_MB } from './replay/worker-pool';
import { parseSweep } from './sweep';
import { assertZone, readColumnMap } from './tickets';

export const DEMO_WORKFLOW = path.join(REPO_ROOT, 'workflows', 'support-247-tiered.json');
export const DEMO_TICKETS = path.join(REPO_ROOT, 'simulator', 'demo', 'history.csv');

interface ReplayFlags {
	workflow?: string;
	target?: string;
	concurrency?: string;
	tickets: string;
	preset: string;
	map?: string;
	tz?: string;
	knowledge?: string;
	param: string[];
	startNode?: string;
	json?: string;
	html?: string;
	errors?: string;
	sweep?: string;
	workers: string;
	workerHeap?: string;
	limit?: string;
	maxTextLength?: string;
	maxHistoryTurns?: string;
	quiet?: boolean;
	cost: string[];
	credentials?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function positiveInteger(flag: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a whole number of at least 1, got "${value}"`);
	return n;
}

/** --worker-heap in MB: only over worker threads, since one engine runs in this thread, whose heap is Node's own. */
function workerHeapOf(value: string | undefined, workers: number): number | undefined {
	const mb = positiveInteger('--worker-heap', value);
	if (mb === undefined) return undefined;
	if (mb < MIN_WORKER_HEAP_MB) throw new Error(`--worker-heap must be at least ${MIN_WORKER_HEAP_MB} (MB), got "${value}"`);
	if (workers < 2) throw new Error('--worker-heap sets the heap of each worker thread, so it needs --workers 2 or more');
	return mb;
}

/** The business calendar the workflow's own nodes declare (Off-Hours Greeter, SLA Timer), if any. */
export function workflowCalendar(workflow: WorkflowJson): { zone?: string; country?: string; state?: string } {
	for (const node of workflow.nodes) {
		const p = (node.parameters ?? {}) as Record<string, unknown>;
		const zone = p.timeZone;
		if (typeof zone !== 'string' || !zone || zone.startsWith('=')) continue;
		const options = (p.calendarOptions ?? {}) as Record<string, unknown>;
		const text = (value: unknown) => (typeof value === 'string' && value && !value.startsWith('=') ? value : undefined);
		return { zone, country: text(options.holidayCountry), state: text(options.holidayState) };
	}
	return {};
}

/** The nodes where tickets enter a workflow, which apply the input limit again on their own. */
const ENTRY_NODE_TYPES = new Set(['n8n-nodes-support247.offHoursGreeter', 'n8n-nodes-support247.conversationStore']);

/** The workflow with the input limit set on its entry nodes, so a raised limit is not cut again inside. */
export function applyInputLimits(workflow: WorkflowJson, limits: InputLimits): WorkflowJson {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			if (!ENTRY_NODE_TYPES.has(node.type)) return node;
			const parameters = (node.parameters ?? {}) as Record<string, unknown>;
			const options = { ...((parameters.options ?? {}) as Record<string, unknown>), maxTextLength: limits.maxTextLength, maxHistoryTurns: limits.maxHistoryTurns };
			return { ...node, parameters: { ...parameters, options } } as typeof node;
		}),
	};
}

function readCredentials(file: string): Record<string, ICredentialDataDecryptedObject> {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new Error(`Cannot read credentials file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
}

function writeFile(file: string, content: string): void {
	mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	writeFileSync(file, content);
}

async function runReplay(flags: ReplayFlags, log: (line: string) => void): Promise<ReplayReport> {
	if (!flags.workflow && !flags.target) throw new Error('replay needs --workflow <file.json> (in-process) or --target <webhook URL> (a live n8n)');
	if (flags.target) {
		if (!/^https?:\/\//.test(flags.target)) throw new Error(`--target must be an http(s) URL, got "${flags.target}"`);
		const set: Array<[string, unknown]> = [['--param', flags.param.length], ['--knowledge', flags.knowledge], ['--sweep', flags.sweep], ['--start-node', flags.startNode]];
		const local = set.filter(([, value]) => value).map(([flag]) => flag);
		if (local.length) throw new Error(`${local.join(', ')} change the in-process workflow and cannot apply to --target; set them in n8n instead`);
	}
	// With --target the workflow file is optional: it only tells the business zone and holidays.
	let workflow: WorkflowJson = flags.workflow ? readWorkflowFile(flags.workflow) : { nodes: [], connections: {} };
	const workflowName = flags.workflow ? path.basename(flags.workflow) : String(flags.target);
	const credentials = flags.credentials ? readCredentials(flags.credentials) : undefined;
	const workers = positiveInteger('--workers', flags.workers) ?? 1;
	const workerHeapMb = workerHeapOf(flags.workerHeap, workers);
	// A single-worker replay runs on this thread's engine, with the same credentials the worker threads get.
	// Over worker threads (or a live target) this thread runs none: it loads n8n-core and the nodes (about
	// a second of CPU and 65 MB, before any worker could start) only to check --param and --sweep names.
	const needsEngine = (workers === 1 && !flags.target) || flags.param.length > 0 || Boolean(flags.sweep);
	const engine = needsEngine ? await createEngine({ credentials, nodeTypes: workflowNodeTypes(workflow) }) : undefined;
	if (flags.knowledge) workflow = applyKnowledgeFile(workflow, flags.knowledge);
	const limitsSet = flags.maxTextLength !== undefined || flags.maxHistoryTurns !== undefined;
	const limits = resolveInputLimits({ maxTextLength: flags.maxTextLength, maxHistoryTurns: flags.maxHistoryTurns }, { maxTextLength: '--max-text-length', maxHistoryTurns: '--max-history-turns' });
	if (limitsSet) workflow = applyInputLimits(workflow, limits);
	for (const text of flags.param) workflow = applyAssignment(workflow, parseAssignment(text, workflow), engine?.nodeTypes);
	// Checked here, before any ticket is read, so that a bad workflow is one clear line. Worker threads
	// check it the same way as they start, before the reader hands out a batch.
	if (!flags.target) engine?.prepare(workflow, workflowName);
	const calendar = workflowCalendar(workflow);
	const zone = assertZone(flags.tz ?? calendar.zone ?? 'UTC');
	const cost = parseCostOverrides(flags.cost);
	const map = flags.map ? readColumnMap(flags.map) : undefined;
	const limit = positiveInteger('--limit', flags.limit);
	const sweep = flags.sweep ? parseSweep(flags.sweep) : undefined;
	if (sweep && flags.tickets === '-') throw new Error('--sweep replays the tickets once per value, so it needs a file, not standard input');
	const sweepAssignments = sweep?.values.map((value) => parseAssignment(`${sweep.target}=${value}`, workflow, '--sweep'));
	// Fail on a bad sweep target before the long main replay.
	sweepAssignments?.forEach((assignment) => applyAssignment(workflow, assignment, engine?.nodeTypes, '--sweep'));

	const common = { workflowName, tickets: flags.tickets, preset: flags.preset, map, zone, startNode: flags.startNode, limit, limits, cost, credentials, holidayCountry: calendar.country, holidayState: calendar.state };
	const progress = await startProgress(flags.tickets, Boolean(flags.quiet));
	let report: ReplayReport;
	try {
		report = await replay({
			...common,
			workflow,
			workers,
			workerHeapMb,
			errorsFile: flags.errors,
			onProgress: progress.update,
			engine: workers > 1 ? undefined : engine,
			target: flags.target,
			concurrency: positiveInteger('--concurrency', flags.concurrency),
		});
	} finally {
		progress.stop();
	}
	if (sweep && sweepAssignments) {
		const points: SweepPoint[] = [];
		for (const assignment of sweepAssignments) {
			const variant = applyAssignment(workflow, assignment, engine?.nodeTypes, '--sweep');
			const result = await replay({ ...common, workflow: variant, workers, workerHeapMb, engine: workers > 1 ? undefined : engine });
			points.push({
				parameter: sweep.target,
				value: assignment.value as number,
				resolutionRate: result.resolution.rate,
				escalationAccuracy: result.escalation.accuracy,
				recall: result.escalation.recall,
				wrongAnswerRate: result.wrongAnswerRisk.rate,
			});
		}
		report.sweep = points;
	}
	report.parameters = { param: flags.param, knowledge: flags.knowledge ?? null, preset: flags.preset, workers, ...(workerHeapMb ? { workerHeapMb } : {}) };
	if (flags.json) writeFile(flags.json, `${JSON.stringify(report, null, 2)}\n`);
	// The reports load only when asked for: a quiet replay starts faster without them.
	if (flags.html) writeFile(flags.html, (await import('./report/html')).renderHtml(report));
	if (!flags.quiet) log((await import('./report/terminal')).renderSummary(report));
	// Every file the run wrote, so the reader knows where to look next.
	if (!flags.quiet && flags.json) log(`  JSON report  ${flags.json}`);
	if (!flags.quiet && flags.html) log(`  HTML report  ${flags.html}`);
	if (!flags.quiet && flags.errors) log(`  audit file   ${flags.errors}`);
	// Reports are written first, so the reasons are at hand; but a replay of nothing is a failure.
	if (report.tickets.replayed === 0) throw new Error(`none of the ${report.tickets.read} rows of ${flags.tickets} could be replayed`);
	const { replayed, unrouted, failed } = report.tickets;
	const first = report.firstError ? `; the first (line ${report.firstError.line}): ${report.firstError.message}` : '';
	if (unrouted === replayed) throw new Error(`none of the ${replayed} replayed tickets left the router, so there is no forecast${failed ? ` (${failed} failed inside the engine${first})` : ''}`);
	// The reports above are kept, but a forecast with tickets the engine failed must not look clean to a script.
	if (failed) throw new Error(`${failed} of ${replayed} tickets failed inside the engine and count as unrouted${first}`);
	return report;
}

export function buildProgram(log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Command {
	const program = new Command('support-sim')
		.description('Replay ticket history through an n8n-nodes-support247 workflow on the real n8n engine, and forecast the metrics.')
		.exitOverride()
		.configureOutput({ writeErr: (text) => process.stderr.write(text) });

	program
		.command('replay')
		.description('replay a ticket history through a workflow')
		.option('--workflow <file.json>', 'n8n workflow JSON, as imported into n8n')
		.option('--target <webhook URL>', 'replay through a live n8n: POST each ticket to this web chat webhook')
		.option('--concurrency <n>', 'requests in flight with --target', '4')
		.requiredOption('--tickets <file>', 'ticket history: .csv, .jsonl, .json, or - for standard input')
		.addOption(new Option('--preset <name>', 'column names of the export').choices(['generic', 'zendesk', 'freshdesk', 'intercom']).default('generic'))
		.option('--map <map.json>', 'map the file\'s own column names: { "text": "Body", ... }')
		.option('--tz <IANA>', 'zone for naive timestamps and the report (default: the workflow\'s business zone, else UTC)')
		.option('--knowledge <file>', 'replace the knowledge base of every Knowledge Lookup and Support Triage node')
		.option('--param <Node.parameter=value>', 'set a node parameter (repeatable)', collect, [])
		.option('--start-node <name>', 'feed every ticket to this node (default: the trigger for the ticket\'s channel)')
		.option('--json <out.json>', 'write the metrics as JSON')
		.option('--html <report.html>', 'write a self-contained HTML report')
		.option('--errors <misroutes.jsonl>', 'write one JSON line per misrouted, wrong-intent or rejected ticket')
		.option('--sweep <Node.parameter=from:to:step>', 'replay once per value and chart resolution against escalation accuracy')
		.option('--workers <n>', 'worker threads', '1')
		.option('--worker-heap <MB>', `heap ceiling in MB of each worker thread (default ${DEFAULT_WORKER_HEAP_MB}); a larger one collects less often: 4096 was ~7 % faster over 2 workers, at ~1.7× the peak memory`)
		.option('--limit <n>', 'read at most n rows')
		.option('--max-text-length <n>', 'input limit: cut longer ticket text to n characters, marked message.truncated (default 20000)')
		.option('--max-history-turns <n>', 'input limit: keep the last n turns of a ticket\'s history (default 50)')
		.option('--quiet', 'no progress bar and no summary')
		.option('--cost <key=value>', 'cost model override, e.g. agentHourlyRate=15 (repeatable)', collect, [])
		.option('--credentials <file.json>', 'credentials by type for AI providers, e.g. { "openAiCompatibleApi": { "apiKey": "…" } }')
		.action(async (flags: ReplayFlags) => {
			await runReplay(flags, log);
		});

	program
		.command('compare')
		.description('two --json reports side by side')
		.argument('<a.json>')
		.argument('<b.json>')
		.action((a: string, b: string) => {
			log(compareReports(readReport(a), readReport(b), [path.basename(a), path.basename(b)]).text);
		});

	addGapsCommand(program, log);

	program
		.command('demo')
		.description('replay the bundled sample history through the main template (the README\'s first command)')
		.option('--out <folder>', 'where to write the reports', 'out')
		.option('--workers <n>', 'worker threads', '1')
		.action(async (flags: { out: string; workers: string }) => {
			if (!existsSync(DEMO_WORKFLOW) || !existsSync(DEMO_TICKETS)) {
				throw new Error(`The demo needs ${path.relative(process.cwd(), DEMO_WORKFLOW)} and ${path.relative(process.cwd(), DEMO_TICKETS)}`);
			}
			await runReplay(
				{
					workflow: DEMO_WORKFLOW,
					tickets: DEMO_TICKETS,
					preset: 'generic',
					param: [],
					cost: [],
					workers: flags.workers,
					json: path.join(flags.out, 'demo-report.json'),
					html: path.join(flags.out, 'demo-report.html'),
					errors: path.join(flags.out, 'demo-misroutes.jsonl'),
				},
				log,
			);
		});
	return program;
}

/** Runs the CLI; returns the exit code. Errors are one clear line, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
	try {
		await buildProgram().parseAsync(argv);
		return 0;
	} catch (error) {
		if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
		process.stderr.write(`support-sim: error: ${(error as Error).message}\n`);
		return 1;
	}
}
