/**
 * The bench's second ticket set: a realistic LATAM shop's mix. es 45 %, pt 30 %, en 25 % of the rows;
 * WhatsApp-style short messages (shorthand, no accents, emoji, bursts of a few messages in a row),
 * web chat, and emails with a subject, a greeting, a signature and the quoted history under them; a
 * share of customers write 2–5 turns minutes apart (rows share a conversation_id, in time order).
 * The texts come from the dev sets (bench/dev2, bench/dev3), the demo history, the knowledge bases'
 * example questions and the public datasets (read in place), dressed in realistic-pieces.ts.
 * Deterministic for a seed and a set of pieces.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify';
import { DateTime } from 'luxon';
import { detect } from 'tinyld';
import { stripQuotedReply } from '../../nodes/shared/email/quotedReply';
import { datasetsDir } from '../quality/datasets';
import {
	CHAT_GREETINGS,
	EMOJI,
	FALLBACK_NAMES,
	FOLLOW_UPS,
	GREETINGS,
	MIX_LANGUAGES,
	MOBILE_FOOTERS,
	OPENERS,
	PHONE_LABELS,
	PHONE_PREFIX,
	quoteHeader,
	REPLY_PREFIX,
	SHOP_REPLIES,
	SHORT_PHRASES,
	SHORTHAND,
	SIGN_OFFS,
	SUBJECTS,
	SUPPORT_SENDER,
	type MixLanguage,
} from './realistic-pieces';
import { HOUR_WEIGHTS, prng, readTexts } from './tickets';

export const REALISTIC_COLUMNS = ['id', 'created_at', 'channel', 'language', 'customer_name', 'customer_id', 'subject', 'text', 'conversation_id'] as const;
export const LANGUAGE_SHARES: Record<MixLanguage, number> = { es: 0.45, pt: 0.3, en: 0.25 };
const CHANNEL_SHARES: ReadonlyArray<readonly [string, number]> = [
	['whatsapp', 0.5],
	['webchat', 0.25],
	['email', 0.25],
];
/** Customers who write 2–5 turns (each a WhatsApp burst, a chat line or an email). */
export const MULTI_TURN_SHARE = 0.35;
/** A language this many rows behind its share is picked next, so the shares hold on any count. */
const MAX_LAG_ROWS = 12;
const ZONE = 'America/Mexico_City';
/** Bumped when the generator's output changes, so a cached file is rebuilt. */
const GENERATOR_VERSION = 1;

interface Source {
	weight: number;
	texts: string[];
}

export interface RealisticPieces {
	texts: Record<MixLanguage, Source[]>;
	names: Record<MixLanguage, string[]>;
}

const isMix = (language: string): language is MixLanguage => (MIX_LANGUAGES as readonly string[]).includes(language);

function byLanguage(rows: Array<{ text: string; language: string }>): Record<MixLanguage, string[]> {
	const out: Record<MixLanguage, string[]> = { es: [], pt: [], en: [] };
	// A piece that brings its own quoted history keeps only what the customer wrote: the email adds its own quote.
	for (const row of rows) if (isMix(row.language)) out[row.language].push(stripQuotedReply(row.text));
	return out;
}

/** The knowledge bases' example questions, each tagged with its language by tinyld (they carry none). */
function knowledgeQuestions(repoRoot: string): Array<{ text: string; language: string }> {
	const dir = path.join(repoRoot, 'workflows', 'knowledge');
	const out: Array<{ text: string; language: string }> = [];
	for (const name of readdirSync(dir).filter((file) => file.endsWith('.json')).sort()) {
		const entries = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Array<{ questions?: string[] }>;
		for (const question of entries.flatMap((entry) => entry.questions ?? [])) out.push({ text: question, language: detect(question, { only: ['es', 'pt', 'en'] }) || 'en' });
	}
	return out;
}

