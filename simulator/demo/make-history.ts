/**
 * Writes simulator/demo/history.csv: eight weeks of Aurora Store tickets (labelled, with the human
 * team's historical response times) for `support-sim replay`. Deterministic: same seed, same file.
 *
 *   npm run build && node dist/simulator/demo/make-history.js [output.csv]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { BusinessCalendar, ZONE, drawCreationTimes, publicHolidays } from './calendar';
import { roughen } from './noise';
import { BATTERY_PRODUCTS, CITIES, CustomerPool, PRODUCTS, orderNumber, type Customer } from './people';
import { BITEXT_VALIDATION } from './phrasings/bitext-validation';
import { FAQ_EN, SUBJECTS_EN } from './phrasings/faq-en';
import { FAQ_ES, SUBJECTS_ES } from './phrasings/faq-es';
import { FAQ_PT, SUBJECTS_PT } from './phrasings/faq-pt';
import { HUMAN_KINDS, HUMAN_KIND_WEIGHTS, HUMAN_PHRASINGS, HUMAN_SUBJECTS, type HumanKind } from './phrasings/human';
import type { Language, Phrasings } from './phrasings/types';
import { Random } from './random';

const SEED = 20260907;
const FROM = DateTime.fromISO('2026-09-07T00:00:00', { zone: ZONE });
const TO = DateTime.fromISO('2026-11-02T00:00:00', { zone: ZONE }); // exclusive: through Sunday 1 Nov
const VALID_ROWS = 1498;
/** Two rows broken on purpose so a replay shows line-numbered rejections. */
const MALFORMED = { badDateAt: 517, emptyTextAt: 1133 };
const HUMAN_SHARE = 0.2;

const LANGUAGE_WEIGHTS: Record<Language, number> = { es: 45, en: 35, pt: 20 };
const CHANNEL_WEIGHTS = { whatsapp: 50, webchat: 30, email: 20 };
/** How often each knowledge-base intent is asked, relative to the others. */
const INTENT_WEIGHTS: Record<string, number> = {
	track_order: 14,
	delivery_period: 8,
	delivery_options: 7,
	hours_locations: 7,
	get_refund: 7,
	check_payment_methods: 6,
	payment_issue: 6,
	check_refund_policy: 6,
	cancel_order: 6,
	prices_availability: 6,
	get_invoice: 5,
	recover_password: 5,
	warranty: 5,
	track_refund: 4,
	change_order: 3,
	change_shipping_address: 3,
	create_account: 3,
};

const FAQ: Record<Language, Phrasings> = { es: FAQ_ES, pt: FAQ_PT, en: FAQ_EN };
const SUBJECTS: Record<Language, Record<string, string[]>> = { es: SUBJECTS_ES, pt: SUBJECTS_PT, en: SUBJECTS_EN };
const GREETING: Record<Language, string[]> = { es: ['hola ', 'buenas ', 'buen dia ', 'oye '], pt: ['oi ', 'olá ', 'bom dia ', 'boa tarde '], en: ['hi ', 'hey ', 'hello '] };
const SIGN_OFF: Record<Language, string[]> = { es: [' gracias', ' porfa', ' 🙏'], pt: [' obrigado', ' pf', ' 🙏'], en: [' thanks', ' thx', ' 🙏'] };
const EMAIL_OPEN: Record<Language, string[]> = {
	es: ['Hola, buenas tardes.', 'Buen día:', 'Hola,', 'Estimados:'],
	pt: ['Olá, boa tarde.', 'Bom dia,', 'Oi,', 'Prezados,'],
	en: ['Hi,', 'Hello,', 'Good morning,', 'Dear Aurora team,'],
};
const EMAIL_CLOSE: Record<Language, string[]> = {
	es: ['Saludos,', 'Gracias,', 'Quedo atento,', 'Atte.'],
	pt: ['Obrigado,', 'Abraços,', 'Att.,'],
	en: ['Thanks,', 'Best regards,', 'Cheers,'],
};
/** Median minutes a person spent resolving after the first reply, by tier. */
const RESOLVE_MEDIAN: Record<string, number> = { L1: 20, L2: 60, L3: 240, L4: 300 };
const UNHAPPY_KINDS = new Set<HumanKind>(['angry', 'legal', 'bot_failure', 'out_of_policy']);

interface KbEntry {
	id: string;
	tier: string;
	questions: string[];
}

const normalise = (text: string) =>
	text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

function fill(random: Random, template: string, language: Language, customer: Customer, products = PRODUCTS[language]): string {
	return template
		.replace(/\{order\}/g, () => orderNumber(random))
		.replace(/\{product\}/g, () => random.pick(products))
		.replace(/\{city\}/g, () => random.pick(CITIES))
		.replace(/\{name\}/g, customer.firstName);
}

