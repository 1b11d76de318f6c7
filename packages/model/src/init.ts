/**
 * Parameter initialisation of each reference, drawn from the run's seeded generator
 * (input table first, then the output table, row by row).
 */
import type { Rng } from "@w2v/data";
import type { Params } from "./params.js";

export type InitScheme = "gensim" | "word2vec" | "tensorflow" | "xavier";

export function initParams(params: Params, scheme: InitScheme, rng: Rng): void {
  const { input, output, bias, vocabSize, dim } = params;
  switch (scheme) {
    case "gensim": {
      // gensim 4 (keyedvectors.prep_vectors): U[-1/dim, 1/dim), twice word2vec.c's range; output 0.
      // The wider start measurably helps CBOW on small corpora (see the model README).
      for (let i = 0; i < input.length; i++) input[i] = (rng.nextFloat() * 2 - 1) / dim;
      output.fill(0);
      break;
    }
    case "word2vec": {
      // word2vec.c: (uniform[0,1) - 0.5) / size; output vectors start at zero.
      for (let i = 0; i < input.length; i++) input[i] = (rng.nextFloat() - 0.5) / dim;
      output.fill(0);
      break;
    }
    case "tensorflow": {
      // TF tutorials: embeddings U[-1, 1), nce_weights truncated_normal(stddev=1/sqrt(dim)).
      for (let i = 0; i < input.length; i++) input[i] = rng.nextFloat() * 2 - 1;
      const stddev = 1 / Math.sqrt(dim);
      for (let i = 0; i < output.length; i++) output[i] = truncatedNormal(rng) * stddev;
      break;
    }
    case "xavier": {
      // d2l: nn.init.xavier_uniform_ on both (vocabSize x dim) embedding tables.
      const bound = Math.sqrt(6 / (vocabSize + dim));
      for (let i = 0; i < input.length; i++) input[i] = (rng.nextFloat() * 2 - 1) * bound;
      for (let i = 0; i < output.length; i++) output[i] = (rng.nextFloat() * 2 - 1) * bound;
      break;
    }
    default:
      throw new Error(`unknown init scheme "${scheme satisfies never}"`);
  }
  bias?.fill(0);
}

/** A standard normal draw redrawn while beyond two standard deviations, as TF's truncated_normal. */
function truncatedNormal(rng: Rng): number {
  for (;;) {
    const value = rng.nextGaussian();
    if (Math.abs(value) <= 2) return value;
  }
}
