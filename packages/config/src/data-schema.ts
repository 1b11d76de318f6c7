import { z } from "zod";

/** Frequent-word subsampling: word2vec's rule, d2l's rule, or none (reference doc). */
export const SubsamplingSchema = z
  .object({
    rule: z
      .enum(["none", "word2vec", "d2l"])
      .default("word2vec")
      .describe("word2vec: keep (sqrt(c/(t*T))+1)*(t*T)/c; d2l: keep sqrt(t/f); none: keep all"),
    threshold: z.number().positive().max(1).default(1e-3).describe("the threshold t (word2vec -sample)"),
  })
  .strict();

export const DataSchema = z
  .object({
    corpus: z
      .enum(["ptb", "text8", "text"])
      .default("ptb")
      .describe("ptb: d2l's ptb.zip; text8: Mahoney's text8; text: any UTF-8 file or folder"),
    path: z
      .string()
      .min(1)
      .optional()
      .describe(
        "file, folder or zip to read (relative to the config file); else $W2V_DATA_DIR, then the cache",
      ),
    split: z.enum(["train", "valid", "test"]).default("train").describe("PTB split to train on"),
    allowText8Prefix: z
      .boolean()
      .default(false)
      .describe("text8 only: when text8.zip is absent, train on text8-prefix.txt (recorded in meta.json)"),
    download: z.boolean().default(true).describe("download a missing corpus from its known URL"),
    lowercase: z.boolean().default(true).describe("text corpus: lowercase before tokenising"),
    minCount: z.int().min(1).default(5).describe("discard words seen fewer times (word2vec -min-count)"),
    maxVocab: z
      .int()
      .min(1)
      .nullable()
      .default(null)
      .describe("keep only the N most frequent words (cs20: 50000)"),
    unknownWords: z
      .enum(["drop", "unk"])
      .default("drop")
      .describe("out-of-vocabulary tokens: drop them (word2vec) or map them to unkToken (cs20, d2l)"),
    unkToken: z.string().min(1).default("<unk>").describe("the token that stands for unknown words"),
    maxSentenceLength: z
      .int()
      .min(1)
      .default(10000)
      .describe(
        "sentences (and text8's one stream of words) are cut into pieces of at most this many words, before subsampling. 10000 is gensim's (Text8Corpus, MAX_SENTENCE_LEN); word2vec.c cuts at 1000 words kept after subsampling. Windows never cross a cut, so short pieces lose context at every cut: on text8-prefix, 1000 cost CBOW about 0.5 analogy points",
      ),
    subsampling: SubsamplingSchema.prefault({}).describe(
      "randomly drop frequent words before windows are formed (Mikolov et al. 2013, word2vec -sample)",
    ),
    window: z.int().min(1).default(5).describe("maximum context distance on each side"),
    windowRule: z
      .enum(["reduced", "uniform", "fixed"])
      .default("reduced")
      .describe(
        "reduced: word2vec's window - b, b in [0, window); uniform: d2l's 1..window; fixed: always window",
      ),
    cacheDir: z.string().optional().describe("tokenised-corpus cache (default $XDG_CACHE_HOME/w2v-lab)"),
  })
  .strict();

export type DataConfig = z.output<typeof DataSchema>;
