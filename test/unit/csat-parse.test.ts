import { csatQuestion, parseCsat } from '../../nodes/shared/csat';

describe('parseCsat', () => {
	const cases: Array<[string, unknown, number | null]> = [
		// numbers
		['digit', '4', 4],
		['digit with words', '5 excelente', 5],
		['of five', '4/5', 4],
		['es "de"', '3 de 5', 3],
		['en "out of"', '2 out of 5', 2],
		['ten-point', '8/10', 4],
		['keycap', '4️⃣', 4],
		['list reply id', 'csat_2', 2],
		['a number', 3, 3],
		['out of range', '7', null],
		['zero', '0', null],
		['two scores', '1 o 5', null],
		// stars and emoji
		['stars', '⭐⭐⭐⭐', 4],
		['more than five stars', '⭐⭐⭐⭐⭐⭐', 5],
		['black stars', '★★', 2],
		['angry', '😡', 1],
		['thumbs up', '👍', 4],
		['thumbs up, skin tone', '👍🏽', 4],
		['hearts', '😍❤️', 5],
		['neutral', '😐', 3],
		// es
		['excelente', 'Excelente!!', 5],
		['muy bueno', 'muy bueno', 5],
		['bueno', 'bueno', 4],
		['regular', 'regular', 3],
		['malo', 'malo', 2],
		['muy malo', 'Muy malo', 1],
		['pésimo', 'pésimo servicio', 1],
		['no bueno', 'no fue bueno', 2],
		['más o menos', 'mas o menos', 3],
		// pt
		['ótimo', 'ótimo', 5],
		['muito bom', 'muito bom 👍', 5],
		['bom', 'bom', 4],
		['ruim', 'ruim', 2],
		['péssimo', 'PÉSSIMO', 1],
		['muito ruim', 'muito ruim', 1],
		['não gostei', 'não gostei', 2],
		// en
		['great', 'great', 5],
		['very good', 'Very good, thanks', 5],
		['good', 'good', 4],
		['ok', 'ok', 3],
		['not bad', 'not bad', 3],
		['bad', 'bad', 2],
		['terrible', 'terrible', 1],
		['not good', 'not good', 2],
		// no score
		['contradiction', 'great product, terrible delivery', null],
		['unrelated text', 'where is my order?', null],
		['empty', '', null],
		['not a text', { score: 4 }, null],
	];
	it.each(cases)('%s: %p → %p', (_name, answer, expected) => {
		expect(parseCsat(answer)).toBe(expected);
	});

	it('reads only the start of a very long answer', () => {
		expect(parseCsat(`5 ${'x'.repeat(100_000)} 1`)).toBe(5);
	});
});

describe('csatQuestion', () => {
	it('asks in the customer\'s language with five one-tap choices that parseCsat reads back', () => {
		for (const language of ['es', 'pt', 'en']) {
			const question = csatQuestion('whatsapp', { language, name: 'Ana', ticketId: 'T1' });
			expect(question.language).toBe(language);
			expect(question.text).toContain('Ana');
			expect(question.choices.map((choice) => choice.score)).toEqual([1, 2, 3, 4, 5]);
			for (const choice of question.choices) {
				expect(parseCsat(choice.id)).toBe(choice.score);
				expect(parseCsat(choice.title)).toBe(choice.score);
				expect(choice.title.length).toBeLessThanOrEqual(24); // a WhatsApp list row title
			}
			expect(question.list?.buttonText.length).toBeLessThanOrEqual(20);
			expect(question.numberedText.split('\n').slice(-5).map((line) => parseCsat(line))).toEqual([1, 2, 3, 4, 5]);
		}
		expect(csatQuestion('webchat', { language: 'es' }).choices[4].title).toBe('5 · Excelente');
		expect(csatQuestion('webchat', { language: 'pt' }).choices[0].title).toBe('1 · Péssimo');
	});

	it('leaves out a missing name cleanly and falls back to English', () => {
		const question = csatQuestion('webchat', { language: 'fr', ticketId: 'T1' });
		expect(question.language).toBe('en');
		expect(question.text).not.toMatch(/\{\{|\s[,!:]/);
		expect(question.thanks).toBe('Thanks for your rating!');
	});

	it('builds one email link per score from the template, and needs {{score}} in it', () => {
		const question = csatQuestion('email', { language: 'es', ticketId: 'AUR 1', linkTemplate: 'https://shop.example/csat?t={{ticketId}}&s={{score}}' });
		expect(question.email?.links.map((link) => link.url)).toEqual([1, 2, 3, 4, 5].map((n) => `https://shop.example/csat?t=AUR%201&s=${n}`));
		expect(question.email?.subject).toBe('¿Cómo lo hicimos? AUR 1');
		expect(() => csatQuestion('email', { linkTemplate: 'https://shop.example/csat' })).toThrow(/\{\{score\}\}/);
		expect(() => csatQuestion('email', {})).toThrow(/linkTemplate/);
	});

	it('varies the question by ticket, the same way every time', () => {
		const texts = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => csatQuestion('text', { language: 'es', ticketId: id }).text));
		expect(texts.size).toBeGreaterThan(1);
		expect(csatQuestion('text', { language: 'es', ticketId: 'x' }).text).toBe(csatQuestion('text', { language: 'es', ticketId: 'x' }).text);
	});
});
