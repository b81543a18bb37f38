#!/usr/bin/env node
/**
 * Builds bench/heldout/{store,clinic}.csv from the hand-written tickets in bench/heldout/src/*.txt.
 * The texts, labels and categories are written by hand in src/; this script only adds what a real
 * export carries around them: an id, a timestamp spread over eight weeks (in and out of business
 * hours, Mexico City offset), a customer name and id. Deterministic: the same src gives the same CSV.
 *
 * src line format: category|needs_human (y/n)|tier|language|channel (w/e/c)|subject|text
 * ("\n" in text is a line break; lines starting with # are comments).
 */
const fs = require('node:fs');
const path = require('node:path');
const { stringify } = require('csv-stringify/sync');

const HERE = __dirname;
const CHANNELS = { w: 'whatsapp', e: 'email', c: 'webchat' };
const NAMES = {
	es: ['María Fernanda López', 'Juan Pablo Ríos', 'Lucía Martínez', 'Santiago Gómez', 'Camila Herrera', 'Diego Castillo', 'Valentina Rojas', 'Andrés Morales', 'Sofía Ramírez', 'Carlos Eduardo Pérez', 'Ximena Torres', 'Martín Sosa', 'Florencia Benítez', 'Javier Ruiz', 'Nuria Sánchez', 'Pau Ferrer', 'Daniela Ospina', 'Felipe Cárdenas', 'Guadalupe Hernández', 'Rodrigo Aguilar', 'Paola Quintero', 'Ignacio Fernández', 'Mariana Villalobos', 'Tomás Álvarez', 'Regina Salazar', 'Alejandro Núñez', 'Carmen Delgado', 'Luis Miguel Ortega', 'Agustina Paz', 'Jorge Iván Mejía', 'Elena Prieto', 'Beto Zamora'],
	pt: ['Ana Beatriz Souza', 'João Pedro Oliveira', 'Mariana Costa', 'Lucas Ferreira', 'Juliana Almeida', 'Rafael Lima', 'Fernanda Ribeiro', 'Gabriel Carvalho', 'Carla Mendes', 'Tiago Santos', 'Inês Rodrigues', 'Rui Pereira', 'Beatriz Gonçalves', 'Duarte Martins', 'Patrícia Nunes', 'Thiago Barbosa', 'Larissa Rocha', 'Bruno Araújo', 'Leonor Marques', 'Miguel Sousa', 'Camila Teixeira', 'Vinícius Freitas'],
	en: ['Emily Carter', 'James Walker', 'Olivia Bennett', 'Michael Brooks', 'Sarah Mitchell', 'David Nguyen', 'Hannah Lee', 'Chris Patel', 'Jessica Moore', 'Ryan O\'Connor', 'Laura Kim', 'Tom Fischer', 'Megan Hughes', 'Daniel Reyes', 'Amy Thompson', 'Kevin Ward', 'Rachel Green', 'Sam Adler'],
};

/** FNV-1a: a stable number per ticket, so times and names do not move when lines are added elsewhere. */
function hash(text) {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

const pad = (n) => String(n).padStart(2, '0');

/** A time in the eight weeks from Monday 2026-10-05, about two thirds inside typical business hours. */
function timestamp(seed) {
	const day = seed % 56;
	const inHours = (seed >>> 8) % 100 < 64;
	const minuteOfDay = inHours ? 9 * 60 + ((seed >>> 12) % (9 * 60)) : (18 * 60 + ((seed >>> 12) % (15 * 60))) % (24 * 60);
	const date = new Date(Date.UTC(2026, 9, 5 + day));
	return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}:${pad((seed >>> 20) % 60)}-06:00`;
}

function build(business, prefix) {
	const files = fs.readdirSync(path.join(HERE, 'src')).filter((f) => f.startsWith(`${business}-`) && f.endsWith('.txt')).sort();
	const rows = [];
	for (const file of files) {
		const lines = fs.readFileSync(path.join(HERE, 'src', file), 'utf8').split('\n');
		lines.forEach((line, index) => {
			if (!line.trim() || line.startsWith('#')) return;
			const parts = line.split('|');
			if (parts.length < 7) throw new Error(`${file}:${index + 1}: expected 7 fields, got ${parts.length}`);
			const [category, nh, tier, language, channel, subject] = parts;
			const text = parts.slice(6).join('|').replace(/\\n/g, '\n').trim();
			if (!['y', 'n'].includes(nh)) throw new Error(`${file}:${index + 1}: needs_human must be y or n`);
			if (!/^L[1-4]$/.test(tier)) throw new Error(`${file}:${index + 1}: bad tier ${tier}`);
			if (!CHANNELS[channel]) throw new Error(`${file}:${index + 1}: bad channel ${channel}`);
			if (!NAMES[language]) throw new Error(`${file}:${index + 1}: bad language ${language}`);
			if (!text) throw new Error(`${file}:${index + 1}: empty text`);
			const n = rows.length + 1;
			const seed = hash(`${business}:${text}`);
			const names = NAMES[language];
			rows.push({
				id: `${prefix}-${String(n).padStart(4, '0')}`,
				created_at: timestamp(seed),
				channel: CHANNELS[channel],
				language,
				customer_name: names[(seed >>> 4) % names.length],
				customer_id: `${prefix}C${100000 + ((seed >>> 3) % 900000)}`,
				subject: subject.trim(),
				text,
				expected_intent: '',
				needs_human: nh === 'y' ? 'true' : 'false',
				expected_tier: tier,
				category: category.trim(),
			});
		});
	}
	const columns = ['id', 'created_at', 'channel', 'language', 'customer_name', 'customer_id', 'subject', 'text', 'expected_intent', 'needs_human', 'expected_tier', 'category'];
	fs.writeFileSync(path.join(HERE, `${business}.csv`), stringify(rows, { header: true, columns }));
	return rows;
}

for (const [business, prefix] of [
	['store', 'HS'],
	['clinic', 'HC'],
]) {
	const rows = build(business, prefix);
	const count = (key) => rows.reduce((acc, r) => ((acc[r[key]] = (acc[r[key]] ?? 0) + 1), acc), {});
	process.stdout.write(`${business}: ${rows.length} rows ${JSON.stringify(count('language'))} ${JSON.stringify(count('needs_human'))} ${JSON.stringify(count('expected_tier'))}\n`);
}
