import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface StartupResult {
	replaySeconds: number;
	requireCoreSeconds: number;
	ratio: number;
}

function seconds(args: string[], cwd: string): number {
	const started = performance.now();
	const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
	if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
	return (performance.now() - started) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * A 10-ticket replay of the demo history against `node -e "require('n8n-core')"`, each a fresh
 * process, alternated so that a shared machine's load falls on both alike; medians of `rounds`.
 */
export function startupRatio(repoRoot: string, rounds = 5): StartupResult {
	const replay = [path.join(repoRoot, 'bin', 'support-sim.js'), 'replay', '--workflow', path.join(repoRoot, 'workflows', 'support-247-tiered.json'), '--tickets', path.join(repoRoot, 'simulator', 'demo', 'history.csv'), '--limit', '10', '--quiet'];
	const core = ['-e', "require('n8n-core')"];
	const a: number[] = [];
	const b: number[] = [];
	for (let round = 0; round < rounds; round++) {
		a.push(seconds(replay, repoRoot));
		b.push(seconds(core, repoRoot));
	}
	const replaySeconds = median(a);
	const requireCoreSeconds = median(b);
	return { replaySeconds: Number(replaySeconds.toFixed(2)), requireCoreSeconds: Number(requireCoreSeconds.toFixed(2)), ratio: Number((replaySeconds / requireCoreSeconds).toFixed(2)) };
}
