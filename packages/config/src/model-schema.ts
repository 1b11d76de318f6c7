import { z } from "zod";

export const PretrainedSchema = z
  .object({
    path: z.string().min(1).describe("word2vec (text or binary) or GloVe vector file"),
    format: z
      .enum(["auto", "word2vec", "word2vec-bin", "glove"])
      .default("auto")
      .describe(
        "word2vec: the C tool's text format (header line); word2vec-bin: its binary format; glove: text without header; auto: from the file's contents",
      ),
    freeze: z.boolean().default(false).describe("keep the imported input vectors fixed"),
    missing: z
      .enum(["random", "zeros"])
      .default("random")
      .describe("vectors for vocabulary words the file lacks: seeded random init, or zeros"),
  })
  .strict();

export const ModelSchema = z
  .object({
    architecture: z
      .enum(["skipgram", "cbow"])
      .default("skipgram")
      .describe(
        "skipgram: predict each context word from the centre word; cbow: predict the centre from the mean of its context vectors (word2vec -cbow, Mikolov et al. 2013)",
      ),
    dim: z.int().min(1).max(4096).default(100).describe("embedding dimension"),
    loss: z
      .enum(["negative-sampling", "nce", "sampled-softmax", "softmax"])
      .default("negative-sampling")
      .describe(
        "negative-sampling: word2vec's logistic loss against `samples` noise words; nce: TF's tf.nn.nce_loss; sampled-softmax: tf.nn.sampled_softmax_loss; softmax: the full softmax over the vocabulary",
      ),
    samples: z
      .int()
      .min(1)
      .default(5)
      .describe("negatives per positive, or num_sampled for NCE/sampled softmax"),
    sampler: z
      .enum(["auto", "unigram", "log-uniform", "uniform"])
      .default("auto")
      .describe(
        "noise distribution; auto: unigram^power for negative sampling, log-uniform for NCE/sampled softmax",
      ),
    samplerPower: z
      .number()
      .min(0)
      .max(1)
      .default(0.75)
      .describe("exponent of the unigram noise distribution, count^power (word2vec: 0.75)"),
    negativeSampling: z
      .enum(["word2vec", "d2l"])
      .default("word2vec")
      .describe(
        "word2vec: a row per (centre, context) pair with its own noise words, losses summed; d2l: a row per centre with all its contexts and `samples` noise words per context (none a context), masked BCE averaged over the row (tfjs engine, skip-gram)",
      ),
    removeAccidentalHits: z
      .union([z.literal("auto"), z.boolean()])
      .default("auto")
      .describe("auto: TF's defaults (false for NCE, true for sampled softmax)"),
    biases: z
      .union([z.literal("auto"), z.boolean()])
      .default("auto")
      .describe("output biases; auto: on for NCE/sampled/full softmax, off for negative sampling"),
    init: z
      .enum(["gensim", "word2vec", "tensorflow", "xavier"])
      .default("gensim")
      .describe(
        "gensim (gensim 4's prep_vectors): input U[-1/dim, 1/dim), output 0; word2vec (word2vec.c): input U(±0.5/dim), output 0; tensorflow: input U[-1,1), output truncated normal 1/sqrt(dim); xavier: d2l's xavier_uniform on both",
      ),
    sigmoid: z
      .enum(["table", "exact"])
      .default("table")
      .describe("hogwild: word2vec's 1000-entry table, or exact"),
    pretrained: PretrainedSchema.optional().describe(
      "start the input vectors from a vector file (a fresh run only; a resumed run keeps its checkpoint's)",
    ),
  })
  .strict();

export type ModelConfig = z.output<typeof ModelSchema>;
