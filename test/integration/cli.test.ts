import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin', 'support-sim.js');
const main = path.join(root, 'workflows', 'support-247-tiered.json');
const fixture = (name: string) => path.join(root, 'test', 'fixtures', 'tickets', name);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'support-sim-'));
const out = (name: string) => path.join(tmp, name);

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

function sim(args: string[], input?: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
	return new Promise((resolve) => {
		const child = execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...env, FORCE_COLOR: '0' }, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
			resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
		);
		if (input !== undefined) child.stdin?.end(input);
	});
}

const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

// Every run is a CLI process that loads n8n, some tests run several: minutes on a loaded 2-core runner.
jest.setTimeout(600_000);

describe('support-sim CLI', () => {
	let base: ReturnType<typeof json>;
	let baseRun: Run;

	beforeAll(async () => {
		const run = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--json', out('base.json'), '--html', out('base.html'), '--errors', out('base.jsonl')]);
		expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
		expect(run.code).toBe(0);
		base = json(out('base.json'));
		baseRun = run;
	});

	it('ends its summary with the path of every file it wrote', () => {
		expect(baseRun.stdout.trimEnd().split('\n').slice(-3)).toEqual([`  JSON report  ${out('base.json')}`, `  HTML report  ${out('base.html')}`, `  audit file   ${out('base.jsonl')}`]);
	});

	it('replays on the real engine and conserves every ticket', () => {
		expect(base.tickets).toMatchObject({ read: 12, replayed: 10, rejected: 2, unrouted: 0 });
		expect(base.tiers.L1 + base.tiers.L2 + base.tiers.L3 + base.tiers.L4).toBe(10);
		for (const key of ['resolution', 'escalation', 'intent', 'wrongAnswerRisk', 'offHours', 'sla', 'firstResponse', 'cost', 'byCategory', 'heatmap', 'throughput']) {
			expect(base).toHaveProperty(key);
		}
		expect(base.escalation.labelled).toBe(10);
		expect(base.escalation.confusion.matrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(10);
	});

	it('prints a readable summary with the rejected rows by line', async () => {
		const run = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv')]);
		expect(run.stdout).toContain('12 read = 10 replayed + 2 rejected');
		expect(run.stdout).toContain('line 12: field "created_at" is not a date: "not-a-date"');
		expect(run.stdout).toContain('line 13: field "text" is empty');
	});

	it('--errors writes one JSON line per misroute and per rejected row', () => {
		const lines = readFileSync(out('base.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		expect(lines.filter((l) => l.kind.includes('rejected')).map((l) => l.line)).toEqual([12, 13]);
		for (const l of lines.filter((x) => !x.kind.includes('rejected'))) {
			expect(l).toEqual(expect.objectContaining({ id: expect.any(String), text: expect.any(String), expected: expect.any(Object), predicted: expect.any(Object), reasons: expect.any(Array) }));
		}
	});

	it('--html writes one self-contained file', () => {
		const html = readFileSync(out('base.html'), 'utf8');
		expect(html).toMatch(/^<!doctype html>/i);
		expect(html).not.toMatch(/(src|href)="https?:/);
		expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
	});

	it('reads JSON lines, a JSON array and standard input the same way', async () => {
		for (const [name, args, input] of [
			['jsonl', ['--tickets', fixture('small-history.jsonl')], undefined],
			['json', ['--tickets', fixture('small-history.json')], undefined],
			['stdin', ['--tickets', '-'], readFileSync(fixture('small-history.jsonl'), 'utf8')],
		] as const) {
			// Standard input has no extension: it is read as CSV unless it is JSON lines… so feed CSV there.
			const stdin = name === 'stdin' ? readFileSync(fixture('small-history.csv'), 'utf8') : input;
			const run = await sim(['replay', '--workflow', main, ...args, '--json', out(`${name}.json`), '--quiet'], stdin);
			expect(run.code).toBe(0);
			expect(run.stdout).toBe('');
			const report = json(out(`${name}.json`));
			expect(report.tiers).toEqual(name === 'stdin' ? base.tiers : base.tiers);
		}
	});

	it('--limit reads at most n rows; --workers 2 (with a --worker-heap of its own) gives the same decisions', async () => {
		const limited = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--limit', '4', '--json', out('limit.json'), '--quiet']);
		expect(limited.code).toBe(0);
		expect(json(out('limit.json')).tickets).toMatchObject({ read: 4, replayed: 4 });
		const parallel = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--workers', '2', '--worker-heap', '512', '--json', out('w2.json'), '--quiet']);
		expect(parallel.code).toBe(0);
		const w2 = json(out('w2.json'));
		expect(w2.parameters).toMatchObject({ workers: 2, workerHeapMb: 512 });
		expect(w2.tiers).toEqual(base.tiers);
		expect(w2.escalation.confusion).toEqual(base.escalation.confusion);
	});

	it('--worker-heap below the minimum, or without worker threads, is refused before any ticket is read', async () => {
		const small = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--workers', '2', '--worker-heap', '64', '--quiet']);
		expect(small.code).toBe(1);
		expect(small.stderr).toBe('support-sim: error: --worker-heap must be at least 128 (MB), got "64"\n');
		const alone = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--worker-heap', '512', '--quiet']);
		expect(alone.code).toBe(1);
		expect(alone.stderr).toMatch(/^support-sim: error: --worker-heap sets the heap of each worker thread, so it needs --workers 2 or more\n$/);
		const word = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--workers', '2', '--worker-heap', 'lots', '--quiet']);
		expect(word.stderr).toMatch(/--worker-heap must be a whole number of at least 1, got "lots"/);
	});

	it('--workers 2 runs no engine in the coordinating thread, and a workflow the workers cannot prepare fails as with one', async () => {
		const probe = path.join(root, 'test', 'fixtures', 'probes', 'loaded-packages.js');
		const withProbe = (args: string[]) =>
			new Promise<Run>((resolve) => {
				execFile(process.execPath, ['-r', probe, bin, ...args], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } }, (error, stdout, stderr) =>
					resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
				);
			});
		const parallel = await withProbe(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--workers', '2', '--quiet']);
		expect(parallel.code).toBe(0);
		expect(parallel.stderr).toContain('probe: main thread loaded n8n-core: false');
		const single = await withProbe(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--quiet']);
		expect(single.stderr).toContain('probe: main thread loaded n8n-core: true');

		const workflow = json(main);
		workflow.nodes[0].type = 'n8n-nodes-support247.noSuchNode';
		const bad = out('unknown-type.json');
		writeFileSync(bad, JSON.stringify(workflow));
		const one = await sim(['replay', '--workflow', bad, '--tickets', fixture('small-history.csv'), '--quiet']);
		const two = await sim(['replay', '--workflow', bad, '--tickets', fixture('small-history.csv'), '--workers', '2', '--quiet']);
		expect(one.code).toBe(1);
		expect(one.stderr).toMatch(/^support-sim: error: unknown-type\.json: node ".+" has type "n8n-nodes-support247\.noSuchNode"/);
		expect(two.code).toBe(1);
		expect(two.stderr).toBe(one.stderr);
	});

	it('--param changes a node parameter, and a missing node or parameter is named', async () => {
		// The template's routine threshold (a lower one for tickets triage judged routine) is a parameter of its own.
		const strict = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--param', 'Knowledge Lookup.threshold=0.99', '--param', 'Knowledge Lookup.options.routineThreshold=0.99', '--json', out('strict.json'), '--quiet']);
		expect(strict.code).toBe(0);
		expect(json(out('strict.json')).tiers.L1).toBeLessThan(base.tiers.L1);
		const noNode = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--param', 'Nope.threshold=1']);
		expect(noNode.code).toBe(1);
		expect(noNode.stderr.trim()).toBe('support-sim: error: --param "Nope.threshold=1": the workflow has no node named "Nope"');
		const noParam = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--param', 'Knowledge Lookup.colour=red']);
		expect(noParam.code).toBe(1);
		expect(noParam.stderr).toContain('node "Knowledge Lookup" (n8n-nodes-support247.knowledgeLookup) has no parameter "colour"');
	});

	it('--sweep replays once per value and reports the curve', async () => {
		const run = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--sweep', 'Knowledge Lookup.threshold=0.3:0.9:0.3', '--json', out('sweep.json'), '--html', out('sweep.html')]);
		expect(run.code).toBe(0);
		const sweep = json(out('sweep.json')).sweep;
		expect(sweep.map((p: { value: number }) => p.value)).toEqual([0.3, 0.6, 0.9]);
		const rates = sweep.map((p: { resolutionRate: number }) => p.resolutionRate);
		expect(rates[0]).toBeGreaterThanOrEqual(rates[2]);
		expect(run.stdout).toContain('sweep Knowledge Lookup.threshold');
	});

	it('--knowledge replaces the knowledge base of every knowledge node', async () => {
		const kb = out('tiny-kb.json');
		writeFileSync(kb, JSON.stringify([{ id: 'only_entry', title: 'Only', questions: ['what is the meaning of life', 'meaning of life'], answer: '42' }]));
		const run = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--knowledge', kb, '--json', out('kb.json'), '--quiet']);
		expect(run.code).toBe(0);
		const report = json(out('kb.json'));
		expect(report.intent.correct).toBe(0);
		expect(report.tiers.L1).toBe(0);
	});

	it('--preset maps an export and --tz reads its naive times', async () => {
		const run = await sim(['replay', '--workflow', main, '--tickets', fixture('freshdesk.csv'), '--preset', 'freshdesk', '--tz', 'America/Sao_Paulo', '--json', out('fd.json'), '--quiet']);
		expect(run.code).toBe(0);
		const fd = json(out('fd.json'));
		expect(fd.zone).toBe('America/Sao_Paulo');
		expect(fd.period.from).toBe('2026-04-01T18:05:00.000-03:00');
		const map = out('map.json');
		writeFileSync(map, JSON.stringify({ id: 'ref', created_at: 'opened', text: 'body', customer_name: 'who' }));
		const mapped = await sim(['replay', '--workflow', main, '--tickets', fixture('custom.csv'), '--map', map, '--json', out('map-out.json'), '--quiet']);
		expect(mapped.code).toBe(0);
		expect(json(out('map-out.json')).tickets.replayed).toBe(1);
	});

	it('--start-node feeds every ticket to one trigger', async () => {
		const run = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--start-node', 'Web Chat Webhook', '--json', out('start.json'), '--quiet']);
		expect(run.code).toBe(0);
		expect(json(out('start.json')).tickets.replayed).toBe(10);
		const bad = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--start-node', 'Nowhere']);
		expect(bad.stderr.trim()).toBe('support-sim: error: 24/7 Support: tiered AI + humans (WhatsApp, email, web chat): start node "Nowhere" does not exist');
	});

	it('compare prints two reports side by side', async () => {
		const run = await sim(['compare', out('base.json'), out('strict.json')]);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/AI resolution rate\s+\d/);
		expect(run.stdout).toContain('base.json');
	});

	it('gives one clear line and a non-zero exit for a missing file or an invalid workflow', async () => {
		const missing = await sim(['replay', '--workflow', main, '--tickets', fixture('nope.csv')]);
		expect(missing.code).toBe(1);
		expect(missing.stderr.trim().split('\n')).toHaveLength(1);
		expect(missing.stderr).toContain('Tickets file not found');
		const badJson = out('bad.json');
		writeFileSync(badJson, '{ "nodes": [');
		const invalid = await sim(['replay', '--workflow', badJson, '--tickets', fixture('small-history.csv')]);
		expect(invalid.code).toBe(1);
		expect(invalid.stderr).toMatch(/^support-sim: error: Workflow file .*bad\.json is not valid JSON/);
		const unknownType = out('unknown.json');
		writeFileSync(unknownType, JSON.stringify({ nodes: [{ name: 'X', type: 'acme.x', typeVersion: 1, parameters: {} }], connections: {} }));
		const unknown = await sim(['replay', '--workflow', unknownType, '--tickets', fixture('small-history.csv')]);
		expect(unknown.stderr.trim()).toBe('support-sim: error: unknown.json: node "X" has type "acme.x", which this package does not provide and the engine does not stand in for');
	});

	it('exits non-zero when no row at all could be replayed, after reporting each one', async () => {
		const allBad = out('all-bad.csv');
		writeFileSync(allBad, 'id,created_at,text\na,not-a-date,hello\nb,2026-01-01T10:00:00Z,\n');
		const run = await sim(['replay', '--workflow', main, '--tickets', allBad, '--json', out('all-bad.json')]);
		expect(run.code).toBe(1);
		expect(run.stdout).toContain('line 2: field "created_at" is not a date');
		expect(run.stderr.trim()).toBe(`support-sim: error: none of the 2 rows of ${allBad} could be replayed`);
		expect(json(out('all-bad.json')).tickets).toMatchObject({ read: 2, replayed: 0, rejected: 2 });
	});

	it('keeps engine state in the user cache folder, never in the package, and says once when it cannot', async () => {
		const cache = mkdtempSync(path.join(os.tmpdir(), 'support-sim-cache-'));
		const { N8N_USER_FOLDER: _unused, ...env } = process.env;
		const fresh = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), '--quiet'], undefined, { ...env, XDG_CACHE_HOME: cache });
		expect(fresh.code).toBe(0);
		expect(existsSync(path.join(cache, 'support247', 'engine', '.n8n', 'config'))).toBe(true);
		expect((fresh.stdout + fresh.stderr).match(/No encryption key found/g)?.length ?? 0).toBeLessThanOrEqual(1);

		// A cache folder that cannot be written (a file in its place): one line before any ticket runs.
		const blocked = path.join(cache, 'blocked');
		writeFileSync(blocked, '');
		const run = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv')], undefined, { ...env, XDG_CACHE_HOME: blocked });
		expect(run.code).toBe(1);
		expect(run.stderr.trim()).toBe(
			`support-sim: error: the engine's n8n folder ${path.join(blocked, 'support247', 'engine', '.n8n')} cannot be written (ENOTDIR); set N8N_USER_FOLDER to a folder you can write`,
		);
		expect(run.stdout).not.toContain('No encryption key found');
	});

	it('tickets failing inside the engine: the first error once, unrouted, reports still written, and exit 1', async () => {
		const failAll = '--param=Knowledge Lookup.threshold=={{ $json.nope.x }}';
		const all = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), failAll, '--json', out('fail-all.json')]);
		expect(all.code).toBe(1);
		expect(all.stderr.trim().split('\n')).toHaveLength(1);
		expect(all.stderr).toMatch(/^support-sim: error: none of the 10 replayed tickets left the router, so there is no forecast \(10 failed inside the engine; the first \(line 2\): Knowledge Lookup: Parameter "Confidence Threshold" must be between 0 and 1/);
		expect(all.stdout.match(/failed   10 inside the engine/g)).toHaveLength(1);
		// Said once: n8n's own log of each failed execution stays out of the output.
		expect(all.stdout.match(/Confidence Threshold/g)).toHaveLength(1);
		expect(json(out('fail-all.json')).tickets).toMatchObject({ replayed: 10, unrouted: 10, failed: 10 });

		const failOne = `--param=Knowledge Lookup.threshold=={{ $json.ticketId === "s2" ? $json.nope.x : 0.5 }}`;
		const some = await sim(['replay', '--workflow', main, '--tickets', fixture('small-history.csv'), failOne, '--json', out('fail-one.json')]);
		expect(some.code).toBe(1);
		expect(some.stderr.trim()).toMatch(/^support-sim: error: 1 of 10 tickets failed inside the engine and count as unrouted; the first \(line 3\): Knowledge Lookup: /);
		expect(some.stdout).toContain('(!) 1 never left the router');
		expect(json(out('fail-one.json')).tickets).toMatchObject({ replayed: 10, unrouted: 1, failed: 1 });
	});

	it('the demo command writes its reports', async () => {
		const run = await sim(['demo', '--out', out('demo')]);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('1646 read = 1644 replayed + 2 rejected');
		expect(existsSync(out('demo/demo-report.html'))).toBe(true);
	});
});
