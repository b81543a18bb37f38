/**
 * Features of the needs-a-human model: the intent model's terms (stemmed words, word bigrams and
 * character 2–5-grams over the normalised text, see intent/features.ts) hashed into a fixed number of
 * buckets, plus the lexicon's evidence (each flag raised or cancelled, urgency, sentiment, shouting)
 * and the knowledge score. Hashing keeps the model a fixed size whatever the corpus holds, and the
 * terms are hashed as they are read, so a ticket builds no term strings.
 */
import type { TextLanguage } from '../../text';
import { readText } from '../../text/reading';
import { AscendingSet } from '../../text/ascending-set';
import { startHash, stepA } from '../../text/hash64';
import { FLAG_NAMES } from '../flags';
import type { TriageFlags } from '../../ticket';
import type { Signals } from '../signals';

/** 2^18 text buckets: ~1 MB of float32 weights, few collisions for a corpus of thousands of messages. */
export const TEXT_BITS = 18;
export const TEXT_BUCKETS = 1 << TEXT_BITS;
/** The text part reads at most this many characters (long emails put the request first). */
export const MAX_TEXT_CHARS = 600;
const CHAR_MIN = 2;
const CHAR_MAX = 5;
const WORD_SALT = 0x77;
/** stepA's FNV-1a prime, inlined in the character loop (the hot loop of featurising). */
const FNV_PRIME = 16777619;
const BIGRAM_SALT = 0x62;

/** Names of the dense evidence features, in order, after the text buckets. */
export const EVIDENCE_FEATURES: readonly string[] = [
	...FLAG_NAMES.map((flag) => `flag:${flag}`),
	...FLAG_NAMES.map((flag) => `cancelled:${flag}`),
	'urgency:high',
	// Calm ("no es urgente") and politeness ("gracias") are not evidence either way: the corpus's calm
	// serious cases taught them to mean a person's case, while real customers say them on plain questions too.
	'sentiment:negative',
	'shouting',
	'sarcastic',
	'lexiconIntent',
	'knowledge:present',
	'knowledge:score',
	'daysSince:known',
];
export const FEATURE_COUNT = TEXT_BUCKETS + EVIDENCE_FEATURES.length;

export interface HumanFeatures {
	indices: Int32Array;
	values: Float32Array;
}

export interface EvidenceInput {
	signals: Pick<Signals, 'cancelledFlags' | 'urgencyHigh' | 'sentiment' | 'shouting' | 'sarcastic' | 'daysSince'> & { flags: TriageFlags };
	/** Confidence of the lexicon's best intent, 0–1 (a recognisable FAQ question). */
	lexiconIntent: number;
	/** The knowledge base intent model's score, 0–1, when the ticket was triaged against one. */
	knowledgeScore?: number;
}

/** Per-bucket counts, reused across messages and zeroed after each (featurising is synchronous). */
let scratch: Int32Array | undefined;
/** The touched buckets, handed back ascending (reused like `scratch`). */
let touchedSet: AscendingSet | undefined;

export function toTextLanguage(language: string): TextLanguage {
	return language === 'es' || language === 'pt' ? language : 'en';
}

/** Hashed term counts (sublinear, L2-normalised) followed by the evidence values. */
export function humanFeatures(text: string, language: string, evidence: EvidenceInput): HumanFeatures {
	const n = writeHumanFeatures(text, language, evidence);
	const { indices, values } = out as HumanFeatures;
	return { indices: indices.slice(0, n), values: values.slice(0, n) };
}

/** Output buffers of writeHumanFeatures, grown as needed and reused. */
let out: HumanFeatures | undefined;

/**
 * The features of humanFeatures written into shared buffers (see humanFeaturesBuffer), returning how
 * many: scoring a ticket reads them once, and two typed arrays per message were a sixth of featurising.
 */
