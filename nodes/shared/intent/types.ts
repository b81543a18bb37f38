export interface IntentPrediction {
	intent: string;
	/** Calibrated probability of `intent` (temperature-scaled softmax), 0–1. */
	confidence: number;
	/** The best classes, best first (at most five). */
	top: Array<{ id: string; p: number }>;
	/** Cosine between the text and the predicted intent's centroid, 0–1: low means unlike anything trained. */
	similarity: number;
	/** Out-of-scope aware score 0–1 combining confidence and similarity; threshold this to say "I don't know". */
	score: number;
}

export interface IntentModel {
	/** Content hash of the training data and settings: the cache key. */
	readonly hash: string;
	readonly intents: readonly string[];
	predict(text: string, language?: string): IntentPrediction;
}

export interface LabelledExample {
	text: string;
	intent: string;
	language?: string;
}
