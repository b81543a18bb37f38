/**
 * 8-bit storage for the softmax weights: one float32 scale per feature row and a signed byte per
 * weight. It cuts the disk cache fourfold; the trained model is rounded the same way before use,
 * so a model loaded from disk predicts exactly what the freshly trained one did.
 */
export interface QuantizedRows {
	scales: Float32Array;
	codes: Int8Array;
}

export function quantizeRows(weights: Float32Array, rowLength: number): QuantizedRows {
	const rows = rowLength > 0 ? weights.length / rowLength : 0;
	const scales = new Float32Array(rows);
	const codes = new Int8Array(weights.length);
	for (let r = 0; r < rows; r++) {
		const start = r * rowLength;
		let max = 0;
		for (let j = start; j < start + rowLength; j++) max = Math.max(max, Math.abs(weights[j]));
		const scale = max / 127;
		scales[r] = scale;
		if (scale === 0) continue;
		for (let j = start; j < start + rowLength; j++) codes[j] = Math.max(-127, Math.min(127, Math.round(weights[j] / scale)));
	}
	return { scales, codes };
}

export function dequantizeRows({ scales, codes }: QuantizedRows, rowLength: number): Float32Array {
	const weights = new Float32Array(codes.length);
	for (let j = 0; j < codes.length; j++) weights[j] = codes[j] * scales[Math.floor(j / rowLength)];
	return weights;
}
