#!/usr/bin/env node
/**
 * Measures each hostile-input finding of the reliability review (one child process per case,
 * capped at 60 s): time and peak RSS growth of the call alone (inputs and modules are made
 * ready first), and the outcome. Run after `npm run build`:
 *   node scripts/measure-hostile.js [--dist <built dist folder>] [--only <case>]
 * Pointing --dist at an older build gives the "before" figures.
 */
'use strict';
const { fork } = require('node:child_process');
const { mkdtempSync, writeFileSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CAP_MS = 60_000;

function argument(name, fallback) {
	const index = process.argv.indexOf(name);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

const CASES = {
	'1a order regex: "order" + 3,000 spaces + "x"': (d) => {
		const { extractFacts } = require(path.join(d, 'nodes/shared/routing/facts'));
		const text = 'order' + ' '.repeat(3000) + 'x';
		return () => JSON.stringify(extractFacts([text]));
	},
	'1b order removal: 200 KB of distinct order numbers': (d) => {
		const { extractFacts } = require(path.join(d, 'nodes/shared/routing/facts'));
		const parts = [];
		for (let i = 0, length = 0; length < 200_000; i++) length += parts[parts.push(`order #${100000 + i}`) - 1].length + 1;
		const text = parts.join(' ');
		return () => `${extractFacts([text]).orderNumbers.length} order numbers`;
	},
	'1c routeTicket: 30,000 history entries': (d) => {
		const { routeTicket } = require(path.join(d, 'nodes/shared/routing/route'));
		const { DEFAULT_ROUTING_POLICY } = require(path.join(d, 'nodes/shared/routing/policy'));
		const history = [];
		for (let i = 0; i < 30_000; i++) history.push({ role: i % 2 ? 'ai' : 'customer', text: `where is order #${200000 + i}` });
		const ticket = { ticketId: 't', channel: 'webchat', customer: {}, message: { text: 'help', receivedAt: '2026-03-02T10:00:00Z' }, history };
		return () => routeTicket(ticket, DEFAULT_ROUTING_POLICY).tier;
	},
	'2 email regex: 50 KB single token': (d) => {
		const { extractFacts } = require(path.join(d, 'nodes/shared/routing/facts'));
		const text = 'a'.repeat(50_000);
		return () => JSON.stringify(extractFacts([text]).emails);
	},
	'2 email regex: 1 MB single token': (d) => {
		const { extractFacts } = require(path.join(d, 'nodes/shared/routing/facts'));
		const text = 'a.'.repeat(500_000);
		return () => JSON.stringify(extractFacts([text]).emails);
	},
	'3 CSV resume: 2,000 unclosed-quote lines': (d, dir) => csvCounts(d, dir, 2000),
	'3 CSV resume: 4,000 unclosed-quote lines': (d, dir) => csvCounts(d, dir, 4000),
	'4 quoted reply: 100 KB of "> q" lines': (d) => {
		const { stripQuotedReply } = require(path.join(d, 'nodes/shared/email/quotedReply'));
		const text = '> q\n'.repeat(25_000) + 'end';
		return () => `${stripQuotedReply(text).length} chars kept`;
	},
	'4 quoted reply: 200 KB of "> q" lines': (d) => {
		const { stripQuotedReply } = require(path.join(d, 'nodes/shared/email/quotedReply'));
		const text = '> q\n'.repeat(50_000) + 'end';
		return () => `${stripQuotedReply(text).length} chars kept`;
	},
	'5 injection markup: 40k "#"': (d) => triage(d, '#'.repeat(40_000)),
	'5 injection markup: 100k newlines': (d) => triage(d, 'hola' + '\n'.repeat(100_000) + 'x'),
	'6 keyword search: one 40k-letter word': (d) => keywordQuery(d, 40_000),
	'6 keyword search: one 66k-letter word': (d) => keywordQuery(d, 66_000),
	'7 typo corrector: 100 KB of 16k-letter tokens': (d) => {
		const word = 'abcdefghijklmnop'.repeat(1000);
		return triage(d, Array.from({ length: 6 }, () => word).join(' '));
	},
	'8 reply subject: "Re" + 100k spaces': (d) => {
		const { buildReplySubject } = require(path.join(d, 'nodes/shared/email/replyMail'));
		const subject = 'Re' + ' '.repeat(100_000);
		return () => buildReplySubject(subject, 'T-1').slice(0, 30);
	},
	'9 JSON tickets file: one field nested 5,000 deep': async (d, dir) => {
		const nested = '['.repeat(5000) + ']'.repeat(5000);
		const good = (i) => `{"id":"g${i}","created_at":"2026-03-02T10:00:00Z","text":"where is my order"}`;
		const file = path.join(dir, 'nested.json');
		writeFileSync(file, `[${good(1)},{"id":"deep","created_at":"2026-03-02T10:00:00Z","text":"x","extra":${nested}},${good(2)}]`);
		return () => countTickets(d, file);
	},
	'10 history [null]: router, greeter, SLA': (d) => {
		const { routeTicket } = require(path.join(d, 'nodes/shared/routing/route'));
		const { DEFAULT_ROUTING_POLICY } = require(path.join(d, 'nodes/shared/routing/policy'));
		const { isFirstContact } = require(path.join(d, 'nodes/shared/greeting/greet'));
		const { slaStart } = require(path.join(d, 'nodes/shared/sla/sla'));
		const ticket = { ticketId: 't', channel: 'webchat', customer: {}, message: { text: 'help', receivedAt: '2026-03-02T10:00:00Z' }, history: [null] };
		return () => {
		const out = [];
		for (const [name, run] of [
			['router', () => routeTicket(ticket, DEFAULT_ROUTING_POLICY).tier],
			['greeter', () => isFirstContact(ticket, '2026-03-02T10:00:00Z')],
			['sla', () => slaStart(ticket)],
		]) {
			try {
				out.push(`${name} ok (${run()})`);
			} catch (error) {
				out.push(`${name} ${error.name}`);
			}
		}
		return out.join(', ');
		};
	},
	'11 webhook body: 20 MB text through the entry and triage': (d) => {
		const { toTicketShape } = require(path.join(d, 'nodes/shared/ticket-input'));
		const text = 'where is my order please '.repeat(800_000);
		const { triageTicket } = require(path.join(d, 'nodes/shared/triage'));
		triageTicket({ message: { text: 'warm up' }, customer: {} });
		return () => {
		const ticket = toTicketShape({ body: { text } }, () => '2026-03-02T10:00:00Z');
		const triaged = triageTicket(ticket);
		return `text kept ${ticket.message.text.length} chars, truncated=${ticket.message.truncated === true}, intent ${triaged.intent}`;
		};
	},
	'11 intent cache: 20 distinct 1 MB texts': (d) => {
		const { getKnowledgeBase, toKnowledgeEntries } = require(path.join(d, 'nodes/shared/knowledge'));
		const kb = getKnowledgeBase(toKnowledgeEntries(require(path.join(__dirname, '../workflows/knowledge/store-kb.json'))), { cacheDir: false });
		const base = 'where is my order please '.repeat(40_000);
		kb.model.predict('warm up', 'en');
		return () => {
		global.gc?.();
		const before = process.memoryUsage().heapUsed;
		for (let i = 0; i < 20; i++) kb.model.predict(`${i} ${base}`, 'en');
		global.gc?.();
		return `heap retained ${Math.round((process.memoryUsage().heapUsed - before) / 1e6)} MB`;
		};
	},
	'12 CSV: good quoted row after a never-closed quote': async (d, dir) => {
		const good = (i, text = 'where is my order') => `g${i},2026-03-02T10:00:00Z,${text}`;
		const lines = ['id,created_at,text'];
		for (let i = 1; i <= 5; i++) lines.push(good(i));
		lines.push('bad1,2026-03-02T10:00:00Z,"unterminated quote');
		lines.push(good(6, '"a quoted text\nover two lines"'));
		for (let i = 7; i <= 10; i++) lines.push(good(i));
		const file = path.join(dir, 'twelve.csv');
		writeFileSync(file, lines.join('\n') + '\n');
		return () => countTickets(d, file, true);
	},
};

function csvCounts(d, dir, n) {
	const lines = ['id,created_at,text'];
	for (let i = 0; i < n; i++) lines.push(`${i},2026-03-02T10:00:00Z,x","`);
	const file = path.join(dir, `resume-${n}.csv`);
	writeFileSync(file, lines.join('\n') + '\n');
	return () => countTickets(d, file);
}

async function countTickets(d, file, detail = false) {
	const { readTickets } = require(path.join(d, 'simulator/tickets'));
	const ids = [];
	const lines = [];
	try {
		for await (const event of readTickets(file)) event.kind === 'ticket' ? ids.push(event.value.ticket.ticketId) : lines.push(event.line);
	} catch (error) {
		return `file failed: ${error.message.slice(0, 80)}`;
	}
	const counts = `${ids.length} tickets + ${lines.length} rejected`;
	return detail ? `${counts}: ids ${ids.join(' ')}; rejected lines ${lines.join(' ')}` : counts;
}

function triage(d, text) {
	const { triageTicket } = require(path.join(d, 'nodes/shared/triage'));
	triageTicket({ message: { text: 'warm up' }, customer: {} });
	return () => {
	const section = triageTicket({ message: { text }, customer: {} });
	return `intent ${section.intent}, injection ${section.flags.injection}`;
	};
}

function keywordQuery(d, length) {
	const { getKnowledgeBase, toKnowledgeEntries, lookupKnowledge } = require(path.join(d, 'nodes/shared/knowledge'));
	const entries = toKnowledgeEntries(require(path.join(__dirname, '../workflows/knowledge/store-kb.json'))).map((entry) => ({ ...entry, questions: [] }));
	const kb = getKnowledgeBase(entries, { cacheDir: false });
	lookupKnowledge({ message: { text: 'warm up' }, customer: {} }, kb, { threshold: 0.5 });
	const text = 'refund ' + 'x'.repeat(length);
	return () => `answered ${lookupKnowledge({ message: { text }, customer: {} }, kb, { threshold: 0.5 }).knowledge.answered}`;
}

async function child(name, dist) {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
	let outcome;
	let started;
	let baseline;
	try {
		const run = await CASES[name](dist, dir);
		baseline = process.resourceUsage().maxRSS * 1024;
		started = process.hrtime.bigint();
		outcome = await run();
	} catch (error) {
		outcome = `threw ${error.name}: ${error.message.slice(0, 80)}`;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const peakMb = (process.resourceUsage().maxRSS * 1024 - baseline) / 1e6;
	process.send({ ms, peakMb, outcome: String(outcome) });
}

function runCase(name, dist) {
	return new Promise((resolve) => {
		const proc = fork(__filename, ['--child', name, '--dist', dist], { execArgv: ['--expose-gc', '--max-old-space-size=4096'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
		let result;
		let stderr = '';
		proc.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => proc.kill('SIGKILL'), CAP_MS);
		proc.on('message', (message) => (result = message));
		proc.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (result) resolve(result);
			else resolve({ ms: signal === 'SIGKILL' ? CAP_MS : NaN, peakMb: NaN, outcome: signal === 'SIGKILL' ? `> ${CAP_MS / 1000} s (stopped)` : `crashed (${code}): ${stderr.trim().split('\n').pop()}` });
		});
	});
}

async function main() {
	const dist = path.resolve(argument('--dist', path.join(__dirname, '../dist')));
	if (process.argv.includes('--child')) return child(argument('--child'), dist);
	const only = argument('--only');
	console.log(`dist: ${dist}`);
	for (const name of Object.keys(CASES)) {
		if (only && !name.startsWith(only)) continue;
		const { ms, peakMb, outcome } = await runCase(name, dist);
		console.log(`${name.padEnd(58)} ${(ms >= CAP_MS ? '> 60000' : ms.toFixed(0)).padStart(8)} ms ${Number.isNaN(peakMb) ? '   ?' : peakMb.toFixed(0).padStart(5)} MB  ${outcome}`);
	}
}

main();
