import { z } from "zod";

export const EvalSetSchema = z.enum(["analogies", "wordsim353", "simlex999"]);

export const EvalSchema = z
  .object({
    sets: z.array(EvalSetSchema).default([]).describe("evaluated at the end of a run"),
    paths: z
      .object({
        analogies: z
          .string()
          .optional()
          .describe("Google analogy questions (questions-words.txt), relative to the config file"),
        wordsim353: z.string().optional().describe("WordSim-353 pairs with human scores (TSV or CSV)"),
        simlex999: z.string().optional().describe("SimLex-999 pairs (SimLex-999.txt)"),
      })
      .strict()
      .prefault({})
      .describe("override the files (default: <data dir>/eval/...)"),
    analogyMethod: z
      .enum(["3cosadd", "3cosmul"])
      .default("3cosadd")
      .describe("3cosadd: argmax cos(d, b - a + c) (Mikolov 2013, gensim); 3cosmul: Levy & Goldberg 2014"),
    restrictVocab: z.int().min(1).default(30_000).describe("analogies use only the N most frequent words"),
  })
  .strict();

export type EvalConfig = z.output<typeof EvalSchema>;
