import { z } from "zod";

export const EvalSetSchema = z.enum(["analogies", "wordsim353", "simlex999"]);

export const EvalSchema = z
  .object({
    sets: z.array(EvalSetSchema).default([]).describe("evaluated at the end of a run"),
    paths: z
      .object({
        analogies: z.string().optional(),
        wordsim353: z.string().optional(),
        simlex999: z.string().optional(),
      })
      .strict()
      .prefault({})
      .describe("override the files (default: <data dir>/eval/...)"),
    analogyMethod: z.enum(["3cosadd", "3cosmul"]).default("3cosadd"),
    restrictVocab: z.int().min(1).default(30_000).describe("analogies use only the N most frequent words"),
  })
  .strict();

export type EvalConfig = z.output<typeof EvalSchema>;
