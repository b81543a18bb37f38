import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { clearHumanModelMemory, getHumanModel, mergeWithLocal, triageText, type ModelTriage } from '../../nodes/shared/triage';
import { FLAG_NAMES } from '../../nodes/shared/triage/flags';
import { loadCorpus, parseCorpus } from '../../nodes/shared/triage/human';
import { evidenceValues, humanFeatures, humanFeaturesBuffer, TEXT_BUCKETS, writeHumanFeatures, type EvidenceInput } from '../../nodes/shared/triage/human/features';
import { resolveRoutingPolicy, routeTicket } from '../../nodes/shared/routing';
import type { Ticket } from '../../nodes/shared/ticket';
import { parse } from 'csv-parse/sync';

const score = (text: string, language?: string) => triageText(text, language).humanScore as number;

describe('the labelled corpus', () => {
	const { rows } = loadCorpus();

	it('has at least 4,000 rows in es, pt and en, across every flag and plain questions', () => {
		expect(rows.length).toBeGreaterThanOrEqual(4000);
		const languages = new Set(rows.map((row) => row.language));
		expect([...languages].sort()).toEqual(['en', 'es', 'pt']);
		const flags = new Set(rows.flatMap((row) => row.flags));
		for (const flag of FLAG_NAMES) expect(flags).toContain(flag);
		const kinds = new Set(rows.map((row) => row.kind));
		for (const kind of ['automatable', 'hard_negative', 'calm_serious', 'polite_exception', 'faq_with_person', 'sensitive_with_faq']) expect(kinds).toContain(kind);
		// Every dialect and register the issue names is represented in the templated rows.
		const templated = rows.filter((row) => row.kind !== 'handwritten');
		expect(new Set(templated.map((row) => row.dialect))).toEqual(new Set(['us', 'uk', 'mx', 'ar', 'co', 'es', 'br', 'pt']));
		expect(new Set(templated.map((row) => row.register))).toEqual(new Set(['chat', 'whatsapp', 'caps', 'email']));
	});

	it('trains on the hand-written development tickets of bench/dev2/ … dev13/, never on the held-out set, and never measures on them', () => {
		const handwritten = rows.filter((row) => row.kind === 'handwritten');
		expect(handwritten.length).toBeGreaterThan(8300);
		for (const row of handwritten) {
			expect(row.template).toMatch(/^hand:d([2-9]|1[0-3])-(store|clinic)-\d{4}$/);
			expect(row.split).toBe('train');
		}
		// Every development set is trained on whole, and nothing else hand-written is: each row is its set's own text.
		const sets = new Map<string, Set<string>>();
		for (const row of handwritten) {
			const set = `dev${/^hand:d(\d+)-/.exec(row.template ?? '')?.[1]}`;
			if (!sets.has(set)) {
				const texts = ['store', 'clinic'].flatMap((business) => (parse(fs.readFileSync(path.join(__dirname, '..', '..', 'bench', set, `${business}.csv`)), { columns: true }) as { text: string }[]).map((r) => r.text));
				sets.set(set, new Set(texts));
			}
			expect(sets.get(set)?.has(row.text)).toBe(true);
		}
		expect([...sets.keys()].sort()).toEqual(['dev10', 'dev11', 'dev12', 'dev13', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8', 'dev9']);
		// Both labels, and a flag for every needs-a-human one.
		expect(new Set(handwritten.map((row) => row.needs_human))).toEqual(new Set([true, false]));
		for (const row of handwritten) expect(row.flags.length > 0).toBe(row.needs_human);
	});

	it('labels agree: needs_human exactly when a flag is set, tiers follow the router', () => {
		for (const row of rows) {
			expect(row.needs_human).toBe(row.flags.length > 0);
			if (row.needs_human) expect(['L3', 'L4']).toContain(row.tier);
			else expect(['L1', 'L2']).toContain(row.tier);
		}
	});

	it('keeps the dev split apart by template, so dev phrasings are never trained on', () => {
		const trainTemplates = new Set(rows.filter((row) => row.split === 'train').map((row) => row.template));
		const dev = rows.filter((row) => row.split === 'dev');
		expect(dev.length).toBeGreaterThan(500);
		for (const row of dev) expect(trainTemplates.has(row.template)).toBe(false);
	});

	it('names the line of a bad row', () => {
		expect(() => parseCorpus('{"text":"hola","language":"es","needs_human":false,"flags":[],"tier":"L1","kind":"x","split":"train"}\n{"text":""}', 'c.jsonl')).toThrow('c.jsonl line 2: field "text" is missing or empty');
		expect(() => parseCorpus('not json', 'c.jsonl')).toThrow('c.jsonl line 1: not JSON');
		expect(() => parseCorpus('{"text":"a","language":"en","needs_human":true,"flags":[],"tier":"L9","kind":"x","split":"train"}', 'c.jsonl')).toThrow('field "tier"');
	});
});

describe('triage.humanScore', () => {
	it('is calibrated on the dev split (Brier and expected calibration error bounded)', () => {
		const { dev } = getHumanModel();
		expect(dev.count).toBeGreaterThan(500);
		expect(dev.brier).toBeLessThan(0.12);
		expect(dev.ece).toBeLessThan(0.06);
	});

	it('scores obvious needs-a-human tickets high and plain questions low, in every language', () => {
		for (const text of ['someone hacked my account and placed orders', 'mi papá falleció y quiero cerrar su cuenta', 'o carregador soltou fumaça e faísca', 'I want to talk to a real person now', 'me cobraron 12 veces y me dejaron la cuenta en ceros']) {
			expect(score(text)).toBeGreaterThan(0.8);
		}
		for (const text of ['what time do you open on saturday?', '¿cuánto cuesta el envío a Monterrey?', 'vocês aceitam pix?', 'how long does a cleaning take?']) {
			expect(score(text)).toBeLessThan(0.2);
		}
	});

	it('rises when a sensitive cue joins a plain question, and falls when the cue is negated or harmless', () => {
		const plain = score('how do I reset my password?');
		expect(score('how do I reset my password? someone got into my account')).toBeGreaterThan(plain + 0.3);
		expect(score('no me hackearon, solo olvidé mi contraseña')).toBeLessThan(score('me hackearon, olvidé mi contraseña'));
		expect(score('soy abogada y quiero una laptop')).toBeLessThan(0.5);
	});

	it('writes the same features into its shared buffers as it hands back, the evidence after the words', () => {
		const evidence: EvidenceInput = {
			signals: { flags: { ...Object.fromEntries(FLAG_NAMES.map((f) => [f, false])), legal: true } as EvidenceInput['signals']['flags'], cancelledFlags: new Set(['privacy']), urgencyHigh: true, sentiment: -0.4, shouting: false, sarcastic: true, daysSince: 3 },
			lexiconIntent: 0.7,
			knowledgeScore: 0.25,
		};
		const copied = humanFeatures('mi abogado dice que el pedido llegó roto', 'es', evidence);
		const count = writeHumanFeatures('mi abogado dice que el pedido llegó roto', 'es', evidence);
		const shared = humanFeaturesBuffer();
		expect(count).toBe(copied.indices.length);
		expect(Array.from(shared.indices.subarray(0, count))).toEqual(Array.from(copied.indices));
		expect(Array.from(shared.values.subarray(0, count))).toEqual(Array.from(copied.values));
		const dense = evidenceValues(evidence).flatMap((value, k) => (value === 0 ? [] : [[TEXT_BUCKETS + k, Math.fround(value)]]));
		const tail = Array.from(copied.indices).flatMap((index, k) => (index >= TEXT_BUCKETS ? [[index, copied.values[k]]] : []));
		expect(tail).toEqual(dense);
	});

	it('explains itself in the evidence', () => {
		const evidence = triageText('I think my account was hacked last night', 'en').evidence ?? [];
		expect(evidence.find((line) => line.startsWith('humanScore: '))).toMatch(/^humanScore: [01](\.\d+)? \(words [+-]\d+\.\d\d; evidence [+-]\d+\.\d\d \(accountSecurity\)\)$/);
	});

	it('trains deterministically and round-trips through the disk cache (small on disk)', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'human-model-'));
		try {
			clearHumanModelMemory();
			const first = getHumanModel({ cacheDir: dir });
			const written = fs.readdirSync(dir);
			expect(written.some((name) => name.startsWith('human-') && name.endsWith('.bin'))).toBe(true);
			const bytes = written.reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
			expect(bytes).toBeLessThan(20 * 1024 * 1024);
			clearHumanModelMemory();
			const loaded = getHumanModel({ cacheDir: dir });
			expect(loaded.model.hash).toBe(first.model.hash);
			expect(Buffer.from(loaded.model.weights.buffer).equals(Buffer.from(first.model.weights.buffer))).toBe(true);
			expect(loaded.model.calibration).toEqual(first.model.calibration);
			// The shared default cache holds the same training (same seed, same data).
			clearHumanModelMemory();
			const shared = getHumanModel();
			expect(shared.model.hash).toBe(first.model.hash);
			expect(Buffer.from(shared.model.weights.buffer).equals(Buffer.from(first.model.weights.buffer))).toBe(true);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('the router threshold moves decisions', () => {
	const ticket = (text: string): Ticket => {
		const t: Ticket = { ticketId: 'T-9', channel: 'webchat', message: { text, receivedAt: '2026-03-05T11:00:00-06:00' }, hours: { open: true } };
		t.triage = triageText(text, 'en');
		t.knowledge = { answered: true, answer: '…', score: 0.9, sources: [{ id: 'kb', title: 'kb' }] };
		return t;
	};

	it('a borderline ticket flips between L1 and L3 as the threshold crosses its score', () => {
		const t = ticket('I think there may be something odd going on with my account, could you check it?');
		const s = t.triage?.humanScore as number;
		expect(s).toBeGreaterThan(0.02);
		expect(s).toBeLessThan(0.98);
		expect(routeTicket(t, resolveRoutingPolicy({ humanThreshold: Math.max(0, s - 0.01) })).tier).toBe('L3');
		expect(routeTicket(t, resolveRoutingPolicy({ humanThreshold: Math.min(1, s + 0.01) })).tier).toBe('L1');
		expect(routeTicket(t, resolveRoutingPolicy({ humanThreshold: 0, rules: { humanScore: false } })).tier).toBe('L1');
	});
});

describe('the OpenAI provider path keeps the local judgment', () => {
	it('OR-s the embedded sensitive flags into the model flags and carries humanScore', () => {
		const local = triageText('someone hacked my account, and what are your hours?', 'en');
		expect(local.flags.accountSecurity).toBe(true);
		const modelSaid: ModelTriage = {
			intent: 'hours',
			confidence: 0.9,
			urgency: 'normal',
			sentiment: 0,
			language: 'en',
			flags: { legal: false, angry: false, humanRequested: false, outOfPolicy: false, b2bSales: false, emergency: false, injection: false },
			reasons: ['asks for hours'],
		};
		const merged = mergeWithLocal(modelSaid, local, {}, 'gpt-test');
		expect(merged.flags.accountSecurity).toBe(true);
		expect(merged.automation).toBe('human');
		expect(merged.humanScore).toBe(local.humanScore);
		expect(merged.evidence?.some((line) => line.startsWith('embedded humanScore: '))).toBe(true);
		expect(merged.evidence?.some((line) => line.startsWith('embedded accountSecurity: '))).toBe(true);
	});
});
