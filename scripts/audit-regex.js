#!/usr/bin/env node
/**
 * ReDoS audit: finds every regular expression literal and `new RegExp(...)` in nodes/ and
 * simulator/ (with the TypeScript compiler's parser, so strings and comments are never mistaken
 * for patterns) and checks each with recheck. A pattern recheck finds vulnerable, or cannot decide,
 * fails the audit unless test/reliability/regex-allow-list.json lists it with a reason; a
 * `new RegExp` built from data cannot be checked and must be listed with the reason it is safe.
 *
 *   node scripts/audit-regex.js          prints the verdicts, exits 1 on an unlisted finding
 *   node scripts/audit-regex.js --list   prints the patterns found, without checking them
 */
'use strict';
const { readdirSync, readFileSync, statSync } = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');
const FOLDERS = ['nodes', 'simulator'];
const ALLOW_LIST = path.join(root, 'test/reliability/regex-allow-list.json');

function sourceFiles(folder) {
	const out = [];
	for (const name of readdirSync(folder)) {
		const full = path.join(folder, name);
		if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
		else if (/\.ts$/.test(name) && !/\.d\.ts$/.test(name)) out.push(full);
	}
	return out;
}

/** Every pattern in one file: { file, line, source, flags } or, for data-built ones, { dynamic: text }. */
function patternsIn(file) {
	const text = readFileSync(file, 'utf8');
	const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const out = [];
	const where = (node) => ({ file: path.relative(root, file), line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
	const visit = (node) => {
		if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
			const literal = node.text;
			const end = literal.lastIndexOf('/');
			out.push({ ...where(node), source: literal.slice(1, end), flags: literal.slice(end + 1) });
		} else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
			const [pattern, flags] = node.arguments ?? [];
			const constant = (arg) => arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg));
			if (constant(pattern) && (!flags || constant(flags))) out.push({ ...where(node), source: pattern.text, flags: flags ? flags.text : '' });
			else out.push({ ...where(node), dynamic: node.getText(sf).replace(/\s+/g, ' ') });
		}
		ts.forEachChild(node, visit);
	};
	visit(sf);
	return out;
}

/** The patterns in the code, plus those the allow-list says a data-built RegExp is composed of. */
function findPatterns() {
	const found = FOLDERS.flatMap((folder) => sourceFiles(path.join(root, folder))).flatMap(patternsIn);
	for (const entry of loadAllowList()) {
		for (const composed of entry.composed ?? []) found.push({ file: entry.file, line: 0, source: composed.source, flags: composed.flags ?? '' });
	}
	return found;
}

function loadAllowList() {
	const list = JSON.parse(readFileSync(ALLOW_LIST, 'utf8'));
	for (const entry of list) {
		if (!entry.reason || !(entry.source || entry.dynamic)) throw new Error(`${ALLOW_LIST}: every entry needs "source" (or "dynamic") and "reason"`);
	}
	return list;
}

/**
 * recheck's verdict for each distinct pattern. "auto" uses the native binary that recheck ships
 * for this platform (an optional dependency), else its pure-JS build; a fixed seed keeps fuzzing
 * repeatable, and an undecided pattern (a timeout on a loaded machine) is tried once more with more time.
 */
async function audit(patterns, { log = () => {} } = {}) {
	process.env.RECHECK_BACKEND = process.env.RECHECK_BACKEND || 'auto';
	const { check } = require('recheck');
	const allow = loadAllowList();
	const listed = (p) => allow.find((a) => (p.dynamic ? a.dynamic && p.dynamic.includes(a.dynamic) : a.source !== undefined && a.source === p.source && (a.flags ?? p.flags) === p.flags));
	const verdicts = new Map();
	const findings = [];
	for (const p of patterns) {
		if (p.dynamic) {
			if (!listed(p)) findings.push({ ...p, status: 'dynamic', why: 'built from data: list it with the reason it is safe' });
			continue;
		}
		const key = `${p.flags}/${p.source}`;
		if (!verdicts.has(key)) {
			// recheck has no "d" (indices) flag; it does not change matching.
			const flags = p.flags.replace(/[dg]/g, '');
			let result = await check(p.source, flags, { randomSeed: 20260302, timeout: 20_000 });
			if (result.status === 'unknown') result = await check(p.source, flags, { randomSeed: 20260302, timeout: 60_000 });
			verdicts.set(key, result);
			log(`${result.status.padEnd(10)} ${result.complexity?.type ?? ''} /${p.source}/${p.flags}`);
		}
		const result = verdicts.get(key);
		if (result.status !== 'safe' && !listed(p)) findings.push({ ...p, status: result.status, why: result.status === 'vulnerable' ? `${result.complexity?.type} (${result.attack?.pattern ?? ''})` : result.error?.kind ?? 'undecided' });
	}
	// An entry whose pattern is gone from the code is stale: the list stays short and true.
	const unused = allow.filter((a) => !patterns.some((p) => listed(p) === a));
	return { findings, unused, checked: verdicts.size };
}

async function main() {
	const patterns = findPatterns();
	if (process.argv.includes('--list')) {
		for (const p of patterns) console.log(`${p.file}:${p.line}  ${p.dynamic ?? `/${p.source}/${p.flags}`}`);
		return;
	}
	const { findings, unused, checked } = await audit(patterns, { log: (line) => console.log(line) });
	for (const f of findings) console.log(`UNSAFE ${f.file}:${f.line} ${f.dynamic ?? `/${f.source}/${f.flags}`}: ${f.status}, ${f.why}`);
	for (const a of unused) console.log(`allow-list entry no longer needed: ${a.source ?? a.dynamic}`);
	console.log(`${patterns.length} patterns (${checked} distinct) checked; ${findings.length} unsafe`);
	process.exitCode = findings.length ? 1 : 0;
}

module.exports = { findPatterns, audit };
if (require.main === module) main();
