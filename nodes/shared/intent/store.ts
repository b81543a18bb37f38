/**
 * Disk cache for trained models: `<dir>/intent-<hash>.json` (vocabulary, classes, settings, the
 * training examples' texts) and `.bin` (idf, bias and per-feature weight scales as float32, the
 * weights as signed bytes, then the examples' vectors per class as the nearest-example index packs
 * them). The vectors are stored rather than rebuilt from the texts on load: rebuilding stemmed and
 * vectorised every example, most of a replay's start-up, where reading them is a copy. Writes go to a
 * temporary name and are renamed, so a reader never sees half a file.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { TextLanguage } from '../text';
import { Vectorizer, type FeatureConfig } from './features';
import { TrainedIntentModel, type TrainingExample } from './model';
import { ExampleIndex, type PackedExamples } from './neighbours';
import { dequantizeRows, quantizeRows } from './quantize';

const FORMAT = 4;

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
	/** Per class of the nearest-example index: its examples and their non-zero values, end to end. */
	packed: Array<[examples: number, values: number]>;
}

const align4 = (bytes: number) => (bytes + 3) & ~3;

/** The bytes each stored class takes: starts (int32, one more than its examples), indices (int32), values (float32). */
const packedBytes = ([examples, values]: [number, number]) => (examples + 1) * 4 + values * 8;

/** The format is in the name, so that two versions of the package sharing a cache never overwrite each other's files. */
function files(dir: string, hash: string): { meta: string; data: string } {
	return { meta: path.join(dir, `intent-${hash}.f${FORMAT}.json`), data: path.join(dir, `intent-${hash}.f${FORMAT}.bin`) };
}

export function saveModel(dir: string, model: TrainedIntentModel): void {
	const { hash, intents, languages, vectorizer, softmax, temperature, examples, neighbours, similarityGain } = model.parts;
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
		packed: neighbours.classes.map((c) => [c.starts.length - 1, c.values.length]),
	};
	const { scales, codes } = quantizeRows(softmax.weights, softmax.classes);
	const padding = new Uint8Array(align4(codes.byteLength) - codes.byteLength);
	const arrays = [vectorizer.idf, softmax.bias, scales, codes, padding, ...neighbours.classes.flatMap((c) => [c.starts, c.indices, c.values])];
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
		const packedAt = floatCount * 4 + align4(features * classes);
		if (raw.byteLength !== packedAt + meta.packed.reduce((sum, c) => sum + packedBytes(c), 0)) return undefined;
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
		let at = packedAt;
		const take = <T>(Type: new (buffer: ArrayBuffer, offset: number, length: number) => T, length: number): T => {
			const view = new Type(bytes, at, length);
			at += length * 4;
			return view;
		};
		const packed: PackedExamples[] = meta.packed.map(([count, values]) => ({ starts: take(Int32Array, count + 1), indices: take(Int32Array, values), values: take(Float32Array, values) }));
		const neighbours = new ExampleIndex(features, packed);
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
