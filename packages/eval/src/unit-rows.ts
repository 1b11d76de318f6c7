/**
 * A copy of the first `rows` rows of a row-major matrix scaled to unit length, so that
 * dot products are cosines. All-zero rows stay zero (cosine 0 with everything), as in gensim.
 */
export function unitRows(vectors: ArrayLike<number>, dim: number, rows = vectors.length / dim): Float64Array {
  const unit = new Float64Array(rows * dim);
  for (let row = 0; row < rows; row++) {
    const start = row * dim;
    let sumSquares = 0;
    for (let k = start; k < start + dim; k++) sumSquares += vectors[k] * vectors[k];
    if (sumSquares === 0) continue;
    const scale = 1 / Math.sqrt(sumSquares);
    for (let k = start; k < start + dim; k++) unit[k] = vectors[k] * scale;
  }
  return unit;
}
