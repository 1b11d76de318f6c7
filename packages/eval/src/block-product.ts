/**
 * `out[q * n + (j - rowStart)] = queries[q] . matrix[j]` for the rows j in
 * [rowStart, rowEnd), n = rowEnd - rowStart: one block of a matrix-matrix product.
 * Hot loop: 4 queries x 4 rows per pass keep 16 sums in registers and read each
 * loaded float four times.
 */
export function blockProduct(
  queries: Float64Array,
  queryCount: number,
  matrix: Float64Array,
  rowStart: number,
  rowEnd: number,
  dim: number,
  out: Float64Array,
): void {
  const n = rowEnd - rowStart;
  const fullQueries = queryCount - (queryCount % 4);
  const fullRows = n - (n % 4);
  for (let q = 0; q < fullQueries; q += 4) {
    const q0 = q * dim;
    const q1 = q0 + dim;
    const q2 = q1 + dim;
    const q3 = q2 + dim;
    for (let j = 0; j < fullRows; j += 4) {
      const r0 = (rowStart + j) * dim;
      const r1 = r0 + dim;
      const r2 = r1 + dim;
      const r3 = r2 + dim;
      let s00 = 0,
        s01 = 0,
        s02 = 0,
        s03 = 0,
        s10 = 0,
        s11 = 0,
        s12 = 0,
        s13 = 0;
      let s20 = 0,
        s21 = 0,
        s22 = 0,
        s23 = 0,
        s30 = 0,
        s31 = 0,
        s32 = 0,
        s33 = 0;
      for (let k = 0; k < dim; k++) {
        const x0 = queries[q0 + k];
        const x1 = queries[q1 + k];
        const x2 = queries[q2 + k];
        const x3 = queries[q3 + k];
        const y0 = matrix[r0 + k];
        const y1 = matrix[r1 + k];
        const y2 = matrix[r2 + k];
        const y3 = matrix[r3 + k];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
        s20 += x2 * y0;
        s21 += x2 * y1;
        s22 += x2 * y2;
        s23 += x2 * y3;
        s30 += x3 * y0;
        s31 += x3 * y1;
        s32 += x3 * y2;
        s33 += x3 * y3;
      }
      let o = q * n + j;
      out[o] = s00;
      out[o + 1] = s01;
      out[o + 2] = s02;
      out[o + 3] = s03;
      o += n;
      out[o] = s10;
      out[o + 1] = s11;
      out[o + 2] = s12;
      out[o + 3] = s13;
      o += n;
      out[o] = s20;
      out[o + 1] = s21;
      out[o + 2] = s22;
      out[o + 3] = s23;
      o += n;
      out[o] = s30;
      out[o + 1] = s31;
      out[o + 2] = s32;
      out[o + 3] = s33;
    }
    for (let j = fullRows; j < n; j++) {
      for (let t = q; t < q + 4; t++)
        out[t * n + j] = dot(queries, t * dim, matrix, (rowStart + j) * dim, dim);
    }
  }
  for (let q = fullQueries; q < queryCount; q++) {
    for (let j = 0; j < n; j++) out[q * n + j] = dot(queries, q * dim, matrix, (rowStart + j) * dim, dim);
  }
}

function dot(a: Float64Array, aStart: number, b: Float64Array, bStart: number, dim: number): number {
  let sum = 0;
  for (let k = 0; k < dim; k++) sum += a[aStart + k] * b[bStart + k];
  return sum;
}