/** Reads every piece once; the generator itself touches no file. */
export function realisticPieces(repoRoot: string): RealisticPieces {
	const devFiles = ['dev2', 'dev3'].flatMap((set) => ['store.csv', 'clinic.csv'].map((file) => path.join(repoRoot, 'bench', set, file)));
	const demoFile = path.join(repoRoot, 'simulator', 'demo', 'history.csv');
	const data = datasetsDir(repoRoot);
	const datasetFiles = ['bitext/train.csv', 'bitext/validation.csv', 'banking77/validation.csv', 'clinc150/validation.csv', 'hint3/sofmattress-train.csv'].map((file) => path.join(data, file));
	const dev = byLanguage(devFiles.flatMap((file) => readTexts(file)));
	const demo = byLanguage(readTexts(demoFile));
	const kb = byLanguage(knowledgeQuestions(repoRoot));
	// The public datasets are English only.
	const datasets = datasetFiles.flatMap((file) => readTexts(file)).map((row) => stripQuotedReply(row.text));
	const names = byLanguage([...devFiles, demoFile].flatMap((file) => readTexts(file, 'customer_name')));
	const texts: Record<MixLanguage, Source[]> = {
		es: [{ weight: 0.5, texts: dev.es }, { weight: 0.3, texts: demo.es }, { weight: 0.2, texts: kb.es }],
		pt: [{ weight: 0.5, texts: dev.pt }, { weight: 0.3, texts: demo.pt }, { weight: 0.2, texts: kb.pt }],
		en: [{ weight: 0.3, texts: dev.en }, { weight: 0.2, texts: demo.en }, { weight: 0.1, texts: kb.en }, { weight: 0.4, texts: datasets }],
	};
	for (const language of MIX_LANGUAGES) {
		texts[language] = texts[language].filter((source) => source.texts.length > 0);
		if (texts[language].length === 0) throw new Error(`realistic tickets: no ${language} texts found (bench/dev2, bench/dev3, ${path.relative(repoRoot, demoFile)})`);
		names[language] = [...new Set(names[language])];
		if (names[language].length === 0) names[language] = [...FALLBACK_NAMES[language]];
	}
	return { texts, names };
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

function weighted<T>(random: Random, options: ReadonlyArray<readonly [T, number]>): T {
	const total = options.reduce((sum, [, weight]) => sum + weight, 0);
	let at = random() * total;
	for (const [value, weight] of options) {
		if (at < weight) return value;
		at -= weight;
	}
	return options[options.length - 1][0];
}

/** Paragraphs of a text, its greeting line and sign-off dropped when it brings its own (the email's are added). */
function bodyParagraphs(text: string): string[] {
	const paragraphs: string[] = [];
	let current: string[] = [];
	for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
		if (line.trim()) {
			current.push(line.trim());
		} else if (current.length) {
			paragraphs.push(current.join('\n'));
			current = [];
		}
	}
	if (current.length) paragraphs.push(current.join('\n'));
	if (paragraphs.length > 1 && paragraphs[0].length <= 40 && !paragraphs[0].includes('\n')) paragraphs.shift();
	if (paragraphs.length > 1 && paragraphs[paragraphs.length - 1].length <= 80) paragraphs.pop();
	return paragraphs;
}

/** Sentences of a one-line text, split after . ? ! followed by a space (a plain scan, no regex). */
function sentences(text: string): string[] {
	const out: string[] = [];
	let start = 0;
	for (let i = 0; i < text.length - 1; i++) {
		if ((text[i] === '.' || text[i] === '?' || text[i] === '!') && text[i + 1] === ' ') {
			out.push(text.slice(start, i + 1).trim());
			start = i + 2;
		}
	}
	const rest = text.slice(start).trim();
	if (rest) out.push(rest);
	return out;
}

const flat = (text: string): string => bodyParagraphs(text).join(' ').split('\n').join(' ');

/** The first sentences of a text up to about `limit` characters (at least one). */
function shortened(text: string, limit: number): string[] {
	const all = sentences(flat(text));
	let first = all[0] ?? text.trim();
	// One very long sentence is cut at a word, as someone typing a short message would have.
	if (first.length > limit) first = first.slice(0, Math.max(first.lastIndexOf(' ', limit), Math.floor(limit / 2)));
	const kept = [first];
	let length = kept[0].length;
	for (const sentence of all.slice(1)) {
		if (length + sentence.length > limit) break;
		kept.push(sentence);
		length += sentence.length + 1;
	}
	return kept;
}

const stripAccents = (text: string): string => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[¿¡]/g, '');

/** A message typed on a phone: lower case, no accents, shorthand, no final full stop, sometimes an emoji. */
function phoneTyped(text: string, language: MixLanguage, random: Random): string {
	let out = random() < 0.85 ? stripAccents(text.toLowerCase()) : text.toLowerCase();
	for (const [phrase, short] of SHORT_PHRASES[language]) if (random() < 0.7) out = out.split(phrase).join(short);
	const swaps = SHORTHAND[language];
	out = out
		.split(' ')
		.map((token) => {
			let end = token.length;
			while (end > 0 && ',.?!:;'.includes(token[end - 1])) end--;
			const swap = swaps[token.slice(0, end)];
			return swap !== undefined && random() < 0.6 ? swap + token.slice(end) : token;
		})
		.join(' ');
	if (out.endsWith('.')) out = out.slice(0, -1);
	if (out.endsWith('?') && random() < 0.3) out += '??';
	if (random() < 0.4) out += ` ${pick(random, EMOJI)}`;
	return out;
}

