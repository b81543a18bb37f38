import { foldAccents, guessLanguage, normalizeText, normalizeWords, resolveLanguage, stemWord } from '../../nodes/shared/text';

describe('text normalisation', () => {
	it('folds accents, case and punctuation', () => {
		expect(foldAccents('¿Está ÁGUA à VENDA?')).toBe('¿esta agua a venda?');
		expect(normalizeText('¿Cuándo llega mi PEDIDO??? 😡')).toBe('cuando llega mi pedido');
		expect(normalizeText("I don't know, can't log-in")).toBe('i do not know can not log in');
	});

	it('collapses chat stretches but keeps real double letters', () => {
		expect(normalizeText('holaaaa siiii llamar', 'es')).toBe('hola si llamar');
		expect(normalizeText('good coffee', 'en')).toBe('good coffee');
	});

	it('expands WhatsApp abbreviations per language', () => {
		expect(normalizeText('xq no llega? tb pague', 'es')).toBe('porque no llega tambien pague');
		expect(normalizeText('vc pode me ajudar? obg', 'pt')).toBe('voce pode me ajudar obrigado');
		expect(normalizeText('pls can u help, thx', 'en')).toBe('please can you help thanks');
		// "n" means "en" in Spanish chat and "não" in Portuguese.
		expect(normalizeWords('n', 'es')).toEqual(['en']);
		expect(normalizeWords('n', 'pt')).toEqual(['nao']);
	});

	it('without a language only expands abbreviations all languages agree on', () => {
		expect(normalizeText('q hago xq no llega')).toBe('q hago porque no llega');
		// "pls" is "por favor" in Spanish chat and "please" in English: left alone.
		expect(normalizeText('pls help')).toBe('pls help');
	});

	it('handles Spanglish: Spanish chat words and English terms in one message', () => {
		expect(normalizeText('Necesito un refund xq el delivery llegó tarde pls', 'es')).toBe('necesito un refund porque el delivery llego tarde por favor');
	});

	it('stems es/pt/en words so inflections meet, with or without accents', () => {
		expect(stemWord('devoluciones', 'es')).toBe(stemWord('devolucion', 'es'));
		expect(stemWord('devoluciones', 'es')).toBe(stemWord(foldAccents('devolución'), 'es'));
		expect(stemWord(foldAccents('envíos'), 'es')).toBe(stemWord('envio', 'es'));
		expect(stemWord('devolucoes', 'pt')).toBe(stemWord('devolucao', 'pt'));
		expect(stemWord('refunds', 'en')).toBe(stemWord('refunded', 'en'));
		expect(stemWord('12345', 'en')).toBe('12345');
	});

	it('detects es/pt/en and prefers a valid hint', () => {
		expect(guessLanguage('hola quiero saber el estado de mi pedido')).toBe('es');
		expect(guessLanguage('oi, você pode me ajudar com a devolução?')).toBe('pt');
		expect(guessLanguage('how do I reset my password')).toBe('en');
		expect(resolveLanguage('how do I reset my password', 'es-MX')).toBe('es');
		expect(resolveLanguage('how do I reset my password', 'fr')).toBe('en');
	});
});