function asChannel(random: Random, body: string, channel: string, language: Language, customer: Customer, verbatim: boolean): string {
	if (channel === 'email') {
		const stripped = body.replace(/^(hola|buenas|oi|olá|hi|hey|hello)[,!]?\s+/i, '');
		const text = stripped.charAt(0).toUpperCase() + stripped.slice(1);
		return `${random.pick(EMAIL_OPEN[language])}\n\n${text}\n\n${random.pick(EMAIL_CLOSE[language])}\n${customer.name}`;
	}
	if (verbatim) return body;
	let text = random.chance(channel === 'whatsapp' ? 0.85 : 0.5) ? roughen(random, body, language) : body;
	const greeted = /^(hola|buenas|buen|oye|oi|olá|ola|bom|boa|hi|hey|hello)\b/i.test(text);
	if (channel === 'whatsapp' && !greeted && random.chance(0.3)) text = random.pick(GREETING[language]) + text;
	if (channel === 'whatsapp' && random.chance(0.15)) text += random.pick(SIGN_OFF[language]);
	return text;
}

/** Share of chat tickets whose customer writes again within minutes (2–4 turns in all). */
const FOLLOW_UP_SHARE = 0.08;
type FollowUp = 'same' | 'person' | 'other';
const FOLLOW_UP_WEIGHTS: Record<FollowUp, number> = { same: 40, person: 35, other: 25 };

/**
 * Some WhatsApp and web chat customers write 2–4 turns: they ask the same thing again in other words,
 * ask for a person, or ask something else, a few minutes apart. Drawn from a random stream of their
 * own, after the single-turn rows, so those rows stay exactly as they were; each follow-up goes right
 * after its conversation's earlier turns and shares their conversation_id.
 */
function addFollowUps(rows: Record<string, string>[], tierOf: Map<string, string>, calendar: BusinessCalendar): Record<string, string>[] {
	const random = Random.seeded(SEED + 22);
	const out: Record<string, string>[] = [];
	for (const first of rows) {
		out.push(first);
		const chat = first.channel === 'whatsapp' || first.channel === 'webchat';
		if (!chat || first.created_at === 'not-a-date' || !first.text || !random.chance(FOLLOW_UP_SHARE)) continue;
		const language = first.language as Language;
		const customer = { name: first.customer_name, firstName: first.customer_name.split(' ')[0], id: first.customer_id } as Customer;
		let at = DateTime.fromISO(first.created_at, { zone: ZONE });
		const turns = 1 + Math.floor(random.float() * 3);
		first.conversation_id = first.id;
		for (let turn = 2; turn <= turns + 1; turn++) {
			const kind = random.weighted(FOLLOW_UP_WEIGHTS);
			const intent = kind === 'same' && first.expected_intent ? first.expected_intent : kind === 'person' ? '' : random.weighted(INTENT_WEIGHTS);
			const template = intent ? random.pick(FAQ[language][intent]) : random.pick(HUMAN_PHRASINGS[language].human_request);
			at = at.plus({ minutes: 2 + Math.floor(random.float() * 14) });
			const iso = (when: DateTime) => when.startOf('second').toISO({ suppressMilliseconds: true }) as string;
			const tier = intent ? (tierOf.get(intent) as string) : HUMAN_KINDS.human_request;
			out.push({
				...first,
				id: `${first.id}-${turn}`,
				created_at: iso(at),
				subject: '',
				text: asChannel(random, fill(random, template, language, customer), first.channel, language, customer, false),
				expected_intent: intent,
				needs_human: intent ? 'false' : 'true',
				expected_tier: tier,
				first_response_at: iso(calendar.addBusinessMinutes(at, 10)),
				resolved_at: iso(calendar.addBusinessMinutes(at, 30)),
				csat: '',
				conversation_id: first.id,
			});
		}
	}
	return out;
}

