import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { draftsFile, runGaps } from './run';
import { renderGapsSummary } from './summary';

interface GapsFlags {
	workflow: string;
	tickets: string;
	preset: string;
	map?: string;
	tz?: string;
	knowledge?: string;
	workers: string;
	limit?: string;
	minSize: string;
	threshold: string;
	merge: string;
	top: string;
	json?: string;
	html?: string;
	kbOut?: string;
	split?: boolean;
	quiet?: boolean;
	credentials?: string;
}

function whole(flag: string, value: string | undefined, min: number): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be a whole number of at least ${min}, got "${value}"`);
	return n;
}

function write(file: string, content: string): void {
	mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	writeFileSync(file, content);
}

/** `support-sim gaps`: what the AI could not answer, grouped into topics, with drafts and their measured gain. */
export function addGapsCommand(program: Command, log: (line: string) => void): void {
	program
		.command('gaps')
		.description('group the tickets the AI did not resolve into topics, draft knowledge entries, and replay with them side by side')
		.requiredOption('--workflow <file.json>', 'n8n workflow JSON with a Knowledge Lookup node')
		.requiredOption('--tickets <file>', 'ticket history: .csv, .jsonl or .json (an optional resolution_text column gives the drafts their answers)')
		.addOption(new Option('--preset <name>', 'column names of the export').choices(['generic', 'zendesk', 'freshdesk', 'intercom']).default('generic'))
		.option('--map <map.json>', "map the file's own column names")
		.option('--tz <IANA>', "zone for naive timestamps (default: the workflow's business zone, else UTC)")
		.option('--knowledge <file>', 'the knowledge base to start from (default: the Knowledge Lookup node\'s own)')
		.option('--min-size <n>', 'smallest topic reported (never 1)', '3')
		.option('--threshold <0..1>', 'similarity a ticket needs to join a topic', '0.25')
		.option('--merge <0..1>', 'similarity of two topics\' centres at which they become one', '0.4')
		.option('--top <n>', 'drafts of the n largest knowledge topics are added in the side-by-side replay', '5')
		.option('--split', 'also build the drafts from the first half of the history and measure them on the second half (one more replay)')
		.option('--json <out.json>', 'the replay report with its "gaps" section, as JSON')
		.option('--html <report.html>', 'the replay report with a "Knowledge gaps" section')
		.option('--kb-out <drafts.json>', 'the draft knowledge entries, to review and load with --knowledge')
		.option('--workers <n>', 'worker threads', '1')
		.option('--limit <n>', 'read at most n rows')
		.option('--quiet', 'no progress bar and no summary')
		.option('--credentials <file.json>', 'credentials by type for AI providers')
		.action(async (flags: GapsFlags) => {
			const threshold = Number(flags.threshold);
			if (!(threshold > 0 && threshold <= 1)) throw new Error(`--threshold must be above 0 and at most 1, got "${flags.threshold}"`);
			const merge = Number(flags.merge);
			if (!(merge > 0 && merge <= 1)) throw new Error(`--merge must be above 0 and at most 1, got "${flags.merge}"`);
			let credentials;
			if (flags.credentials) {
				try {
					credentials = JSON.parse(readFileSync(flags.credentials, 'utf8'));
				} catch (error) {
					throw new Error(`Cannot read credentials file ${flags.credentials}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
				}
			}
			if (flags.tickets === '-') throw new Error('gaps replays the tickets twice, so it needs a file, not standard input');
			const report = await runGaps({
				workflow: flags.workflow,
				tickets: flags.tickets,
				preset: flags.preset,
				map: flags.map,
				tz: flags.tz,
				knowledge: flags.knowledge,
				workers: whole('--workers', flags.workers, 1),
				limit: whole('--limit', flags.limit, 1),
				minSize: whole('--min-size', flags.minSize, 2),
				threshold,
				merge,
				top: whole('--top', flags.top, 0) ?? 5,
				split: flags.split,
				quiet: flags.quiet,
				credentials,
			});
			if (flags.json) write(flags.json, `${JSON.stringify(report, null, 2)}\n`);
			// Loaded only when asked for, like the replay's: the report is not needed to start.
			if (flags.html) write(flags.html, (await import('../report/html')).renderHtml(report));
			if (flags.kbOut) write(flags.kbOut, draftsFile(report.gaps));
			if (!flags.quiet) log(renderGapsSummary(report));
		});
}
