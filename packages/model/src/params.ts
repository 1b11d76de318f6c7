/**
 * The trained parameters: input (centre) and output (context / softmax) tables and the
 * optional output biases, as flat row-major Float32Arrays. Plain typed arrays so that the
 * hogwild engine can place them in one shared WebAssembly memory (via `alloc`) and every
 * other part (tfjs engine, checkpoints, vectors export) reads them without copies.
 */
export interface Params {
  vocabSize: number;
  dim: number;
  /** vocabSize * dim, row-major: row i is word i's input vector */
  input: Float32Array;
  /** vocabSize * dim, row-major */
  output: Float32Array;
  /** vocabSize output biases, or null when the loss has none */
  bias: Float32Array | null;
}

/** Returns a zeroed Float32Array of `length` floats, e.g. a view into shared memory. */
export type ParamsAllocator = (length: number) => Float32Array;

const heapAllocator: ParamsAllocator = (length) => new Float32Array(length);

/** Zeroed parameters; fill them with `initParams`. */
export function createParams(
  vocabSize: number,
  dim: number,
  options: { biases: boolean },
  alloc: ParamsAllocator = heapAllocator,
): Params {
  if (!Number.isInteger(vocabSize) || vocabSize < 1)
    throw new Error(`vocabSize must be a positive integer, got ${vocabSize}`);
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`dim must be a positive integer, got ${dim}`);
  const allocate = (length: number, what: string): Float32Array => {
    const array = alloc(length);
    if (array.length !== length)
      throw new Error(`allocator returned ${array.length} floats for ${what}, expected ${length}`);
    return array;
  };
  return {
    vocabSize,
    dim,
    input: allocate(vocabSize * dim, "the input table"),
    output: allocate(vocabSize * dim, "the output table"),
    bias: options.biases ? allocate(vocabSize, "the biases") : null,
  };
}
