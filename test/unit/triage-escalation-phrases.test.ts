import { triageTicket } from '../../nodes/shared/triage';

const flagsOf = (text: string) => {
	const { flags } = triageTicket({ message: { text }, customer: {} });
	return Object.entries(flags).filter(([, on]) => on).map(([flag]) => flag);
};

// Phrasings found missing when auditing replays (support-sim --errors); each family in es, pt and en.
describe('triage catches the common ways customers ask for more than the AI may give', () => {
	it.each([
		['Exijo que me devuelvan el doble de mi dinero por las molestias', 'outOfPolicy'],
		['quero reembolso em dobro pelo atraso', 'outOfPolicy'],
		['I want double my money back for all this trouble', 'outOfPolicy'],
		['can you waive the shipping fee for my return?', 'outOfPolicy'],
		['me pueden perdonar el costo del envío?', 'outOfPolicy'],
	])('%s → %s', (text, flag) => {
		expect(flagsOf(text)).toContain(flag);
	});
});

describe('triage treats product hazards as emergencies without the word "emergency"', () => {
	it.each([
		['mi hija se tragó una pieza del juguete', 'emergency'],
		['o carregador pegou fogo na tomada', 'emergency'],
		['the power bank is swelling and very hot', 'emergency'],
		['sale humo del cargador que compré', 'emergency'],
	])('%s → %s', (text, flag) => {
		expect(flagsOf(text)).toContain(flag);
	});
});

describe('triage hears frustration with the bot and anger in many words', () => {
	it.each([
		['el bot no me entiende, me pasas con un asesor?', 'humanRequested'],
		['o robô não entende nada', 'humanRequested'],
		['this bot does not understand, same answer again', 'humanRequested'],
		['estoy harto, nadie me contesta desde ayer', 'angry'],
		['cansei de vocês, ninguém responde', 'angry'],
		['I am fed up, nobody replies to my emails', 'angry'],
	])('%s → %s', (text, flag) => {
		expect(flagsOf(text)).toContain(flag);
	});

	it.each(['¿el envío es gratis?', 'what is your warranty?', 'is the battery included?'])('leaves a plain question alone: %s', (text) => {
		expect(flagsOf(text)).toEqual([]);
	});
});
