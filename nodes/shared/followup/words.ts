/**
 * The morning follow-up, the guide's "seguimiento proactivo": next morning a person checks that last
 * night's question was solved. Several variants per language, so customers do not all get the same
 * sentence; {{when}} is "anoche" / "el sábado", {{topic}} the customer's own words, shortened.
 */
export interface FollowUpWords {
	/** To the customer: last night's question was not settled by the AI. */
	customer: string[];
	/** Drafted for the person in the morning queue (an escalated case), to send or adapt. */
	queue: string[];
	lastNight: string;
	/** "el sábado", Monday first: the night was longer (a weekend, a holiday). */
	onWeekday: string[];
	/** The queue summary's first line. */
	summary: string;
	/** Who signs a queue draft when no name is set. */
	agentFallback: string;
}

export const FOLLOW_UP_WORDS: Record<'es' | 'pt' | 'en', FollowUpWords> = {
	es: {
		customer: [
			'Buenos días {{name}}. {{When}} nos escribiste sobre «{{topic}}» y queremos asegurarnos de que quedó resuelto. ¿Pudimos ayudarte? Si aún necesitas algo, responde aquí y una persona del equipo te atiende ahora.',
			'¡Hola {{name}}! Te escribimos de {{business}} para dar seguimiento a lo que nos contaste {{when}} («{{topic}}»). ¿Quedó todo resuelto o te ayudamos con algo más?',
			'Buen día {{name}}. Vimos la consulta que nos dejaste {{when}} sobre «{{topic}}». Ya estamos en la oficina: ¿seguimos con ella? Responde este mensaje y lo vemos contigo.',
		],
		queue: [
			'Buenos días {{name}}, soy {{agent}} de {{business}}. {{When}} nos escribiste sobre «{{topic}}» y quiero asegurarme de que quede resuelto. ¿Te parece si lo vemos ahora?',
			'Hola {{name}}, soy {{agent}}, de {{business}}. Retomo lo que nos escribiste {{when}} («{{topic}}»): ya tengo todo el contexto, así que no necesitas repetir nada.',
		],
		agentFallback: 'tu asesor',
		lastNight: 'anoche',
		onWeekday: ['el lunes', 'el martes', 'el miércoles', 'el jueves', 'el viernes', 'el sábado', 'el domingo'],
		summary: 'Seguimiento: {{name}} escribió {{when}} por {{channel}} y nadie le respondió aún.',
	},
	pt: {
		customer: [
			'Bom dia {{name}}. {{When}} você nos escreveu sobre «{{topic}}» e queremos ter certeza de que ficou resolvido. Conseguimos ajudar? Se ainda precisar de algo, responda aqui e uma pessoa da equipe te atende agora.',
			'Olá {{name}}! Aqui é {{business}}, dando seguimento ao que você nos contou {{when}} («{{topic}}»). Ficou tudo resolvido ou podemos ajudar em algo mais?',
			'Bom dia {{name}}. Vimos a dúvida que você deixou {{when}} sobre «{{topic}}». Já estamos no escritório: vamos continuar? Responda esta mensagem e vemos isso com você.',
		],
		queue: [
			'Bom dia {{name}}, aqui é {{agent}} de {{business}}. {{When}} você nos escreveu sobre «{{topic}}» e quero ter certeza de que fique resolvido. Podemos ver isso agora?',
			'Olá {{name}}, aqui é {{agent}}, de {{business}}. Retomo o que você nos escreveu {{when}} («{{topic}}»): já tenho todo o contexto, não precisa repetir nada.',
		],
		agentFallback: 'seu atendente',
		lastNight: 'ontem à noite',
		onWeekday: ['na segunda-feira', 'na terça-feira', 'na quarta-feira', 'na quinta-feira', 'na sexta-feira', 'no sábado', 'no domingo'],
		summary: 'Seguimento: {{name}} escreveu {{when}} por {{channel}} e ninguém respondeu ainda.',
	},
	en: {
		customer: [
			'Good morning {{name}}. {{When}} you wrote to us about “{{topic}}” and we want to make sure it was solved. Did we manage to help? If you still need something, reply here and a person from the team will take it from here.',
			'Hi {{name}}! This is {{business}} following up on what you wrote {{when}} (“{{topic}}”). Is everything sorted, or can we help with anything else?',
			'Good morning {{name}}. We saw the question you left {{when}} about “{{topic}}”. We are in the office now: shall we pick it up? Just reply to this message.',
		],
		queue: [
			'Good morning {{name}}, this is {{agent}} from {{business}}. {{When}} you wrote to us about “{{topic}}” and I want to make sure it gets solved. Shall we look at it now?',
			'Hi {{name}}, {{agent}} from {{business}} here. I am picking up what you wrote {{when}} (“{{topic}}”): I have the whole context, so no need to repeat anything.',
		],
		agentFallback: 'your advisor',
		lastNight: 'last night',
		onWeekday: ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'on Saturday', 'on Sunday'],
		summary: 'Follow-up: {{name}} wrote {{when}} on {{channel}} and nobody has answered yet.',
	},
};
