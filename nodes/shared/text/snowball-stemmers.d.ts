// snowball-stemmers ships no type declarations; this is the part of its API we use.
declare module 'snowball-stemmers' {
	export function newStemmer(algorithm: string): { stem(word: string): string };
	export function algorithms(): string[];
}

// stopword ships no type declarations either; we read its es/pt/en lists.
declare module 'stopword' {
	export const eng: string[];
	export const spa: string[];
	export const por: string[];
}
