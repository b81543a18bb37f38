/**
 * The small hand-written pieces the realistic bench set dresses its texts in: email greetings,
 * sign-offs, quote headers and the shop's earlier reply, WhatsApp shorthand and emoji, follow-up
 * turns. Per language (es, pt, en). No text here comes from a dataset.
 */
import type { DateTime } from 'luxon';

export type MixLanguage = 'es' | 'pt' | 'en';
export const MIX_LANGUAGES: readonly MixLanguage[] = ['es', 'pt', 'en'];

export const GREETINGS: Record<MixLanguage, readonly string[]> = {
	es: ['Hola,', 'Buenos días,', 'Buenas tardes,', 'Estimados:', 'Hola equipo,', 'Buen día,', 'A quien corresponda:'],
	pt: ['Olá,', 'Bom dia,', 'Boa tarde,', 'Prezados,', 'Oi, pessoal,', 'Boa noite,'],
	en: ['Hi,', 'Hello,', 'Hi team,', 'Good morning,', 'Dear support team,', 'Hello there,'],
};

export const CHAT_GREETINGS: Record<MixLanguage, readonly string[]> = {
	es: ['Hola!', 'Hola, buenas tardes.', 'Buen día.', 'Buenas,'],
	pt: ['Olá!', 'Oi, boa tarde.', 'Bom dia!', 'Oi,'],
	en: ['Hi!', 'Hello,', 'Hi there,', 'Hey,'],
};

/** Closings: the signature is one of these, the customer's name, and sometimes a phone line or a mobile footer. */
export const SIGN_OFFS: Record<MixLanguage, readonly string[]> = {
	es: ['Saludos,', 'Gracias,', 'Quedo atento,', 'Quedo atenta,', 'Atentamente,', 'Un saludo,', 'Muchas gracias de antemano,'],
	pt: ['Obrigado,', 'Obrigada,', 'Atenciosamente,', 'Abraços,', 'Att,', 'Aguardo retorno,'],
	en: ['Thanks,', 'Best regards,', 'Kind regards,', 'Cheers,', 'Thank you,', 'Regards,'],
};

export const MOBILE_FOOTERS: Record<MixLanguage, readonly string[]> = {
	es: ['Enviado desde mi iPhone', 'Enviado desde mi Samsung Galaxy', 'Enviado desde Outlook para Android'],
	pt: ['Enviado do meu iPhone', 'Enviado do Email do Yahoo para Android', 'Enviado do Outlook para iOS'],
	en: ['Sent from my iPhone', 'Sent from my Android phone', 'Get Outlook for iOS'],
};

export const PHONE_LABELS: Record<MixLanguage, string> = { es: 'Cel.', pt: 'Tel.', en: 'Mobile:' };

/** Subjects for an email whose first sentence is too long to serve as one. */
export const SUBJECTS: Record<MixLanguage, readonly string[]> = {
	es: ['Consulta', 'Duda sobre mi pedido', 'Solicitud de información', 'Problema con mi compra', 'Seguimiento', 'Urgente', 'Pregunta'],
	pt: ['Dúvida', 'Consulta sobre meu pedido', 'Solicitação de informação', 'Problema com minha compra', 'Acompanhamento', 'Urgente'],
	en: ['Question', 'About my order', 'Request for information', 'Problem with my purchase', 'Follow-up', 'Urgent'],
};

export const REPLY_PREFIX: Record<MixLanguage, string> = { es: 'RE: ', pt: 'Re: ', en: 'Re: ' };

export const SUPPORT_SENDER = 'Soporte Support247 <soporte@tienda.example>';

/** The shop's earlier reply, quoted under a customer's email; `{name}` and `{case}` are filled in. */
export const SHOP_REPLIES: Record<MixLanguage, readonly string[]> = {
	es: [
		'Hola {name}, gracias por escribirnos.\nTu caso quedó registrado con el número #{case}. Te responderemos a la brevedad.\n\nEquipo de Soporte',
		'Hola {name},\n¿Nos podrías compartir tu número de pedido para revisar el caso #{case}?\n\nSaludos,\nSoporte',
	],
	pt: [
		'Olá {name}, obrigado pelo contato.\nSeu caso foi registrado com o número #{case}. Responderemos em breve.\n\nEquipe de Suporte',
		'Oi {name},\nVocê pode nos enviar o número do pedido para verificarmos o caso #{case}?\n\nAbraços,\nSuporte',
	],
	en: [
		'Hi {name}, thanks for reaching out.\nYour case is logged as #{case}. We will get back to you shortly.\n\nThe Support Team',
		'Hi {name},\nCould you send us your order number so we can look into case #{case}?\n\nBest,\nSupport',
	],
};

/**
 * The quote header a mail client writes above the quoted reply, in the customer's language: the
 * forms nodes/shared/email/quotedReply.ts recognises ("On … wrote:", "El … escribió:", "Em … escreveu:").
 */