function main(): void {
	const root = path.resolve(__dirname, '../../..');
	const output = path.resolve(process.argv[2] ?? path.join(root, 'simulator/demo/history.csv'));
	const kb = JSON.parse(readFileSync(path.join(root, 'workflows/knowledge/store-kb.json'), 'utf8')) as KbEntry[];
	const tierOf = new Map(kb.map((entry) => [entry.id, entry.tier]));
	const kbQuestions = new Set(kb.flatMap((entry) => entry.questions.map(normalise)));
	for (const id of Object.keys(INTENT_WEIGHTS)) {
		if (!tierOf.has(id)) throw new Error(`intent ${id} is not in store-kb.json`);
		for (const language of ['es', 'pt', 'en'] as const) if (!FAQ[language][id]?.length) throw new Error(`no ${language} phrasings for ${id}`);
	}

	const random = Random.seeded(SEED);
	const calendar = new BusinessCalendar(publicHolidays(FROM, TO));
	const customers = new CustomerPool(random);
	const times = drawCreationTimes(random, FROM, TO, VALID_ROWS, calendar);
	const rows: Record<string, string>[] = [];
	const kinds: Record<string, number> = {};

	for (const created of times) {
		const language = random.weighted(LANGUAGE_WEIGHTS);
		const channel = random.weighted(CHANNEL_WEIGHTS);
		const customer = customers.next(language, channel);
		const kind: HumanKind | undefined = random.chance(HUMAN_SHARE) ? random.weighted(HUMAN_KIND_WEIGHTS) : undefined;
		const intent = kind ? '' : random.weighted(INTENT_WEIGHTS);
		if (kind) kinds[kind] = (kinds[kind] ?? 0) + 1;
		const tier = kind ? HUMAN_KINDS[kind] : (tierOf.get(intent) as string);

		let text = '';
		let subjectTemplate = '';
		for (let attempt = 0; attempt < 20; attempt++) {
			const bitext = language === 'en' && !kind ? BITEXT_VALIDATION[intent] : undefined;
			const useBitext = !!bitext && random.chance(0.5);
			const template = kind ? random.pick(HUMAN_PHRASINGS[language][kind]) : useBitext ? random.pick(bitext) : random.pick(FAQ[language][intent]);
			const products = kind === 'emergency' ? BATTERY_PRODUCTS[language] : PRODUCTS[language];
			text = asChannel(random, fill(random, template, language, customer, products), channel, language, customer, useBitext);
			// A demo message identical to a knowledge-base question would only measure recall, not generalisation.
			if (!kbQuestions.has(normalise(text))) break;
		}
		if (channel === 'email') {
			const pool = kind ? HUMAN_SUBJECTS[language][kind] : random.chance(0.75) ? SUBJECTS[language][intent] : SUBJECTS[language]['*'];
			subjectTemplate = random.pick(pool);
		}

		const firstResponse = calendar.addBusinessMinutes(created, Math.min(240, Math.max(10, random.logNormal(45, 0.9))));
		const resolved = calendar.addBusinessMinutes(firstResponse, Math.min(1440, Math.max(5, random.logNormal(RESOLVE_MEDIAN[tier], 0.8))));
		const waitHours = firstResponse.diff(created, 'hours').hours;
		let csat = '';
		if (random.chance(0.6)) {
			const base = waitHours <= 1 ? 4.6 : waitHours <= 4 ? 4.2 : waitHours <= 12 ? 3.6 : waitHours <= 24 ? 3.1 : 2.5;
			const mood = kind && UNHAPPY_KINDS.has(kind) ? -0.8 : 0;
			csat = String(Math.min(5, Math.max(1, Math.round(base + mood + (random.float() - 0.5) * 2))));
		}
		const iso = (at: DateTime) => at.startOf('second').toISO({ suppressMilliseconds: true }) as string;
		rows.push({
			id: '',
			created_at: iso(created),
			channel,
			language,
			customer_name: customer.name,
			customer_id: customer.id,
			subject: subjectTemplate ? fill(random, subjectTemplate, language, customer) : '',
			text,
			expected_intent: intent,
			needs_human: kind ? 'true' : 'false',
			expected_tier: tier,
			first_response_at: iso(firstResponse),
			resolved_at: iso(resolved),
			resolved_by: 'agent',
			csat,
		});
	}

	// The malformed rows keep realistic neighbours: a copy of a real row with one field broken.
	rows.splice(MALFORMED.badDateAt, 0, { ...rows[MALFORMED.badDateAt], created_at: 'not-a-date' });
	rows.splice(MALFORMED.emptyTextAt, 0, { ...rows[MALFORMED.emptyTextAt], text: '' });
	rows.forEach((row, index) => (row.id = `AUR-${100001 + index}`));
	const withConversations = addFollowUps(rows, tierOf, calendar);

	const columns = ['id', 'created_at', 'channel', 'language', 'customer_name', 'customer_id', 'subject', 'text', 'expected_intent', 'needs_human', 'expected_tier', 'first_response_at', 'resolved_at', 'resolved_by', 'csat', 'conversation_id'];
	writeFileSync(output, stringify(withConversations, { header: true, columns }));
	rows.splice(0, rows.length, ...withConversations);

	const count = (key: string) => rows.reduce<Record<string, number>>((acc, row) => ((acc[row[key] || '(empty)'] = (acc[row[key] || '(empty)'] ?? 0) + 1), acc), {});
	const offHours = rows.filter((row) => row.created_at !== 'not-a-date' && !calendar.isOpen(DateTime.fromISO(row.created_at, { zone: ZONE }))).length;
	console.log(`wrote ${rows.length} rows to ${output}`);
	console.log('languages', count('language'), 'channels', count('channel'), 'tiers', count('expected_tier'), 'needs_human', count('needs_human'));
	console.log('human cases', kinds);
	console.log(`off-hours ${((offHours / (rows.length - 1)) * 100).toFixed(1)} %`);
}

main();