/** One WhatsApp turn: often a burst (an opener, then the question a sentence at a time). */
function whatsappMessages(text: string, language: MixLanguage, random: Random): string[] {
	const parts = shortened(text, 180);
	let messages = parts.length > 1 && random() < 0.6 ? [...parts.slice(0, 2), parts.slice(2).join(' ')].filter(Boolean) : [parts.join(' ')];
	messages = messages.map((message) => phoneTyped(message, language, random));
	if (random() < 0.35) messages.unshift(pick(random, OPENERS[language]));
	return messages;
}

/** First words that already greet: a chat line starting with one gets no greeting of its own. */
const GREETING_WORDS = new Set(['hola', 'buenas', 'buenos', 'buen', 'oi', 'olá', 'ola', 'bom', 'boa', 'hi', 'hello', 'hey', 'good', 'dear', 'estimados']);

function webChatText(text: string, language: MixLanguage, random: Random): string {
	const body = shortened(text, 400).join(' ');
	const first = (body.split(' ')[0] ?? '').toLowerCase().replace(/[,.!:]+$/, '');
	return !GREETING_WORDS.has(first) && random() < 0.3 ? `${pick(random, CHAT_GREETINGS[language])} ${body}` : body;
}

const quoted = (text: string, depth: number): string =>
	text
		.split('\n')
		.map((line) => `${'>'.repeat(depth).split('').join(' ')}${line ? ` ${line}` : ''}`)
		.join('\n');

interface EmailTurn {
	body: string;
	at: number;
}

interface Customer {
	language: MixLanguage;
	name: string;
	id: string;
	channel: string;
}

function emailText(customer: Customer, body: string, at: number, previous: EmailTurn | undefined, caseNumber: number, random: Random): string {
	const { language, name } = customer;
	const signature = [pick(random, SIGN_OFFS[language]), name];
	if (random() < 0.3) signature.push(`${PHONE_LABELS[language]} +${PHONE_PREFIX[language]} ${1000 + Math.floor(random() * 9000)} ${1000 + Math.floor(random() * 9000)}`);
	if (random() < 0.3) signature.push('', pick(random, MOBILE_FOOTERS[language]));
	// The shop answered between the customer's previous email and this one (or before the first).
	const replyMs = previous ? previous.at + Math.floor(random() * (at - previous.at)) : at - (20 + Math.floor(random() * 600)) * 60_000;
	const replyAt = DateTime.fromMillis(replyMs, { zone: ZONE });
	const reply = pick(random, SHOP_REPLIES[language]).replace('{name}', name.split(' ')[0]).replace('{case}', String(caseNumber));
	const quote = [quoteHeader(language, replyAt, SUPPORT_SENDER), quoted(reply, 1)];
	// A follow-up quotes the shop's reply and, under it, the customer's own previous email.
	if (previous) quote.push('>', quoted(quoteHeader(language, DateTime.fromMillis(previous.at, { zone: ZONE }), `${name} <${customer.id}>`), 1), quoted(previous.body, 2));
	return [pick(random, GREETINGS[language]), '', body, '', signature.join('\n'), '', ...quote].join('\n');
}

function subjectOf(body: string, language: MixLanguage, random: Random): string {
	const first = sentences(body.split('\n').join(' '))[0] ?? '';
	return first.length >= 8 && first.length <= 60 ? first.replace(/[.?!]+$/, '') : pick(random, SUBJECTS[language]);
}

function customerId(channel: string, language: MixLanguage, name: string, random: Random): string {
	const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
	if (channel === 'whatsapp') return `${PHONE_PREFIX[language]}${digits(8)}`;
	if (channel === 'email') {
		const local = stripAccents(name.toLowerCase()).split(' ').filter(Boolean).join('.');
		const domain = pick(random, language === 'pt' ? ['gmail.com', 'uol.com.br', 'hotmail.com'] : language === 'es' ? ['gmail.com', 'hotmail.com', 'outlook.com'] : ['gmail.com', 'yahoo.com']);
		return `${local}${digits(2)}@${domain}`;
	}
	return `web-${Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0')}`;
}

