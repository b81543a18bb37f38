/**
 * Disk cache for trained models: `<dir>/intent-<hash>.json` (vocabulary, classes, settings) and
 * `.bin` (idf, weights, bias, centroids as float32). Loading takes milliseconds where training
 * takes seconds. Writes go to a temporary name and are renamed, so a reader never sees half a file.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { TextLanguage } from '../text';
import { Vectorizer, type FeatureConfig } from './features';
import { TrainedIntentModel } from './model';

const FORMAT = 1;

interface StoredMeta {
	format: number;
	hash: string;
	intents: string[];
	languages: TextLanguage[];
	features: FeatureConfig;
	vocabulary: string[];
	temperature: number;
	classes: number;
}

function files(dir: string, hash: string): { meta: string; data: string } {
	return { meta: path.join(dir, `intent-${hash}.json`), data: path.join(dir, `intent-${hash}.bin`) };
}

export function saveModel(dir: string, model: TrainedIntentModel): void {
	const { hash, intents, languages, vectorizer, softmax, temperature, centroids } = model.parts;
	const target = files(dir, hash);
	fs.mkdirSync(dir, { recursive: true });
	const vocabulary = new Array<string>(vectorizer.size);
	for (const [term, index] of vectorizer.vocabulary) vocabulary[index] = term;
	const meta: StoredMeta = { format: FORMAT, hash, intents, languages, features: vectorizer.config, vocabulary, temperature, classes: softmax.classes };
	const arrays = [vectorizer.idf, softmax.weights, softmax.bias, centroids];
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
		const floats = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
		const features = meta.vocabulary.length;
		const classes = meta.classes;
		if (floats.length !== features + 2 * features * classes + classes) return undefined;
		let offset = 0;
		const take = (n: number) => floats.subarray(offset, (offset += n));
		const idf = take(features);
		const weights = take(features * classes);
		const bias = take(classes);
		const centroids = take(features * classes);
		const vocabulary = new Map(meta.vocabulary.map((term, index) => [term, index]));
		return new TrainedIntentModel({
			hash,
			intents: meta.intents,
			languages: meta.languages,
			vectorizer: new Vectorizer(meta.features, vocabulary, idf),
			softmax: { classes, features, weights, bias },
			temperature: meta.temperature,
			centroids,
		});
	} catch {
		return undefined;
	}
}
