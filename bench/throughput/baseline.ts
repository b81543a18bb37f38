/**
 * The raw domain functions of a pinned earlier commit beside today's, on the same tickets and the same
 * machine in one run: absolute figures move about 3× between days on a shared VM, so a figure from
 * another day says nothing. The commit's tree is taken with `git archive` into .cache/bench, built with
 * this checkout's node_modules, and both are timed in fresh processes, alternated (medians).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { median } from './median';

/** main when the performance goals were set (end of the first wave): 3,289 raw tickets/s on its day's machine. */
export const BASELINE_COMMIT = '0e1bab35e23fae61ecf6cc9c2ff06490964681e7';

export interface BaselineComparison {
	commit: string;
	tickets: number;
	rounds: number;
	/** Medians of the rounds, tickets/s. */
	baselineTicketsPerSecond: number;
	currentTicketsPerSecond: number;
	/** current ÷ baseline: above 1 is faster per ticket than the baseline. */
	speedup: number;
}

function run(command: string, args: string[], cwd: string): string {
	const done = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
	if (done.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}): ${(done.stderr || done.stdout || `exit ${done.status}`).trim().split('\n').slice(-3).join(' ')}`);
	return done.stdout;
}

/** The baseline's tree, built; reused while its build output is there. */
export function prepareBaseline(repoRoot: string, commit = BASELINE_COMMIT): string {
	const dir = path.join(repoRoot, '.cache', 'bench', `baseline-${commit.slice(0, 12)}`);
	const measure = path.join(dir, 'dist', 'bench', 'throughput', 'measure.js');
	if (existsSync(measure)) return dir;
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	// A shallow clone lacks the commit: say so in one line rather than measure nothing silently.
	run('git', ['cat-file', '-e', `${commit}^{commit}`], repoRoot);
	const archive = spawnSync('git', ['archive', '--format=tar', commit], { cwd: repoRoot, maxBuffer: 512 << 20 });
	if (archive.status !== 0) throw new Error(`git archive ${commit}: ${archive.stderr.toString().trim()}`);
	const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
	if (untar.status !== 0) throw new Error(`tar -x into ${dir}: ${untar.stderr.toString().trim()}`);
	symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	run(process.execPath, [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], dir);
	run(process.execPath, [path.join(dir, 'node_modules', 'gulp', 'bin', 'gulp.js'), 'build:assets'], dir);
	return dir;
}

/** One raw measurement of the checkout at `root` (its own dist), in a fresh process. */
function rawOnce(root: string, tickets: string): { tickets: number; ticketsPerSecond: number } {
	const script = `require(${JSON.stringify(path.join(root, 'dist', 'bench', 'throughput', 'measure.js'))}).rawThroughput(${JSON.stringify(root)}, ${JSON.stringify(tickets)}).then((r) => process.stdout.write(JSON.stringify(r)))`;
	const out = run(process.execPath, ['-e', script], root);
	return JSON.parse(out) as { tickets: number; ticketsPerSecond: number };
}


export function compareWithBaseline(repoRoot: string, tickets: string, rounds = 3, commit = BASELINE_COMMIT): BaselineComparison {
	const baselineRoot = prepareBaseline(repoRoot, commit);
	const baseline: number[] = [];
	const current: number[] = [];
	let count = 0;
	for (let round = 0; round < rounds; round++) {
		// A B B A …: a drift in the machine's load falls on both alike.
		for (const which of round % 2 === 0 ? ['baseline', 'current'] : ['current', 'baseline']) {
			const measured = rawOnce(which === 'baseline' ? baselineRoot : repoRoot, tickets);
			(which === 'baseline' ? baseline : current).push(measured.ticketsPerSecond);
			count = measured.tickets;
		}
	}
	const baselineTicketsPerSecond = median(baseline);
	const currentTicketsPerSecond = median(current);
	return {
		commit,
		tickets: count,
		rounds,
		baselineTicketsPerSecond,
		currentTicketsPerSecond,
		speedup: Number((currentTicketsPerSecond / baselineTicketsPerSecond).toFixed(2)),
	};
}
