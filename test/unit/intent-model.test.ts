import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { clearIntentModelMemory, getIntentModel, intentModelHash, trainingStats } from '../../nodes/shared/intent';
import { toKnowledgeEntries } from '../../nodes/shared/knowledge';

const entries = toKnowledgeEntries(JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/kb-store.json'), 'utf8')));

describe('intent model', () => {
	let cacheDir: string;
	beforeAll(() => {
		cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intent-test-'));
	});
	afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

	it.each([
		['¿a q hora abren el sabado?', 'hours'],
		['cuanto tarda el envio a monterrey', 'shipping'],
		['quiero devolver unos zapatos q me quedaron chicos', 'returns'],
		['esqueci a senha da minha conta', 'password-reset'],
		['meu pedido nao chegou ainda', 'order-status'],
		['i forgot my pasword', 'password-reset'],
		['la garantia cubre si se rompe la pantalla?', 'warranty'],
		['necesito la factura xfa', 'invoices'],
	])('classifies %s as %s', (text, intent) => {
		const model = getIntentModel(entries, { cacheDir });
		const prediction = model.predict(text);
		expect(prediction.intent).toBe(intent);
		expect(prediction.top[0]).toEqual({ id: intent, p: prediction.confidence });
		expect(prediction.confidence).toBeGreaterThan(0.4);
	});

	it('gives off-topic text a low out-of-scope score', () => {
		const model = getIntentModel(entries, { cacheDir });
		expect(model.predict('quien gano el partido de futbol ayer').score).toBeLessThan(0.5);
		expect(model.predict('what is the weather in paris tomorrow').score).toBeLessThan(0.5);
		expect(model.predict('¿a qué hora abren?').score).toBeGreaterThan(0.6);
	});

	it('is deterministic: same content, same hash and same probabilities', () => {
		const copy = JSON.parse(JSON.stringify(entries));
		expect(intentModelHash(copy)).toBe(intentModelHash(entries));
		const a = getIntentModel(entries, { cacheDir }).predict('donde esta mi paquete');
		clearIntentModelMemory();
		const b = getIntentModel(copy, { cacheDir: false }).predict('donde esta mi paquete');
		expect(b).toEqual(a);
	});

	it('trains once per content: memory cache, then disk cache, retrains only on new content', () => {
		clearIntentModelMemory();
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intent-cache-'));
		try {
			const before = trainingStats.trainings;
			const first = getIntentModel(entries, { cacheDir: dir });
			expect(trainingStats.trainings).toBe(before + 1);
			expect(getIntentModel(JSON.parse(JSON.stringify(entries)), { cacheDir: dir })).toBe(first);
			expect(fs.readdirSync(dir).sort()).toEqual([`intent-${first.hash}.f4.bin`, `intent-${first.hash}.f4.json`]);

			clearIntentModelMemory();
			const fromDisk = getIntentModel(entries, { cacheDir: dir });
			expect(trainingStats.trainings).toBe(before + 1);
			expect(fromDisk).not.toBe(first);
			expect(fromDisk.predict('olvide mi contraseña')).toEqual(first.predict('olvide mi contraseña'));

			const changed = [...entries, { id: 'extra', title: 'Loyalty points', questions: ['how many points do I have'], answer: 'See your account.' }];
			const other = getIntentModel(changed, { cacheDir: dir });
			expect(other.hash).not.toBe(first.hash);
			expect(trainingStats.trainings).toBe(before + 2);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('loads the stored example vectors as trained, several texts alike, and retrains on a cut-short file', () => {
		clearIntentModelMemory();
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intent-cache-'));
		try {
			const trained = getIntentModel(entries, { cacheDir: dir });
			clearIntentModelMemory();
			const loaded = getIntentModel(entries, { cacheDir: dir });
			expect(loaded).not.toBe(trained);
			for (const text of ['olvide mi contraseña', 'where is my parcel', 'quero trocar o tamanho', 'precio del envio a monterrey', 'asdf qwer']) {
				expect(loaded.predict(text)).toEqual(trained.predict(text));
			}
			const bin = path.join(dir, `intent-${trained.hash}.f4.bin`);
			fs.truncateSync(bin, fs.statSync(bin).size - 4);
			clearIntentModelMemory();
			const before = trainingStats.trainings;
			expect(getIntentModel(entries, { cacheDir: dir }).predict('where is my parcel')).toEqual(trained.predict('where is my parcel'));
			expect(trainingStats.trainings).toBe(before + 1);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('learns from labelled history as well as from entries', () => {
		const model = getIntentModel(entries, {
			cacheDir: false,
			labelled: [
				{ text: 'quiero hablar de mis puntos de lealtad', intent: 'loyalty' },
				{ text: 'cuantos puntos de lealtad tengo', intent: 'loyalty' },
				{ text: 'how many loyalty points do I have', intent: 'loyalty' },
			],
		});
		expect(model.intents).toContain('loyalty');
		expect(model.predict('mis puntos de lealtad').intent).toBe('loyalty');
	});
});
