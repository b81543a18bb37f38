/**
 * Temperature scaling (Guo et al. 2017): one scalar T that divides the logits, chosen to minimise
 * the negative log-likelihood on questions the model did not train on. It keeps the ranking and
 * makes "confidence 0.8" mean "right about 80 % of the time".
 */
import { softmaxInPlace } from './softmax';

export function fitTemperature(heldOutLogits: readonly Float64Array[], labels: readonly number[]): number {
	if (heldOutLogits.length === 0) return 1;
	let best = 1;
	let bestLoss = Infinity;
	// A log-spaced grid is enough for one parameter and cannot diverge.
	for (let i = -30; i <= 30; i++) {
		const temperature = Math.pow(10, i / 30);
		let loss = 0;
		heldOutLogits.forEach((scores, k) => {
			const p = softmaxInPlace(Float64Array.from(scores), temperature);
			loss -= Math.log(Math.max(p[labels[k]], 1e-12));
		});
		if (loss < bestLoss) {
			bestLoss = loss;
			best = temperature;
		}
	}
	return best;
}