export function writeHumanFeatures(text: string, language: string, evidence: EvidenceInput): number {
	const { stems, joined } = readText(text.slice(0, MAX_TEXT_CHARS), toTextLanguage(language));
	const counts = (scratch ??= new Int32Array(TEXT_BUCKETS));
	// Buckets are counted inline, not through a closure: a closure over `counts` and `touched` moved
	// them into a heap context that every n-gram of the loop below then read through.
	const touched = (touchedSet ??= new AscendingSet(TEXT_BUCKETS));
	const mask = TEXT_BUCKETS - 1;
	const seed = startHash().a;
	const wordSeed = stepA(seed, WORD_SALT);
	const bigramSeed = stepA(seed, BIGRAM_SALT);
	for (let i = 0; i < stems.length; i++) {
		let bucket = feed(wordSeed, stems[i]) & mask;
		if (counts[bucket]++ === 0) touched.add(bucket);
		if (i > 0) {
			bucket = feed(stepA(feed(bigramSeed, stems[i - 1]), 32), stems[i]) & mask;
			if (counts[bucket]++ === 0) touched.add(bucket);
		}
	}
	// The n-grams starting at i share their prefix hashes: each character is hashed CHAR_MAX times at most.
	const length = joined.length;
	for (let i = 0; i < length; i++) {
		let h = seed;
		const end = Math.min(length, i + CHAR_MAX);
		for (let j = i; j < end; j++) {
			h = Math.imul(h ^ joined.charCodeAt(j), FNV_PRIME);
			if (j - i + 1 >= CHAR_MIN) {
				const bucket = h & mask;
				if (counts[bucket]++ === 0) touched.add(bucket);
			}
		}
	}
	const touchedCount = touched.size;
	const needed = touchedCount + EVIDENCE_FEATURES.length;
	if (!out || out.indices.length < needed) {
		const capacity = Math.max(needed, 2 * (out?.indices.length ?? 512));
		out = { indices: new Int32Array(capacity), values: new Float32Array(capacity) };
	}
	const { indices, values } = out;
	// Ascending distinct buckets, as a sort would give them.
	touched.drainInto(indices);
	let norm = 0;
	for (let k = 0; k < touchedCount; k++) {
		const value = 1 + Math.log(counts[indices[k]]);
		counts[indices[k]] = 0;
		values[k] = value;
		norm += value * value;
	}
	const scale = norm > 0 ? 1 / Math.sqrt(norm) : 1;
	for (let k = 0; k < touchedCount; k++) values[k] *= scale;
	return writeEvidence(evidence, indices, values, touchedCount);
}

/** The buffers the last writeHumanFeatures filled (valid until the next call). */
export function humanFeaturesBuffer(): HumanFeatures {
	return out as HumanFeatures;
}

/** The non-zero evidence values (in evidenceValues order) from `start` on; returns the new end. */
function writeEvidence({ signals, lexiconIntent, knowledgeScore }: EvidenceInput, indices: Int32Array, values: Float32Array, start: number): number {
	const flags = signals.flags as unknown as Record<string, boolean | undefined>;
	const flagCount = FLAG_NAMES.length;
	let n = start;
	for (let f = 0; f < flagCount; f++) n = put(indices, values, n, f, flags[FLAG_NAMES[f]] ? 1 : 0);
	for (let f = 0; f < flagCount; f++) n = put(indices, values, n, flagCount + f, signals.cancelledFlags.has(FLAG_NAMES[f]) ? 1 : 0);
	let k = 2 * flagCount;
	n = put(indices, values, n, k++, signals.urgencyHigh ? 1 : 0);
	n = put(indices, values, n, k++, Math.max(0, -signals.sentiment));
	n = put(indices, values, n, k++, signals.shouting ? 1 : 0);
	n = put(indices, values, n, k++, signals.sarcastic ? 1 : 0);
	n = put(indices, values, n, k++, lexiconIntent);
	n = put(indices, values, n, k++, knowledgeScore === undefined ? 0 : 1);
	n = put(indices, values, n, k++, knowledgeScore ?? 0);
	n = put(indices, values, n, k, signals.daysSince === undefined ? 0 : 1);
	return n;
}

function put(indices: Int32Array, values: Float32Array, n: number, k: number, value: number): number {
	if (value === 0) return n;
	indices[n] = TEXT_BUCKETS + k;
	values[n] = value;
	return n + 1;
}

export function evidenceValues({ signals, lexiconIntent, knowledgeScore }: EvidenceInput): number[] {
	const flags = signals.flags as unknown as Record<string, boolean | undefined>;
	return [
		...FLAG_NAMES.map((flag) => (flags[flag] ? 1 : 0)),
		...FLAG_NAMES.map((flag) => (signals.cancelledFlags.has(flag) ? 1 : 0)),
		signals.urgencyHigh ? 1 : 0,
		Math.max(0, -signals.sentiment),
		signals.shouting ? 1 : 0,
		signals.sarcastic ? 1 : 0,
		lexiconIntent,
		knowledgeScore === undefined ? 0 : 1,
		knowledgeScore ?? 0,
		signals.daysSince === undefined ? 0 : 1,
	];
}

function feed(hash: number, text: string): number {
	let h = hash;
	for (let i = 0; i < text.length; i++) h = stepA(h, text.charCodeAt(i));
	return h;
}
