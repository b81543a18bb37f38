/**
 * Hostile and broken input through the real CLI (a child process, as an analyst runs it). Every
 * problem gets one clear message naming the line, field or node; the exit code is 0 when the rest
 * of the history replayed and non-zero only when nothing could be done; no stack trace ever.
 * Cases already covered elsewhere are not repeated here (see the README's Guarantees list):
 * test/unit/ticket-readers.test.ts (BOM, CRLF, unclosed quote, empty and header-only files at the
 * reader level) and test/integration/cli.test.ts (missing file, invalid workflow JSON, unknown node
 * type, --param naming a missing node or parameter).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin', 'support-sim.js');
const main = path.join(root, 'workflows', 'support-247-tiered.json');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'reliability-bad-input-'));
const file = (name: string, content: string | Buffer) => {
	const full = path.join(tmp, name);
	writeFileSync(full, content);
	return full;
};

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

function sim(args: string[]): Promise<Run> {
	return new Promise((resolve) => {
		execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
			resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
		);
	});
}

/** No "    at foo (file.js:1:2)" frames and no Node internals anywhere in what the user sees. */
function expectNoStackTrace(run: Run): void {
	for (const text of [run.stdout, run.stderr]) {
		expect(text).not.toMatch(/^\s+at /m);
		expect(text).not.toMatch(/node:internal|\.js:\d+:\d+/);
	}
}

/** A fatal problem: exit 1 and exactly one line on stderr, starting with the tool's name. */
function expectOneClearLine(run: Run, message: RegExp | string): void {
	expectNoStackTrace(run);
	expect(run.code).toBe(1);
	const lines = run.stderr.trim().split('\n');
	expect(lines).toHaveLength(1);
	expect(lines[0]).toMatch(/^support-sim: error: /);
	if (typeof message === 'string') expect(lines[0]).toContain(message);
	else expect(lines[0]).toMatch(message);
}

const HEADER = 'id,created_at,channel,language,customer_name,text\n';
const ONE_MB = 1024 * 1024;

/** Broken rows between good ones; line numbers in the comments are the file's own. */
function mixedCorpus(): Buffer {
	const big = 'where is my order '.repeat(Math.ceil(ONE_MB / 18)).slice(0, ONE_MB);
	return Buffer.concat([
		Buffer.from(HEADER),
		Buffer.from('ok1,2026-03-02T10:00:00-06:00,whatsapp,es,Ana,"¿a qué hora abren?"\n'), // 2
		Buffer.from('cols,2026-03-02T10:00:00-06:00,whatsapp,es,Ana,hola,extra\n'), // 3 wrong column count
		Buffer.from('ok1,2026-03-02T11:00:00-06:00,whatsapp,es,Ana,duplicado\n'), // 4 duplicate id
		Buffer.from('d1,31/12/2026,email,es,Ana,fecha mala\n'), // 5 wrong date format
		Buffer.from('d2,2026-13-45T10:00:00,email,es,Ana,fecha imposible\n'), // 6 impossible date
		Buffer.from('d3,March 3rd 2026,email,en,Ann,bad date\n'), // 7 prose date
		Buffer.from(`big,2026-03-02T12:00:00-06:00,webchat,en,Bo,"${big}"\n`), // 8 a 1 MB field: replayed
		Buffer.from('utf,2026-03-02T13:00:00-06:00,email,pt,Rui,"ol'),
		Buffer.from([0xe1, 0x20, 0xff, 0xfe]),
		Buffer.from(' meu pedido"\n'), // 9 invalid UTF-8 in the text: replayed with a warning naming line and field
		Buffer.from('q1,2026-03-02T14:00:00-06:00,email,en,Kim,"unbalanced quote here\n'), // 10 quote never closed
		Buffer.from('ok2,2026-03-02T15:00:00-06:00,webchat,en,Kim,what are your hours?\n'), // 11 still read after it
	]);
}

// Each case is a CLI process that loads the engine, several at once: minutes on a loaded 2-core runner.
const CLI_RUNS_TIMEOUT_MS = 600_000;

