import type { Language } from './phrasings/types';
import type { Random } from './random';

/** WhatsApp-style shortcuts people really type, by language (applied word by word, with a probability). */
const SHORTCUTS: Record<Language, Array<[RegExp, string[]]>> = {
	es: [
		[/\bque\b/g, ['q', 'k']],
		[/\bporque\b/g, ['xq', 'pq']],
		[/\bpor qué\b/g, ['xq', 'pq']],
		[/\bpor favor\b/g, ['porfa', 'x fa', 'pf']],
		[/\btambién\b/g, ['tb', 'tmb']],
		[/\bgracias\b/g, ['grax', 'gracias!!']],
		[/\bpara\b/g, ['pa', 'p/']],
		[/\bestá\b/g, ['ta']],
		[/\bmensaje\b/g, ['msj']],
		[/\bxfavor\b/g, ['xfa']],
	],
	pt: [
		[/\bvocês\b/g, ['vcs', 'vc']],
		[/\bvocê\b/g, ['vc']],
		[/\bporque\b/g, ['pq']],
		[/\bpor que\b/g, ['pq']],
		[/\btambém\b/g, ['tb', 'tbm']],
		[/\bpara\b/g, ['pra', 'p']],
		[/\bpor favor\b/g, ['pf', 'pfv']],
		[/\bestá\b/g, ['tá', 'ta']],
		[/\bquando\b/g, ['qnd', 'qdo']],
		[/\bobrigad[oa]\b/g, ['obg', 'vlw']],
		[/\bhoje\b/g, ['hj']],
	],
	en: [
		[/\byou\b/g, ['u']],
		[/\bplease\b/g, ['pls', 'plz']],
		[/\bthanks\b/g, ['thx', 'ty']],
		[/\bare\b/g, ['r']],
		[/\bbecause\b/g, ['bc', 'cuz']],
		[/\btomorrow\b/g, ['tmrw']],
	],
};

const stripAccents = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');

/** Swaps two neighbouring letters in one longer word: the commonest real typo. */
function typo(random: Random, text: string): string {
	const words = text.split(' ');
	const candidates = words.map((w, i) => (/^[a-záéíóúãõçñ]{5,}$/i.test(w) ? i : -1)).filter((i) => i >= 0);
	if (!candidates.length) return text;
	const index = random.pick(candidates);
	const word = words[index];
	const at = random.int(1, word.length - 3);
	words[index] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
	return words.join(' ');
}

/** Makes a chat message look typed on a phone: lower case, shortcuts, missing accents, a typo. */
export function roughen(random: Random, text: string, language: Language): string {
	let out = text;
	if (random.chance(0.6)) out = out.toLowerCase();
	for (const [pattern, replacements] of SHORTCUTS[language]) {
		if (random.chance(0.55)) out = out.replace(pattern, () => random.pick(replacements));
	}
	if (language !== 'en' && random.chance(0.5)) out = stripAccents(out).replace(/[¿¡]/g, '');
	if (random.chance(0.2)) out = typo(random, out);
	if (random.chance(0.3)) out = out.replace(/[.?]$/, '');
	return out;
}
