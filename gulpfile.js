const { src, dest, parallel } = require('gulp');

// tsc emits only JavaScript; n8n also needs each node's icon and codex file beside it.
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

function copyCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

// Lexicons, messages, the needs-a-human corpus and other data files read by nodes/shared at run time.
function copyData() {
	return src(['nodes/shared/**/*.json', 'nodes/shared/**/*.jsonl'], { base: '.' }).pipe(dest('dist'));
}

// Hand-written CommonJS that tsc must not rewrite (the real dynamic import of ES-module dependencies).
function copyPlainJs() {
	return src('nodes/shared/whatsapp/import-module.js', { base: '.' }).pipe(dest('dist'));
}

exports['build:assets'] = parallel(copyIcons, copyCodex, copyData, copyPlainJs);