export function quoteHeader(language: MixLanguage, at: DateTime, sender: string): string {
	if (language === 'es') return `El ${at.setLocale('es').toFormat("ccc, d LLL yyyy 'a las' HH:mm")}, ${sender} escribió:`;
	if (language === 'pt') return `Em ${at.setLocale('pt-BR').toFormat("ccc, d 'de' LLL 'de' yyyy 'às' HH:mm")}, ${sender} escreveu:`;
	return `On ${at.setLocale('en-US').toFormat("ccc, LLL d, yyyy 'at' h:mm a")}, ${sender} wrote:`;
}

/** Word swaps typed on a phone (applied to lower-cased, accent-free words, each with some chance). */
export const SHORTHAND: Record<MixLanguage, Readonly<Record<string, string>>> = {
	es: {
		que: 'q',
		porque: 'xq',
		tambien: 'tmb',
		para: 'pa',
		gracias: 'grax',
		saludos: 'salu2',
		esta: 'sta',
		estoy: 'toy',
		nada: 'nd',
		mensaje: 'msj',
		hola: 'ola',
		bueno: 'bno',
	},
	pt: {
		voce: 'vc',
		voces: 'vcs',
		que: 'q',
		tambem: 'tb',
		porque: 'pq',
		nao: 'n',
		beleza: 'blz',
		obrigado: 'obg',
		obrigada: 'obg',
		para: 'pra',
		hoje: 'hj',
		mensagem: 'msg',
		esta: 'ta',
		quando: 'qdo',
	},
	en: {
		you: 'u',
		your: 'ur',
		please: 'pls',
		thanks: 'thx',
		are: 'r',
		because: 'bc',
		tomorrow: 'tmrw',
		message: 'msg',
		about: 'abt',
		people: 'ppl',
		what: 'wat',
		right: 'rn',
	},
};

/** Phrases shortened before the word swaps. */
export const SHORT_PHRASES: Record<MixLanguage, ReadonlyArray<readonly [string, string]>> = {
	es: [['por favor', 'porfa'], ['de nada', 'dnd'], ['por que', 'xq']],
	pt: [['por favor', 'pfv'], ['tudo bem', 'tdb'], ['por que', 'pq']],
	en: [['as soon as possible', 'asap'], ['i do not know', 'idk'], ['by the way', 'btw']],
};

export const EMOJI: readonly string[] = ['🙏', '😅', '😭', '👍', '🙂', '😡', '🤔', '😩', '❤️', '🙏🙏', '😊', '👀'];

/** The one-word first message of a WhatsApp burst. */
export const OPENERS: Record<MixLanguage, readonly string[]> = {
	es: ['hola', 'holaa', 'buenas', 'buen dia', 'oigan', 'hola buenas tardes', 'disculpen'],
	pt: ['oi', 'oii', 'ola', 'bom dia', 'boa tarde', 'oi tudo bem?'],
	en: ['hi', 'hey', 'hello', 'hi there', 'good morning'],
};

/** Later turns of a conversation that are not a new question. `{order}` is filled in. */
export const FOLLOW_UPS: Record<MixLanguage, readonly string[]> = {
	es: [
		'sigo esperando respuesta',
		'el numero de pedido es #{order}',
		'alguien me puede ayudar?',
		'ok gracias',
		'y cuanto tarda el envio?',
		'ya lo intente y no funciona',
		'perdon, me equivoque, es el pedido {order}',
		'¿me pueden llamar mejor?',
		'listo, muchas gracias!',
		'hola? hay alguien?',
	],
	pt: [
		'continuo esperando resposta',
		'o numero do pedido é #{order}',
		'alguém pode me ajudar?',
		'ok obrigado',
		'e quanto tempo demora a entrega?',
		'já tentei e não funciona',
		'desculpa, errei, é o pedido {order}',
		'vocês podem me ligar?',
		'pronto, muito obrigada!',
		'oi? tem alguém aí?',
	],
	en: [
		'still waiting for an answer',
		'my order number is #{order}',
		'can someone help me?',
		'ok thanks',
		'and how long does shipping take?',
		'i already tried that and it does not work',
		'sorry, wrong number, it is order {order}',
		'can you call me instead?',
		'great, thank you!',
		'hello? anyone there?',
	],
};

/** Names for customers when the pieces bring none in a language. */
export const FALLBACK_NAMES: Record<MixLanguage, readonly string[]> = {
	es: ['María López', 'José Hernández', 'Lucía Martínez', 'Diego Ramírez'],
	pt: ['Ana Souza', 'João Silva', 'Mariana Costa', 'Pedro Oliveira'],
	en: ['Emily Carter', 'James Miller', 'Olivia Brown', 'Michael Davis'],
};

/** Country calling prefixes for WhatsApp numbers, per language (Mexico, Brazil, the US). */
export const PHONE_PREFIX: Record<MixLanguage, string> = { es: '521', pt: '5511', en: '1415' };
