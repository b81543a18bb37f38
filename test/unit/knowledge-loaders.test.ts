import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { entriesFromFile, entriesFromInline, entriesFromValue, loadKnowledgeFile, parseKnowledge } from '../../nodes/shared/knowledge';

const datasets = process.env.SUPPORT247_DATASETS ?? path.resolve(__dirname, '../../../shared/datasets');

describe('knowledge loaders', () => {
	let dir: string;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-loaders-'));
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('reads a JSON array, string or per-language answers and "|"-separated questions', () => {
		const entries = parseKnowledge(
			JSON.stringify([
				{ id: 'hours', title: 'Hours', questions: ['when are you open?', '¿a qué hora abren?'], answer: { EN: '9 to 6', es: 'De 9 a 6' }, tier: 'l1' },
				{ title: 'Shipping costs', questions: 'how much is shipping? | cuánto cuesta el envío', answer: 'Free over $50', tags: 'envio|shipping' },
			]),
			'json',
		);
		expect(entries).toEqual([
			{ id: 'hours', title: 'Hours', questions: ['when are you open?', '¿a qué hora abren?'], answer: { en: '9 to 6', es: 'De 9 a 6' }, tier: 'L1' },
			{ id: 'shipping-costs', title: 'Shipping costs', questions: ['how much is shipping?', 'cuánto cuesta el envío'], answer: 'Free over $50', tags: ['envio', 'shipping'] },
		]);
		expect(parseKnowledge(JSON.stringify({ entries: [{ id: 'a', title: 'A', answer: 'x' }] }), 'json')).toHaveLength(1);
	});

	it('reads JSON Lines and names the bad line', () => {
		const text = '{"id":"a","title":"A","questions":["q1"],"answer":"x"}\n\n{"id":"b","title":"B","answer":"y"}\n';
		expect(parseKnowledge(text, 'jsonl').map((e) => e.id)).toEqual(['a', 'b']);
		expect(() => parseKnowledge('{"id":"a","title":"A","answer":"x"}\n{oops', 'jsonl')).toThrow(/line 2 is not JSON/);
	});

	it('reads CSV with |-separated questions, tags and answer_<lang> columns', () => {
		const csv = [
			'id,title,questions,answer,tags,language,tier,answer_es',
			'returns,Returns,"how do I return an item?|quiero devolver algo",Within 30 days,returns|refund,,L1,Dentro de 30 días',
			'legal,Legal notice,,See our terms,,en,L3,',
		].join('\n');
		expect(parseKnowledge(csv, 'csv')).toEqual([
			{ id: 'returns', title: 'Returns', questions: ['how do I return an item?', 'quiero devolver algo'], answer: { en: 'Within 30 days', es: 'Dentro de 30 días' }, tags: ['returns', 'refund'], tier: 'L1' },
			{ id: 'legal', title: 'Legal notice', questions: [], answer: 'See our terms', language: 'en', tier: 'L3' },
		]);
	});

	it('reads Markdown: ## sections, Q: lines and fields, the rest is the answer', () => {
		const md = [
			'# Store FAQ',
			'Intro text that is not an entry.',
			'',
			'## Opening hours',
			'Q: when are you open?',
			'Q: ¿a qué hora abren?',
			'Tags: hours, horario',
			'We are open **9–18**, Monday to Friday.',
			'',
			'## Gift cards',
			'Id: gift',
			'Language: en',
			'Gift cards never expire.',
		].join('\n');
		expect(parseKnowledge(md, 'markdown')).toEqual([
			{ id: 'opening-hours', title: 'Opening hours', questions: ['when are you open?', '¿a qué hora abren?'], answer: 'We are open **9–18**, Monday to Friday.', tags: ['hours', 'horario'] },
			{ id: 'gift', title: 'Gift cards', questions: [], answer: 'Gift cards never expire.', language: 'en' },
		]);
	});

	it('picks the format from the file extension', () => {
		fs.writeFileSync(path.join(dir, 'faq.md'), '## Hours\nQ: when?\n9–18');
		fs.writeFileSync(path.join(dir, 'faq.csv'), 'id,title,questions,answer\nh,Hours,when?,9–18\n');
		fs.writeFileSync(path.join(dir, 'faq.jsonl'), '{"id":"h","title":"Hours","questions":["when?"],"answer":"9–18"}\n');
		for (const name of ['faq.md', 'faq.csv', 'faq.jsonl']) {
			expect(loadKnowledgeFile(path.join(dir, name))).toEqual([expect.objectContaining({ title: 'Hours', questions: ['when?'], answer: '9–18' })]);
		}
	});

	it('accepts the shared datasets kb.json files as they are', () => {
		const banking = entriesFromFile(path.join(datasets, 'banking77', 'kb.json'));
		expect(banking).toHaveLength(77);
		expect(banking[0]).toEqual(expect.objectContaining({ id: 'Refund_not_showing_up', language: 'en' }));
		expect(banking.every((e) => e.questions.length > 10 && typeof e.answer === 'string')).toBe(true);
		expect(entriesFromFile(path.join(datasets, 'hint3', 'sofmattress-kb.json')).length).toBeGreaterThan(10);
	});

	it('caches parsed files and inline text by content', () => {
		const file = path.join(dir, 'cached.json');
		fs.writeFileSync(file, JSON.stringify([{ id: 'a', title: 'A', questions: ['q'], answer: 'x' }]));
		expect(entriesFromFile(file)).toBe(entriesFromFile(file));
		const inline = '[{"id":"a","title":"A","answer":"x"}]';
		expect(entriesFromInline(inline)).toBe(entriesFromInline(inline));
		expect(entriesFromValue([{ id: 'a', title: 'A', answer: 'x' }])).toBe(entriesFromValue([{ id: 'a', title: 'A', answer: 'x' }]));
	});

	it('names the file, the entry and the field in errors', () => {
		expect(() => entriesFromFile('/nope/faq.json')).toThrow('Cannot read knowledge file "/nope/faq.json": no such file');
		expect(() => parseKnowledge('[{"id":"a","title":"A"}]', 'json')).toThrow('Knowledge entry 1 ("a"): "answer" must be a text or a map of language to text');
		expect(() => parseKnowledge('[{"answer":"x"}]', 'json')).toThrow('Knowledge entry 1 ("kb-1") needs a "title" or "questions"');
		expect(() => parseKnowledge('[{"id":"a","title":"A","answer":"x"},{"id":"a","title":"B","answer":"y"}]', 'json')).toThrow('id "a" appears more than once');
		fs.writeFileSync(path.join(dir, 'broken.json'), '{not json');
		expect(() => loadKnowledgeFile(path.join(dir, 'broken.json'))).toThrow(`Knowledge file "${path.join(dir, 'broken.json')}"`);
	});
});