export interface RealisticRow {
	at: number;
	values: string[];
}

/** `count` rows (cells in REALISTIC_COLUMNS order), sorted by time; every conversation's turns in order. */
export function realisticRows(count: number, pieces: RealisticPieces, seed = 247): RealisticRow[] {
	const random = prng(seed);
	const start = DateTime.fromISO('2026-03-02T00:00:00', { zone: ZONE }).toMillis();
	const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
	const written: Record<MixLanguage, number> = { es: 0, pt: 0, en: 0 };
	const rows: RealisticRow[] = [];
	const text = (language: MixLanguage) => pick(random, weighted(random, pieces.texts[language].map((source) => [source, source.weight] as const)).texts);
	for (let conversation = 0; rows.length < count; conversation++) {
		const lagging = MIX_LANGUAGES.map((l) => [l, LANGUAGE_SHARES[l] * rows.length - written[l]] as const).sort((a, b) => b[1] - a[1])[0];
		const language = lagging[1] > MAX_LAG_ROWS ? lagging[0] : weighted(random, MIX_LANGUAGES.map((l) => [l, LANGUAGE_SHARES[l]] as const));
		const channel = weighted(random, CHANNEL_SHARES);
		const name = pick(random, pieces.names[language]);
		const customer: Customer = { language, name, channel, id: customerId(channel, language, name, random) };
		let pickHour = random() * hourTotal;
		let hour = 0;
		while (pickHour > HOUR_WEIGHTS[hour] && hour < 23) pickHour -= HOUR_WEIGHTS[hour++];
		let at = start + Math.floor(random() * 182) * 86_400_000 + hour * 3_600_000 + Math.floor(random() * 3600) * 1000;
		const turns = random() < MULTI_TURN_SHARE ? 2 + Math.floor(random() * 4) : 1;
		const caseNumber = 100_000 + conversation;
		let subject = '';
		let previous: EmailTurn | undefined;
		let k = 0;
		const push = (subjectCell: string, cell: string) => {
			const iso = DateTime.fromMillis(at, { zone: ZONE }).toISO({ suppressMilliseconds: true }) as string;
			rows.push({ at, values: [`r${conversation}-${k++}`, iso, channel, language, name, customer.id, subjectCell, cell, `rc${conversation}`] });
			written[language]++;
		};
		for (let turn = 0; turn < turns && rows.length < count; turn++) {
			const order = `A${10_000 + Math.floor(random() * 90_000)}`;
			const said = turn > 0 && random() < 0.5 ? pick(random, FOLLOW_UPS[language]).replace('{order}', order) : text(language);
			if (channel === 'whatsapp') {
				for (const message of whatsappMessages(said, language, random)) {
					if (rows.length >= count) break;
					push('', message);
					at += (1 + Math.floor(random() * 6)) * 1000;
				}
			} else if (channel === 'webchat') {
				push('', webChatText(said, language, random));
			} else {
				const body = bodyParagraphs(said).join('\n\n') || said.trim();
				if (turn === 0) subject = subjectOf(body, language, random);
				push(turn === 0 ? subject : `${REPLY_PREFIX[language]}${subject}`, emailText(customer, body, at, previous, caseNumber, random));
				previous = { body, at };
			}
			at += (channel === 'email' ? 5 + Math.floor(random() * 85) : 1 + Math.floor(random() * 20)) * 60_000;
		}
	}
	// Array.prototype.sort is stable: a conversation's turns keep their order on equal times.
	return rows.sort((a, b) => a.at - b.at);
}

/** Writes `count` realistic tickets to `file` (kept when a file of this count and generator version is there). */
export async function writeRealisticTickets(file: string, count: number, repoRoot: string, seed = 247): Promise<void> {
	const marker = `${file}.count`;
	const stamp = `${count} v${GENERATOR_VERSION} seed ${seed}`;
	if (existsSync(file) && statSync(file).size > 0 && existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return;
	mkdirSync(path.dirname(file), { recursive: true });
	const rows = realisticRows(count, realisticPieces(repoRoot), seed);
	const out = createWriteStream(file);
	const csv = stringify({ header: true, columns: [...REALISTIC_COLUMNS] });
	csv.pipe(out);
	for (const row of rows) if (!csv.write(row.values)) await new Promise<void>((resolve) => csv.once('drain', () => resolve()));
	csv.end();
	await new Promise<void>((resolve) => out.on('finish', () => resolve()));
	writeFileSync(marker, stamp);
}
