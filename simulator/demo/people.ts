import type { Language } from './phrasings/types';
import type { Random } from './random';

const FIRST: Record<Language, string[]> = {
	es: ['María', 'José', 'Guadalupe', 'Juan', 'Fernanda', 'Luis', 'Ximena', 'Carlos', 'Valeria', 'Miguel', 'Andrea', 'Jorge', 'Daniela', 'Alejandro', 'Sofía', 'Ricardo', 'Paola', 'Diego', 'Karla', 'Arturo', 'Mariana', 'Héctor', 'Lucía', 'Óscar'],
	pt: ['Ana', 'João', 'Beatriz', 'Pedro', 'Camila', 'Lucas', 'Juliana', 'Rafael', 'Larissa', 'Gabriel', 'Fernanda', 'Thiago', 'Letícia', 'Bruno', 'Mariana', 'Felipe', 'Aline', 'Gustavo'],
	en: ['Emily', 'James', 'Sarah', 'Michael', 'Jessica', 'David', 'Ashley', 'Daniel', 'Olivia', 'Ryan', 'Hannah', 'Kevin', 'Megan', 'Chris', 'Laura', 'Brian', 'Rachel', 'Tom'],
};
const LAST: Record<Language, string[]> = {
	es: ['Hernández', 'García', 'Martínez', 'López', 'González', 'Rodríguez', 'Pérez', 'Sánchez', 'Ramírez', 'Flores', 'Gómez', 'Torres', 'Vázquez', 'Morales', 'Reyes', 'Cruz', 'Ortiz', 'Mendoza'],
	pt: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Ferreira', 'Costa', 'Rodrigues', 'Almeida', 'Nascimento', 'Carvalho', 'Gomes', 'Ribeiro'],
	en: ['Smith', 'Johnson', 'Brown', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Anderson', 'Thomas', 'Moore', 'Clark', 'Walker', 'Young', 'King'],
};

export const PRODUCTS: Record<Language, string[]> = {
	es: ['cargador de 65W', 'smartwatch', 'teclado mecánico', 'power bank', 'monitor de 27"', 'ventilador de torre', 'mouse inalámbrico', 'disco duro externo', 'horno de microondas', 'celular Moto G', 'termo de acero', 'extractor de jugos'],
	pt: ['fone sem fio', 'carregador de 65W', 'liquidificador', 'smartwatch', 'teclado mecânico', 'power bank', 'monitor de 27"', 'ventilador de torre', 'mouse sem fio', 'HD externo', 'micro-ondas', 'aspirador robô'],
	en: ['wireless headset', '65W charger', 'blender', 'bluetooth speaker', 'air fryer', 'smartwatch', 'mechanical keyboard', 'coffee maker', 'power bank', 'robot vacuum', '27" monitor', 'fitness tracker'],
};

/** Battery-powered products, for the emergency cases (a swelling battery, a smoking charger). */
export const BATTERY_PRODUCTS: Record<Language, string[]> = {
	es: ['cargador de 65W', 'smartwatch', 'power bank', 'celular Moto G'],
	pt: ['carregador de 65W', 'smartwatch', 'power bank', 'fone sem fio'],
	en: ['65W charger', 'smartwatch', 'power bank', 'wireless headset'],
};

export const CITIES = ['Monterrey', 'Puebla', 'Querétaro', 'Mérida', 'Tijuana', 'León', 'Cancún', 'Toluca', 'Oaxaca', 'Guadalajara', 'CDMX', 'Morelia', 'Veracruz', 'Hermosillo'];

export interface Customer {
	id: string;
	name: string;
	firstName: string;
	language: Language;
}

/** Customers with stable ids; about one ticket in five comes from someone who wrote before. */
export class CustomerPool {
	private readonly seen: Record<string, Customer[]> = {};
	private counter = 0;

	constructor(private readonly random: Random) {}

	next(language: Language, channel: string): Customer {
		const key = `${language}:${channel}`;
		const previous = this.seen[key] ?? (this.seen[key] = []);
		if (previous.length > 10 && this.random.chance(0.2)) return this.random.pick(previous);
		const firstName = this.random.pick(FIRST[language]);
		const name = `${firstName} ${this.random.pick(LAST[language])}`;
		const customer: Customer = { id: this.idFor(language, channel, name), name, firstName, language };
		previous.push(customer);
		return customer;
	}

	/** WhatsApp ids are phone numbers, email ids are addresses, web chat ids are visitor ids. */
	private idFor(language: Language, channel: string, name: string): string {
		this.counter++;
		const digits = (n: number) => Array.from({ length: n }, () => this.random.int(0, 9)).join('');
		if (channel === 'whatsapp') return { es: `52155${digits(8)}`, pt: `55119${digits(8)}`, en: `1512${digits(7)}` }[language];
		if (channel === 'email') {
			const local = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, '.');
			return `${local}${this.random.chance(0.5) ? this.random.int(1, 99) : ''}@${this.random.pick(['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.mx'])}`;
		}
		return `web-${(100000 + this.counter).toString(36)}${digits(3)}`;
	}
}

/** Order numbers as customers type them: #A10293, A10293, a10293. */
export function orderNumber(random: Random): string {
	const number = `A${random.int(10000, 19999)}`;
	const style = random.float();
	return style < 0.6 ? `#${number}` : style < 0.85 ? number : number.toLowerCase();
}
