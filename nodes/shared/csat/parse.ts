/**
 * Reads a customer's answer to the 1–5 satisfaction question, in es, pt or en: a number ("4",
 * "4/5", "4 de 5", "8/10", "4️⃣", a list reply id "csat_4"), stars ("⭐⭐⭐⭐"), emoji ("😡", "👍"),
 * or words ("excelente", "péssimo", "muy malo", "not good"). Returns null when there is no score
 * or the signals disagree ("great product, terrible delivery").
 */
import { foldedWords } from '../text';

/** Answers are capped where they enter: a rating is a few words. */
const MAX_ANSWER = 300;

const WORDS: Record<string, number> = {};
const PHRASES: Array<[string[], number]> = [];
function define(score: number, list: string): void {
	for (const entry of list.split(',')) {
		const words = entry.trim().split(' ');
		if (words.length === 1) WORDS[words[0]] = score;
		else PHRASES.push([words, score]);
	}
}
define(5, 'excelente,excellent,excelent,exelente,perfecto,perfeito,perfect,excepcional,exceptional,outstanding,amazing,awesome,fantastic,fantastico,maravilloso,maravilhoso,increible,incrivel,otimo,otima,espectacular,genial,great,superb,wonderful,loved,love,adorei,encanto,encantou,top');
define(5, 'muy bueno,muy buena,muy bien,muito bom,muito boa,muito bem,very good,really good,super bien,super bom,lo mejor,o melhor,the best,5 estrellas,5 estrelas,5 stars');
define(4, 'bueno,buena,bien,bom,boa,good,nice,satisfecho,satisfeito,satisfied,contento,contente,happy,agradecido,agradecida');
define(3, 'regular,normal,ok,okay,okey,meh,aceptable,aceitavel,acceptable,average,fine,razonable,neutral');
define(3, 'mas o menos,mais ou menos,so so,not bad,nada mal,no esta mal,nao foi mal');
define(2, 'malo,mala,mal,mau,ruim,bad,poor,insatisfecho,insatisfeito,unsatisfied,dissatisfied,decepcionado,decepcionante,disappointed,disappointing,lento,lenta,slow,demorado');
define(2, 'no bueno,no fue bueno,nao foi bom,not good,not great,no me gusto,nao gostei,didnt like');
define(1, 'pesimo,pesima,pessimo,pessima,horrible,horrivel,terrible,terrivel,awful,fatal,worst,espantoso,nefasto,lamentable,lamentavel,asco,basura,lixo,useless,inutil');
define(1, 'muy malo,muy mala,muy mal,muito ruim,muito mal,very bad,really bad,lo peor,o pior,the worst,una basura,um lixo');

const INTENSIFIERS = new Set(['muy', 'muito', 'very', 'really', 'super', 'bem', 'bastante', 'so', 'tan', 'tao']);
const NEGATIONS = new Set(['no', 'not', 'nao', 'nunca', 'never', 'nada', 'nem', 'ni']);

// Emoji by the score they usually mean; skin tones and variation selectors are ignored.
const EMOJI: Array<[number, string]> = [
	[1, '😡🤬😠👿💩🤮😤😭'],
	[2, '😞😢😟☹🙁😩😫😒👎💔'],
	[3, '😐😑😕🤷😶'],
	[4, '🙂👍👌😊☺✅'],
	[5, '😀😃😄😁😍🤩🥰❤💯👏🙌🎉💖💙💚🥳😻'],
];
const EMOJI_SCORE = new Map<number, number>();
for (const [score, list] of EMOJI) for (const symbol of list) EMOJI_SCORE.set(symbol.codePointAt(0) as number, score);
const STARS = new Set([0x2b50, 0x2605, 0x1f31f]); // ⭐ ★ 🌟 (☆ is an empty star and does not count)

/** Numbers as their own words: "4", "4/5", "4 de 5", "8 out of 10". */
function numberScores(words: readonly string[]): number[] {
	const scores: number[] = [];
	for (let i = 0; i < words.length; i++) {
		if (!/^\d{1,3}$/.test(words[i])) continue;
		const value = Number(words[i]);
		// "4 de 5", "4 of 5", "4 out of 10", and "4/5" (the slash is a separator by then)
		let j = i + 1;
		if (words[j] === 'out' && words[j + 1] === 'of') j += 2;
		else if (words[j] === 'de' || words[j] === 'of' || words[j] === 'em' || words[j] === 'sobre') j += 1;
		const scale = /^\d{1,3}$/.test(words[j] ?? '') ? Number(words[j]) : undefined;
		if (scale === 5 || scale === 10) {
			if (value >= 0 && value <= scale) scores.push(Math.max(1, Math.round((value / scale) * 5)));
			i = j;
		} else if (value >= 1 && value <= 5) scores.push(value);
	}
	return scores;
}

function wordScores(words: readonly string[]): number[] {
	const scores: number[] = [];
	for (let i = 0; i < words.length; i++) {
		const phrase = PHRASES.find(([parts]) => parts.every((part, k) => words[i + k] === part));
		let score: number | undefined;
		let length = 1;
		if (phrase) {
			score = phrase[1];
			length = phrase[0].length;
		} else if (!/^\d+$/.test(words[i])) score = WORDS[words[i]];
		if (score === undefined) continue;
		const before = words[i - 1];
		if (!phrase && before && INTENSIFIERS.has(before)) score = score >= 4 ? 5 : score <= 2 ? 1 : score;
		if (!phrase && before && NEGATIONS.has(before)) score = score >= 4 ? 2 : score <= 2 ? 3 : score;
		scores.push(score);
		i += length - 1;
	}
	return scores;
}

function symbolScores(text: string): number[] {
	const scores: number[] = [];
	let stars = 0;
	for (const symbol of text) {
		const code = symbol.codePointAt(0) as number;
		if (STARS.has(code)) stars++;
		else if (EMOJI_SCORE.has(code)) scores.push(EMOJI_SCORE.get(code) as number);
	}
	if (stars > 0) scores.unshift(Math.min(5, stars));
	return scores;
}

/** One consistent score, or null when there is none or the signals are two or more points apart. */
function agree(scores: readonly number[]): number | null {
	if (scores.length === 0) return null;
	const low = Math.min(...scores);
	const high = Math.max(...scores);
	if (high - low >= 2) return null;
	return Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
}

export function parseCsat(answer: unknown): number | null {
	if (typeof answer === 'number') return Number.isInteger(answer) && answer >= 1 && answer <= 5 ? answer : null;
	if (typeof answer !== 'string') return null;
	// Keycap digits ("4️⃣") lose their keycap and become plain digits.
	const text = answer.slice(0, MAX_ANSWER).replace(/[\uFE0F\u20E3]/g, '').replace(/\p{Emoji_Modifier}/gu, '');
	const words = foldedWords(text).flatMap((word) => word.split(/(?<=\d)(?=\D)|(?<=\D)(?=\d)/));
	// A number or stars is the customer's own score: words beside it ("5 excelente") only confirm it.
	const explicit = [...numberScores(words), ...symbolScores(text).slice(0, /[\u2B50\u2605\u{1F31F}]/u.test(text) ? 1 : 0)];
	if (explicit.length) return agree(explicit);
	return agree([...wordScores(words), ...symbolScores(text)]);
}
