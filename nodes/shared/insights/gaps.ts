/**
 * Knowledge gaps: the tickets the AI did not resolve, grouped into topics per language, each with
 * a readable label, its volume and off-hours share, examples, the nearest existing knowledge entry
 * (so "almost covered" shows) and a draft entry. Deterministic: the same tickets in any order give
 * the same topics, labels and drafts.
 */
import type { SparseVector } from '../intent/features';
import { resolveLanguage, type TextLanguage } from '../text';
import { hashOf } from '../text/hash64';
import { centroidOf, clusterVectors } from './cluster';
import { draftEntry, type Answered } from './drafts';
import { NEAREST_SAMPLE, NearestEntries } from './nearest';
import type { GapAnalysis, GapKind, GapOptions, GapReason, GapTicket, GapTopic } from './types';
import { dot, fitVectorizer, MAX_TEXT, topicTerms, type TermList } from './vectors';

export const DEFAULT_GAP_OPTIONS = { minSize: 3, threshold: 0.25, merge: 0.4, examples: 5, draftQuestions: 8, almostCovered: 0.35 };
const LABEL_TERMS = 3;
/** Top stems of a topic checked against an entry's words before calling the topic almost covered. */
const EVIDENCE_TERMS = 5;
/** Share of a topic's central texts that must rank the same entry first before the topic counts as almost covered by it. */
const ALMOST_AGREEMENT = 0.75;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function checkOptions(options: GapOptions) {
	const settings: typeof DEFAULT_GAP_OPTIONS & GapOptions = { ...DEFAULT_GAP_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
	if (!Number.isInteger(settings.minSize) || settings.minSize < 2) throw new Error(`minSize must be a whole number of at least 2 (a topic is never one ticket), got ${options.minSize}`);
	if (!(settings.threshold > 0 && settings.threshold <= 1)) throw new Error(`threshold must be above 0 and at most 1, got ${options.threshold}`);
	if (!(settings.merge > 0 && settings.merge <= 1)) throw new Error(`merge must be above 0 and at most 1, got ${options.merge}`);
	for (const key of ['examples', 'draftQuestions'] as const) {
		if (!Number.isInteger(settings[key]) || settings[key] < 1) throw new Error(`${key} must be a whole number of at least 1, got ${options[key]}`);
	}
	return settings;
}

interface Member {
	ticket: GapTicket;
	text: string;
	terms: TermList;
	vector: SparseVector;
}

/** A term's readable word: the surface form most members used (alphabetical on a tie). */
function surfaceOf(stem: string, members: readonly Member[]): string {
	const counts = new Map<string, number>();
	for (const member of members) {
		const word = member.terms.surfaces.get(stem);
		if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
	}
	let best = stem;
	let bestCount = 0;
	for (const [word, count] of counts) if (count > bestCount || (count === bestCount && word < best)) [best, bestCount] = [word, count];
	return best;
}

/** The centre's heaviest word stems, heaviest first (alphabetical on a tie). */
function topStems(centre: SparseVector, names: readonly string[], count: number): string[] {
	const unigrams: Array<{ stem: string; weight: number }> = [];
	for (let k = 0; k < centre.indices.length; k++) {
		const name = names[centre.indices[k]];
		if (name.startsWith('w ')) unigrams.push({ stem: name.slice(2), weight: Math.round(centre.values[k] * 1e6) });
	}
	unigrams.sort((a, b) => b.weight - a.weight || compareText(a.stem, b.stem));
	return unigrams.slice(0, count).map(({ stem }) => stem);
}

const KINDS: readonly GapKind[] = ['knowledge', 'policy'];

/**
 * Per language, and within it knowledge misses apart from tickets a rule sends to a person: an
 * entry can only lift the first, so a topic is never half of each (its draft would be measured on
 * tickets no entry can answer).
 */
function groupTickets(tickets: readonly GapTicket[]): Map<TextLanguage, Record<GapKind, GapTicket[]>> {
	const groups = new Map<TextLanguage, Record<GapKind, GapTicket[]>>();
	for (const ticket of tickets) {
		if (typeof ticket?.text !== 'string' || !ticket.text.trim()) continue;
		const language = resolveLanguage(ticket.text.slice(0, MAX_TEXT), ticket.language);
		let group = groups.get(language);
		if (!group) groups.set(language, (group = { knowledge: [], policy: [] }));
		group[ticket.policy ? 'policy' : 'knowledge'].push(ticket);
	}
	return groups;
}

export function findKnowledgeGaps(tickets: readonly GapTicket[], options: GapOptions = {}): GapAnalysis {
	const settings = checkOptions(options);
	const groups = groupTickets(tickets);
	let total = 0;
	let knowledgeMisses = 0;
	for (const group of groups.values()) {
		total += group.knowledge.length + group.policy.length;
		knowledgeMisses += group.knowledge.length;
	}
	const topics: Array<Omit<GapTopic, 'id' | 'draft'> & { answers: Answered[]; questions: string[] }> = [];
	const byLanguage: Record<string, number> = {};
	const knowledge = new NearestEntries(settings.knowledge ?? []);

	for (const [language, kind, group] of [...groups.keys()].sort().flatMap((language) => KINDS.map((kind) => [language, kind, (groups.get(language) as Record<GapKind, GapTicket[]>)[kind]] as const))) {
		byLanguage[language] = (byLanguage[language] ?? 0) + group.length;
		if (group.length === 0) continue;
		const termLists = group.map((ticket) => topicTerms(ticket.text, language, ticket.customerName));
		const vectorizer = fitVectorizer(termLists.map((list) => list.terms));
		const names: string[] = [];
		for (const [term, index] of vectorizer.vocabulary) names[index] = term;
		const members: Member[] = group.map((ticket, i) => ({ ticket, text: ticket.text.slice(0, MAX_TEXT), terms: termLists[i], vector: vectorizer.transformTerms(termLists[i].terms) }));
		// Visiting order from the content alone, so the input's order cannot change the topics.
		const keys = members.map((member) => hashOf(member.terms.terms.join(' ')).a >>> 0);
		const order = members.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || compareText(members[a].text, members[b].text) || compareText(String(members[a].ticket.id), String(members[b].ticket.id)));
		const assignment = clusterVectors(members.map((member) => member.vector), order, { threshold: settings.threshold, merge: settings.merge });
		const clusters = new Map<number, Member[]>();
		for (const i of order) {
			if (assignment[i] < 0) continue;
			const list = clusters.get(assignment[i]) ?? [];
			list.push(members[i]);
			clusters.set(assignment[i], list);
		}

		for (const list of clusters.values()) {
			if (list.length < settings.minSize) continue;
			const centre = centroidOf(list.map((member) => member.vector));
			const ranked = list
				.map((member) => ({ member, similarity: Math.round(dot(member.vector, centre) * 1e6) }))
				.sort((a, b) => b.similarity - a.similarity || a.member.text.length - b.member.text.length || compareText(a.member.text, b.member.text) || compareText(String(a.member.ticket.id), String(b.member.ticket.id)));
			const distinct: string[] = [];
			const seen = new Set<string>();
			const wanted = Math.max(settings.examples, settings.draftQuestions, NEAREST_SAMPLE);
			for (const { member } of ranked) {
				if (distinct.length >= wanted) break;
				const key = member.text.replace(/\s+/g, ' ').trim().toLowerCase();
				if (seen.has(key)) continue;
				seen.add(key);
				distinct.push(member.text);
			}
			const stems = topStems(centre, names, EVIDENCE_TERMS);
			const terms = stems.slice(0, LABEL_TERMS).map((stem) => surfaceOf(stem, list));
			const reasons: Record<GapReason, number> = { not_found: 0, low_confidence: 0, person: 0 };
			let offKnown = 0;
			let off = 0;
			let policy = 0;
			for (const { ticket } of list) {
				reasons[ticket.reason ?? 'not_found']++;
				if (ticket.policy) policy++;
				if (ticket.offHours !== undefined) {
					offKnown++;
					if (ticket.offHours) off++;
				}
			}
			const nearest = knowledge.nearest(distinct, language);
			topics.push({
				language,
				kind,
				terms,
				label: terms.join(', '),
				representative: ranked[0].member.text,
				size: list.length,
				share: round(list.length / total),
				knowledgeShare: kind === 'knowledge' ? round(list.length / knowledgeMisses) : null,
				offHoursShare: offKnown ? round(off / offKnown) : null,
				reasons,
				policyShare: round(policy / list.length),
				examples: distinct.slice(0, settings.examples),
				questions: distinct.slice(0, settings.draftQuestions),
				ticketIds: list.map((member) => String(member.ticket.id)).sort(compareText),
				nearest,
				almostCovered: nearest !== null && nearest.similarity >= settings.almostCovered && nearest.agreement >= ALMOST_AGREEMENT && knowledge.sharesStem(nearest.id, stems, language),
				answers: ranked
					.filter(({ member }) => member.ticket.resolutionText?.trim())
					.map(({ member }) => ({ ticketId: String(member.ticket.id), text: (member.ticket.resolutionText as string).slice(0, MAX_TEXT) })),
			});
		}
	}

	topics.sort((a, b) => b.size - a.size || compareText(a.language, b.language) || compareText(a.label, b.label) || compareText(a.ticketIds[0], b.ticketIds[0]));
	const used = new Set<string>();
	const finished: GapTopic[] = topics.map(({ answers, questions, ...topic }) => {
		let id = `${topic.language}-${topic.terms.join('-') || 'topic'}`.replace(/[^a-z0-9-]+/g, '');
		for (let n = 2; used.has(id); n++) id = `${id.replace(/-\d+$/, '')}-${n}`;
		used.add(id);
		const draft = draftEntry({
			id: `draft-${id}`,
			language: topic.language as TextLanguage,
			label: topic.label,
			representative: topic.representative,
			questions,
			answers,
			extends: topic.almostCovered && topic.nearest ? knowledge.entry(topic.nearest.id) : undefined,
		});
		return { id, ...topic, draft };
	});
	return {
		unanswered: total,
		knowledgeMisses,
		byLanguage,
		clustered: finished.reduce((sum, topic) => sum + topic.size, 0),
		topics: finished,
		settings: { minSize: settings.minSize, threshold: settings.threshold, merge: settings.merge },
	};
}

function round(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}
