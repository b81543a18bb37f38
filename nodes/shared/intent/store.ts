/**
 * Disk cache for trained models: `<dir>/intent-<hash>.json` (vocabulary, classes, settings, the
 * training examples' texts) and `.bin` (idf, bias and per-feature weight scales as float32, then
 * the weights as signed bytes). The examples' vectors are rebuilt from their texts on load: the
 * texts take a few percent of the space of stored vectors. Loading takes well under a second where
 * training takes seconds to minutes. Writes go to a temporary name and are renamed, so a reader
 * never sees half a file.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { TextLanguage } from '../text';
import { Vectorizer, type FeatureConfig } from './features';
import { TrainedIntentModel, type TrainingExample } from './model';
import { ExampleIndex } from './neighbours';
import { dequantizeRows, quantizeRows } from './quantize';

const FORMAT = 3;

interface StoredMeta {
	format: number;
	hash: string;
	intents: string[];
	languages: TextLanguage[];
	features: FeatureConfig;
	vocabulary: string[];
	temperature: number;
	classes: number;
	similarityGain: number;
	/** [text, class, language] per training example. */
	examples: Array<[string, number, TextLanguage]>;
}

function files(dir: string, hash: string): { meta: string; data: string } {
	return { meta: path.join(dir, `intent-${hash}.json`), data: path.join(dir, `intent-${hash}.bin`) };
}

export function saveModel(dir: string, model: TrainedIntentModel): void {
	const { hash, intents, languages, vectorizer, softmax, temperature, examples, similarityGain } = model.parts;
	const target = files(dir, hash);
	fs.mkdirSync(dir, { recursive: true });
	const vocabulary = new Array<string>(vectorizer.size);
	for (const [term, index] of vectorizer.vocabulary) vocabulary[index] = term;
	const meta: StoredMeta = {
		format: FORMAT,
		hash,
		intents,
		languages,
		features: vectorizer.config,
		vocabulary,
		temperature,
		classes: softmax.classes,
		similarityGain,
		examples: examples.map((e) => [e.text, e.cls, e.language]),
	};
	const { scales, codes } = quantizeRows(softmax.weights, softmax.classes);
	const arrays = [vectorizer.idf, softmax.bias, scales, codes];
	const buffer = Buffer.concat(arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
	const suffix = `.${process.pid}.tmp`;
	fs.writeFileSync(target.data + suffix, buffer);
	fs.renameSync(target.data + suffix, target.data);
	// The meta file is written last: its presence means the pair is complete.
	fs.writeFileSync(target.meta + suffix, JSON.stringify(meta));
	fs.renameSync(target.meta + suffix, target.meta);
}

/** The stored model, or undefined when absent or unreadable (then the caller trains). */
export function loadModel(dir: string, hash: string): TrainedIntentModel | undefined {
	const source = files(dir, hash);
	try {
		const meta = JSON.parse(fs.readFileSync(source.meta, 'utf8')) as StoredMeta;
		if (meta.format !== FORMAT || meta.hash !== hash) return undefined;
		const raw = fs.readFileSync(source.data);
		const features = meta.vocabulary.length;
		const classes = meta.classes;
		const floatCount = features + classes + features;
		if (raw.byteLength !== floatCount * 4 + features * classes) return undefined;
		const bytes = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
		const floats = new Float32Array(bytes, 0, floatCount);
		const idf = floats.slice(0, features);
		const bias = floats.slice(features, features + classes);
		const scales = floats.slice(features + classes);
		const codes = new Int8Array(bytes, floatCount * 4, features * classes);
		const weights = dequantizeRows({ scales, codes }, classes);
		const vocabulary = new Map(meta.vocabulary.map((term, index) => [term, index]));
		const vectorizer = new Vectorizer(meta.features, vocabulary, idf);
		const examples: TrainingExample[] = meta.examples.map(([text, cls, language]) => ({ text, cls, language }));
		const neighbours = ExampleIndex.build(
			examples.map((e) => vectorizer.transform(e.text, e.language)),
			examples.map((e) => e.cls),
			meta.intents.length,
			features,
		);
		return new TrainedIntentModel({
			hash,
			intents: meta.intents,
			languages: meta.languages,
			vectorizer,
			softmax: { classes, features, weights, bias },
			temperature: meta.temperature,
			examples,
			neighbours,
			similarityGain: meta.similarityGain,
		});
	} catch {
		return undefined;
	}
}
