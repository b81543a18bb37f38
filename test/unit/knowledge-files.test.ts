import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detect } from 'tinyld';
import type { KnowledgeEntry } from '../../nodes/shared/knowledge/types';

const root = path.resolve(__dirname, '../..');
const load = (name: string) => JSON.parse(readFileSync(path.join(root, 'workflows/knowledge', name), 'utf8')) as KnowledgeEntry[];
const LANGUAGES = ['en', 'es', 'pt'] as const;
const language = (text: string) => detect(text, { only: [...LANGUAGES] });

const files: Array<[string, KnowledgeEntry[], Record<string, 'L1' | 'L2'>]> = [
	[
		'store-kb.json',
		load('store-kb.json'),
		{
			hours_locations: 'L1',
			prices_availability: 'L1',
			delivery_options: 'L1',
			delivery_period: 'L1',
			check_payment_methods: 'L1',
			check_refund_policy: 'L1',
			warranty: 'L1',
			recover_password: 'L1',
			get_invoice: 'L1',
			payment_issue: 'L1',
			create_account: 'L1',
			track_order: 'L2',
			cancel_order: 'L2',
			change_order: 'L2',
			get_refund: 'L2',
			track_refund: 'L2',
			change_shipping_address: 'L2',
		},
	],
	[
		'clinic-kb.json',
		load('clinic-kb.json'),
		{
			clinic_hours_location: 'L1',
			treatments_prices: 'L1',
			insurance_payment: 'L1',
			book_appointment: 'L2',
			reschedule_appointment: 'L2',
			cancel_appointment: 'L2',
			post_treatment_care: 'L1',
			first_visit: 'L1',
		},
	],
];

describe.each(files)('knowledge base %s', (_name, entries, tiers) => {
	it('has exactly the planned entries, unique ids, with their tiers', () => {
		const ids = entries.map((entry) => entry.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(Object.fromEntries(entries.map((entry) => [entry.id, entry.tier]))).toEqual(tiers);
	});

	it('gives every entry a title, tags, at least 30 distinct questions and no template placeholders', () => {
		for (const entry of entries) {
			expect(entry.title.trim()).not.toBe('');
			expect(entry.tags?.length).toBeGreaterThan(0);
			expect(entry.questions.length).toBeGreaterThanOrEqual(30);
			const distinct = new Set(entry.questions.map((q) => q.trim().toLowerCase()));
			expect(distinct.size).toBe(entry.questions.length);
			for (const text of [...entry.questions, ...Object.values(entry.answer as Record<string, string>)]) {
				expect(text).not.toMatch(/\{\{|\}\}/);
			}
		}
	});

	it('never gives the same question to two entries (that would train a coin toss)', () => {
		const owner = new Map<string, string>();
		for (const entry of entries) {
			for (const question of entry.questions) {
				const key = question.trim().toLowerCase();
				expect([question, owner.get(key) ?? entry.id]).toEqual([question, entry.id]);
				owner.set(key, entry.id);
			}
		}
	});

	it('mixes English, Spanish and Portuguese questions in every entry', () => {
		for (const entry of entries) {
			const counts = { en: 0, es: 0, pt: 0 } as Record<string, number>;
			for (const question of entry.questions) counts[language(question)] = (counts[language(question)] ?? 0) + 1;
			// Short chat questions confuse any detector, so only a loose floor per language.
			for (const code of LANGUAGES) expect([entry.id, code, counts[code] >= 5]).toEqual([entry.id, code, true]);
		}
	});

	it('answers every entry in English, Spanish and Portuguese, briefly', () => {
		for (const entry of entries) {
			const answer = entry.answer as Record<string, string>;
			expect(Object.keys(answer).sort()).toEqual(['en', 'es', 'pt']);
			for (const code of LANGUAGES) {
				expect([entry.id, code, language(answer[code])]).toEqual([entry.id, code, code]);
				expect(answer[code].length).toBeLessThan(700);
			}
		}
	});

	it('never answers what must go to a person (humans, complaints, legal)', () => {
		for (const entry of entries) expect(entry.id).not.toMatch(/human|agent|complaint|legal|lawyer|customer_service/);
	});
});

it('keeps one store fact consistent across the three languages (free shipping over $999 MXN)', () => {
	const entry = load('store-kb.json').find((e) => e.id === 'delivery_options') as KnowledgeEntry;
	for (const code of LANGUAGES) expect((entry.answer as Record<string, string>)[code]).toContain('$999 MXN');
});
