#!/usr/bin/env node
/**
 * Needs-a-human figures on the corpus's dev split (templates never trained on), from the built package:
 *   npm run build && node scripts/triage-corpus/evaluate.js [threshold] [--knowledge]
 * "needs a person" = a human-required flag (automation "human") or humanScore >= threshold, as the router decides
 * when the knowledge base has an answer. "original flags" counts only the seven flags the project had before
 * the sensitive ones and humanScore, for comparison.
 */
'use strict';
const path = require('path');
const dist = path.join(__dirname, '..', '..', 'dist', 'nodes', 'shared', 'triage');
const { triageText, FLAG_NAMES } = require(dist);
const { loadCorpus, getHumanModel } = require(path.join(dist, 'human'));

const threshold = Number(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 0.5);
// --knowledge: triage each row against its business's knowledge base, as the templates do (the knowledge score is a feature).
const withKnowledge = process.argv.includes('--knowledge');
const { getTrainedIntentModel } = require(path.join(dist, '..', 'intent'));
const { loadKnowledgeFile } = require(path.join(dist, '..', 'knowledge', 'loaders'));
const kbDir = path.join(__dirname, '..', '..', 'workflows', 'knowledge');
const knowledge = withKnowledge ? { store: getTrainedIntentModel(loadKnowledgeFile(path.join(kbDir, 'store-kb.json'))), clinic: getTrainedIntentModel(loadKnowledgeFile(path.join(kbDir, 'clinic-kb.json'))) } : {};
const ORIGINAL = ['legal', 'angry', 'humanRequested', 'outOfPolicy', 'b2bSales', 'emergency', 'injection'];
const { rows } = loadCorpus();
const dev = rows.filter((row) => row.split === 'dev');
const { dev: calibration } = getHumanModel();
triageText('warm up', 'en');

const tally = () => ({ n: 0, ok: 0, humans: 0, caught: 0, automatable: 0, kept: 0 });
const groups = { all: { now: tally(), before: tally() } };
const add = (key, which, row, predicted) => {
	groups[key] ??= { now: tally(), before: tally() };
	const t = groups[key][which];
	t.n++;
	if (predicted === row.needs_human) t.ok++;
	if (row.needs_human) {
		t.humans++;
		if (predicted) t.caught++;
	} else {
		t.automatable++;
		if (!predicted) t.kept++;
	}
};
const started = process.hrtime.bigint();
for (const row of dev) {
	const intentModel = knowledge[row.business];
	const triage = triageText(row.text, row.language, intentModel ? { intentModel } : {});
	const now = FLAG_NAMES.some((flag) => triage.flags[flag]) || triage.humanScore >= threshold;
	const before = ORIGINAL.some((flag) => triage.flags[flag]);
	for (const key of ['all', `language ${row.language}`, `kind ${row.kind}`]) {
		add(key, 'now', row, now);
		add(key, 'before', row, before);
	}
}
const msPerTicket = Number(process.hrtime.bigint() - started) / 1e6 / dev.length;
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
console.log(`dev split: ${dev.length} rows (of ${rows.length}); humanScore threshold ${threshold}; calibration Brier ${calibration.brier.toFixed(3)}, ECE ${calibration.ece.toFixed(3)}`);
console.log('group'.padEnd(26), 'escalation acc.'.padEnd(22), 'needs-human recall'.padEnd(22), 'wrong-answer risk'.padEnd(22), 'automatable kept (AI)');
for (const [key, { now, before }] of Object.entries(groups)) {
	const cell = (f) => `${f(before)} → ${f(now)}`.padEnd(22);
	console.log(key.padEnd(26), cell((t) => pct(t.ok, t.n)), cell((t) => pct(t.caught, t.humans)), cell((t) => pct(t.humans - t.caught, t.humans)), cell((t) => pct(t.kept, t.automatable)));
}
console.log(`triage with humanScore: ${msPerTicket.toFixed(3)} ms a ticket (embedded, no knowledge base, this machine's load)`);