describe('bad input corpus through the CLI', () => {
	it('rejects each broken row by line and field, replays the rest (a 1 MB field, invalid UTF-8) and exits 0', async () => {
		const tickets = file('mixed.csv', mixedCorpus());
		const json = path.join(tmp, 'mixed.json');
		const run = await sim(['replay', '--workflow', main, '--tickets', tickets, '--json', json, '--errors', path.join(tmp, 'mixed.jsonl')]);
		expectNoStackTrace(run);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('10 read = 4 replayed + 6 rejected');
		for (const line of [
			'line 3: wrong number of columns (expected 6, got 7)',
			'line 4: duplicate id "ok1" (first on line 2)',
			'line 5: field "created_at" is not a date: "31/12/2026"',
			'line 6: field "created_at" is not a date: "2026-13-45T10:00:00"',
			'line 7: field "created_at" is not a date: "March 3rd 2026"',
			'line 10: a quoted field is never closed',
			'line 9: field "text" has invalid UTF-8 bytes; they were replaced with U+FFFD',
		]) {
			expect(run.stdout).toContain(line);
		}
		const report = JSON.parse(readFileSync(json, 'utf8'));
		expect(report.tickets).toMatchObject({ read: 10, replayed: 4, rejected: 6, unrouted: 0, failed: 0, warnings: 2 });
		expect(run.stdout).toContain(`line 8: field "text" has ${ONE_MB} characters; cut at 20000`);
		expect(report.tiers.L1 + report.tiers.L2 + report.tiers.L3 + report.tiers.L4).toBe(4);
		const audit = readFileSync(path.join(tmp, 'mixed.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		expect(audit.filter((r) => r.kind.includes('rejected')).map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 10]);
	}, CLI_RUNS_TIMEOUT_MS);

	it('stops with one clear line and exit 1 when nothing can be replayed', async () => {
		const good = file('good.csv', `${HEADER}g1,2026-03-02T10:00:00-06:00,webchat,en,Kim,what are your hours?\n`);
		const cases: Array<[string, string[], RegExp | string]> = [
			['empty file', ['--tickets', file('empty.csv', '')], /Tickets file .*empty\.csv is empty$/],
			['header only', ['--tickets', file('header-only.csv', HEADER)], /header-only\.csv has a header but no ticket rows$/],
			['header only, CRLF and BOM', ['--tickets', file('header-bom.csv', `\uFEFF${HEADER.replace('\n', '\r\n')}`)], /header-bom\.csv has a header but no ticket rows$/],
			['invalid UTF-8 in the header', ['--tickets', file('bad-header.csv', Buffer.concat([Buffer.from('id,created_at,te'), Buffer.from([0xff]), Buffer.from('xt\n1,2026-03-02,hola\n')]))], 'the header line is not valid UTF-8'],
			['no text column', ['--tickets', file('no-text.csv', 'id,created_at,body\n1,2026-03-02,hola\n')], 'missing column text (text); found: id, created_at, body'],
			['unknown time zone', ['--tickets', good, '--tz', 'Mars/Olympus'], 'Unknown time zone "Mars/Olympus"'],
			['a zone that is an offset typo', ['--tickets', good, '--tz', 'America/Mexico City'], 'Unknown time zone "America/Mexico City"'],
			['JSON tickets that are not JSON', ['--tickets', file('broken.json', '[{"id": "1", "text": ')], /broken\.json is not valid JSON/],
		];
		const runs = await Promise.all(cases.map(([, args]) => sim(['replay', '--workflow', main, ...args])));
		runs.forEach((run, index) => {
			const [name, , message] = cases[index];
			expect([name, run.code]).toEqual([name, 1]);
			expectOneClearLine(run, message);
		});
	}, CLI_RUNS_TIMEOUT_MS);

	it('names the node for a workflow that cannot run, and the parameter for a --param that cannot apply', async () => {
		const template = JSON.parse(readFileSync(main, 'utf8'));
		const ghost = structuredClone(template);
		ghost.connections['Support Triage'].main[0][0].node = 'Ghost Node';
		const good = file('good2.csv', `${HEADER}g1,2026-03-02T10:00:00-06:00,webchat,en,Kim,what are your hours?\n`);
		const cases: Array<[string, string[], string]> = [
			['nodes not a list', ['--workflow', file('wf-nodes.json', '{"nodes":{"a":1},"connections":{}}')], 'wf-nodes.json: "nodes" must be an array'],
			['connection to a missing node', ['--workflow', file('wf-ghost.json', JSON.stringify(ghost))], 'wf-ghost.json: "Support Triage" connects to unknown node "Ghost Node"'],
			['--param through a non-object', ['--workflow', main, '--param', 'Knowledge Lookup.threshold.x=1'], '"Knowledge Lookup.threshold.x" goes through "threshold", which is not an object'],
			['--param without "="', ['--workflow', main, '--param', 'Knowledge Lookup.threshold'], 'expected "<Node name>.<parameter>=<value>"'],
		];
		const runs = await Promise.all(cases.map(([, args]) => sim(['replay', ...args, '--tickets', good])));
		runs.forEach((run, index) => {
			const [name, , message] = cases[index];
			expect([name, run.code]).toEqual([name, 1]);
			expectOneClearLine(run, message);
		});
	}, CLI_RUNS_TIMEOUT_MS);
});
