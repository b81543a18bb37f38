/**
 * The linear rewrites against the old, simple versions (kept here as references) on random
 * ordinary text: they must give the same answers. Texts are built from pieces real messages
 * have (words, order numbers, emails, phones, quotes, blanks), not from hostile floods.
 */
import fc from 'fast-check';
import { parseDayHours } from '../../nodes/shared/calendar/parse';
import { withoutTrailingComment } from '../../nodes/shared/email/mailToTicket';
import { stripQuotedReply } from '../../nodes/shared/email/quotedReply';
import { buildReplySubject } from '../../nodes/shared/email/replyMail';
import { capText } from '../../nodes/shared/input-limits';
import { markdownHeading } from '../../nodes/shared/knowledge/loaders';
import { blankOut, extractFacts } from '../../nodes/shared/routing/facts';
import { INJECTION_MARKUP } from '../../nodes/shared/triage/signals';
import { TypoCorrector, withinOneEdit } from '../../nodes/shared/triage/typos';
import { isStopWord } from '../../nodes/shared/text/stopwords';
import { stemWord } from '../../nodes/shared/text';
import { newStemmer } from 'snowball-stemmers';

const RUNS = { numRuns: 300, seed: 20260302 };

// --- The old versions, verbatim in behaviour ---
const OLD_EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
const OLD_ORDER =
	/(?:#\s?|\b(?:order|pedido|orden|encomenda|compra|invoice|factura|fatura|booking|reserva)\s*(?:n(?:o|º|°|r)?\.?|num(?:ber|ero|éro)?\.?|número)?\s*[:#]?\s*)([A-Z]{0,4}-?\d[\d-]{2,}[A-Z0-9]*)/gi;
const OLD_PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d[\d\s.-]{6,}\d/g;
function oldExtractFacts(texts: Array<string | undefined>) {
	const text = texts.filter(Boolean).join('\n');
	const unique = (values: string[]) => [...new Set(values)];
	const emails = unique((text.match(OLD_EMAIL) ?? []).map((e) => e.toLowerCase()));
	const orderNumbers = unique([...text.matchAll(OLD_ORDER)].map((m) => m[1].replace(/-$/, '')));
	let rest = text.replace(OLD_EMAIL, ' ');
	for (const order of orderNumbers) rest = rest.split(order).join(' ');
	const phones = unique(
		(rest.match(OLD_PHONE) ?? []).map((p) => p.trim()).filter((p) => {
			const digits = p.replace(/\D/g, '').length;
			return digits >= 8 && digits <= 15 && !/^\d{4}-\d{2}-\d{2}$/.test(p);
		}),
	);
	return { orderNumbers, emails, phones };
}
function oldStripQuotedReply(text: string): string {
	const headers = [/^\s*On .{1,200}wrote:\s*$/i, /^\s*El .{1,200}escribió:\s*$/i, /^\s*Em .{1,200}escreveu:\s*$/i, /^\s*-{2,}\s*(Original Message|Mensaje original|Mensagem original)\s*-{2,}\s*$/i, /^\s*_{10,}\s*$/];
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	let cut = lines.length;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const isFromBlock = /^\s*(From|De):\s/i.test(line) && /^\s*(Sent|Enviado|Date|Fecha|To|Para):\s/i.test(lines[i + 1] ?? '');
		if (isFromBlock || headers.some((re) => re.test(line)) || (/^\s*>/.test(line) && lines.slice(i).every((l) => /^\s*(>|$)/.test(l)))) {
			cut = i;
			break;
		}
	}
	return lines.slice(0, cut).join('\n').trim() || text.trim();
}
const OLD_REPLY_PREFIX = /^\s*((re|aw|sv|r|rif|antw)\s*(\[\d+\])?\s*:\s*)+/i;
const OLD_INJECTION = [/<\|?(im_start|im_end|system|endoftext)\|?>/i, /\[\/?(INST|SYS)\]|<<\/?SYS>>/, /^\s*(system|assistant|developer)\s*:/im, /#{2,}[^\n#]{0,30}?\b(system|sistema|instructions?|instrucciones|instru[çc](?:ões|oes|ão|ao))(?=$|[^\p{L}])/imu];

// --- Ordinary text ---
const blank = fc.constantFrom(' ', '  ', '\n', '\t', ' \n ', '');
const piece = fc.oneof(
	fc.constantFrom('hola', 'where', 'is', 'my', 'order', 'pedido', 'nº', 'no.', 'number', '#', ':', 'refund', 'Re:', 'RE :', 'Aw:', 'system:', '## system', '### instrucciones', '> quoted', '>', 'On Mon, Ana wrote:', '-----Original Message-----', 'From: Ana', 'Sent: today', 'x', '.', '-', '@'),
	fc.integer({ min: 100, max: 99_999_999 }).map(String),
	fc.integer({ min: 100, max: 99_999 }).map((n) => `AB-${n}`),
	fc.constantFrom('ana@example.com', 'kim.lee+shop@mail.co', 'a@b.c', '+52 55 1234 5678', '(55) 1234-5678', '2026-03-06', '555.123.4567'),
	fc.string({ maxLength: 6 }),
);
const text = fc.array(fc.tuple(piece, blank), { maxLength: 30 }).map((parts) => parts.map(([p, b]) => p + b).join(''));

describe('linear rewrites behave as the old versions on ordinary text (fast-check)', () => {
	it('fact extraction: the same order numbers, emails and phones', () => {
		fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (texts) => expect(extractFacts(texts)).toEqual(oldExtractFacts(texts))), RUNS);
	});

	it('blanking order numbers in one pass equals a split/join per number when they do not overlap', () => {
		const id = fc.integer({ min: 100, max: 999_999 }).map((n) => `#${n}x`);
		fc.assert(
			fc.property(fc.array(fc.oneof(id, fc.constantFrom(' ', 'a', 'order ', '\n')), { maxLength: 40 }), (parts) => {
				const joined = parts.join('');
				const needles = [...new Set(parts.filter((p) => p.startsWith('#')))];
				let reference = joined;
				for (const needle of needles) reference = reference.split(needle).join(' ');
				expect(blankOut(joined, needles)).toBe(reference);
			}),
			RUNS,
		);
	});

	it('blanking order numbers: needles of any first character (ASCII or not) are all found', () => {
		const id = fc.tuple(fc.constantFrom('#', 'A', 'AB-', 'z', '1', 'é', 'Ω', '😡'), fc.integer({ min: 100, max: 999_999 })).map(([p, n]) => `${p}:${n};`);
		fc.assert(
			fc.property(fc.array(fc.oneof(id, fc.constantFrom(' ', 'a', 'é', '1', 'order ', '\n')), { maxLength: 40 }), (parts) => {
				const joined = parts.join('');
				const needles = [...new Set(parts.filter((p) => p.endsWith(';')))];
				let reference = joined;
				for (const needle of needles) reference = reference.split(needle).join(' ');
				expect(blankOut(joined, needles)).toBe(reference);
			}),
			RUNS,
		);
	});

	it('quoted-reply stripping: the same kept text', () => {
		const line = fc.oneof(text, fc.constantFrom('> q', '>', '', '  > nested', 'On Tue, Kim wrote:', 'From: a', 'To: b'));
		fc.assert(fc.property(fc.array(line, { maxLength: 20 }), (lines) => expect(stripQuotedReply(lines.join('\n'))).toBe(oldStripQuotedReply(lines.join('\n')))), RUNS);
	});

	it('quoted-reply stripping read in place: the same kept text with CR/CRLF breaks, Unicode spaces and every header start', () => {
		const space = fc.constantFrom('', ' ', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff', '\v', '\u2028');
		const body = fc.constantFrom('> q', '>', '', 'ok', 'On Tue, Kim wrote:', 'on x wrote: ', 'El lunes, Ana escribió:', 'Em 2, Ana escreveu:', '-- Original Message --', '----Mensaje original----', '__________', '_____', 'From: a', 'De: a', 'Sent: b', 'Fecha: c', 'To: b', 'Para: d', 'Oops', 'Eh', '-', 'Dear');
		const line = fc.oneof(fc.tuple(space, body).map(([a, b]) => a + b), text);
		const joined = fc.tuple(fc.array(line, { maxLength: 20 }), fc.constantFrom('\n', '\r\n', '\r')).map(([lines, br]) => lines.join(br));
		fc.assert(fc.property(joined, (t) => expect(stripQuotedReply(t)).toBe(oldStripQuotedReply(t))), { ...RUNS, numRuns: 1000 });
	});

	it('stemming: numbers and short words pass as they are, before the memo, and the memo never changes a stem', () => {
		const language = fc.constantFrom('es' as const, 'pt' as const, 'en' as const);
		const word = fc.oneof(fc.integer({ min: 0, max: 10 ** 9 }).map(String), fc.stringMatching(/^[a-z]{1,3}$/), fc.constantFrom('envios', 'devolucion', 'devoluciones', 'pedidos', 'refunds', 'ordering', 'encomendas', 'cancelacao', '12ab', 'ab12', '0x1f'));
		const snowball = { es: newStemmer('spanish'), pt: newStemmer('portuguese'), en: newStemmer('english') };
		fc.assert(
			fc.property(fc.array(fc.tuple(word, language), { maxLength: 30 }), (words) => {
				for (const [w, lang] of words) {
					const stem = stemWord(w, lang);
					if (w.length <= 3 || /^\d+$/.test(w)) expect(stem).toBe(w);
					else if (!/cion$|sion$|coes$|cao$|soes$|sao$/.test(w)) expect(stem).toBe(snowball[lang].stem(w));
					expect(stemWord(w, lang)).toBe(stem);
				}
			}),
			RUNS,
		);
	});

	it('reply subject: the same prefix stripped', () => {
		fc.assert(
			fc.property(text, fc.constantFrom(undefined, 'T-1'), (subject, id) => {
				const base = subject.replace(OLD_REPLY_PREFIX, '').trim();
				let expected = base ? `Re: ${base}` : 'Re: your message';
				if (id && !expected.includes(`[#${id}]`)) expected += ` [#${id}]`;
				expect(buildReplySubject(subject, id)).toBe(expected);
			}),
			RUNS,
		);
	});

	it('injection markup: each pattern matches the same texts', () => {
		// The role-tag pattern (<user>, </assistant>) came later and has no old version.
		const rewritten = INJECTION_MARKUP.filter((pattern) => !pattern.source.includes('user|assistant|human'));
		fc.assert(fc.property(text, (t) => OLD_INJECTION.forEach((old, i) => expect([i, rewritten[i].test(t)]).toEqual([i, old.test(t)]))), RUNS);
	});

	it('typo corrector: the same correction as a brute-force search, long tokens included', () => {
		const vocabulary = new Set(['urgente', 'reembolso', 'abogado', 'devolucion', 'cancelar', 'refund', 'lawyer', 'complaint', 'supervisor', 'cancellation']);
		const corrector = new TypoCorrector(vocabulary);
		const swapped = (a: string, b: string) => [...a].some((_, i) => i + 1 < a.length && a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2) === b);
		// The corrector's rules: first letter kept, stop words left alone, no substituted letter in a six-letter word.
		const plausible = (token: string, w: string) => w[0] === token[0] && withinOneEdit(token, w) && (w.length > 6 || token.length !== w.length || swapped(token, w));
		const brute = (token: string) => {
			if (token.length < 6 || vocabulary.has(token) || /\d/.test(token) || isStopWord(token)) return token;
			const hits = [...vocabulary].filter((w) => w.length >= 6 && !/\d/.test(w) && plausible(token, w)).sort();
			return hits[0] ?? token;
		};
		const edited = fc.tuple(fc.constantFrom(...vocabulary), fc.nat(), fc.constantFrom('a', 'e', 'z', '')).map(([w, at, c]) => {
			const i = at % w.length;
			return w.slice(0, i) + c + w.slice(i + 1);
		});
		fc.assert(fc.property(fc.oneof(edited, fc.string({ unit: fc.constantFrom('a', 'b', 'e', 'r'), maxLength: 30 })), (token) => expect(corrector.correct(token)).toBe(brute(token))), RUNS);
	});

	it('small parsers: hours intervals, Date comments, markdown headings, as their old patterns', () => {
		const clock = fc.constantFrom('9', '09:00', '18:30', '7');
		const dash = fc.tuple(fc.constantFrom('', ' ', '  '), fc.constantFrom('-', '–'), fc.constantFrom('', ' ', '\t'));
		fc.assert(
			fc.property(clock, dash, clock, (a, [l, d, r], b) => {
				const old = `${a}${l}${d}${r}${b}`.split(/\s*[-–]\s*/);
				expect(parseDayHours(`${a}${l}${d}${r}${b}`, 'h')).toEqual(parseDayHours(old.join('-'), 'h'));
			}),
			RUNS,
		);
		const date = fc.tuple(fc.constantFrom('Mon, 2 Mar 2026 10:00:00 -0600', 'x'), fc.constantFrom('', ' (CST)', '(CST) ', ' (a (b)', ' (a) (b)', ' ()', ')'));
		fc.assert(fc.property(date, ([d, c]) => expect(withoutTrailingComment(d + c)).toBe((d + c).replace(/\s*\([^)]*\)\s*$/, ''))), RUNS);
		const heading = fc.tuple(fc.constantFrom('##', '###', '#', '## '), fc.constantFrom(' ', '\t', ''), fc.constantFrom('Title', 'Two words', 'x', '#', 'a #'), fc.constantFrom('', ' ##', '#', '  '));
		fc.assert(
			fc.property(heading, ([h, s, t, e]) => {
				const line = h + s + t + e;
				expect(markdownHeading(line)).toBe(/^##\s+(.+?)\s*#*\s*$/.exec(line)?.[1]);
			}),
			RUNS,
		);
	});

	it('the input cap keeps a prefix, never splits an emoji, and records the length', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (t, max) => {
				const capped = capText(t, max);
				expect(t.startsWith(capped.text)).toBe(true);
				expect(capped.text.length).toBeLessThanOrEqual(max);
				expect(capped.truncated).toBe(t.length > max);
				expect(capped.originalLength).toBe(t.length);
				if (capped.truncated) expect(capped.text.length).toBeGreaterThanOrEqual(max - 1);
				expect(/[\uD800-\uDBFF]$/.test(capped.text)).toBe(false);
			}),
			RUNS,
		);
	});
});
