import { z } from "zod";

export const ProjectorSchema = z
  .object({
    size: z
      .int()
      .min(0)
      .default(3000)
      .describe("top-N words exported to the projector (cs20: 3000); 0 disables"),
    vectors: z
      .enum(["input", "output", "sum"])
      .default("input")
      .describe("which vectors the projector shows: input (word2vec's), output, or their sum"),
    atCheckpoints: z
      .boolean()
      .default(false)
      .describe("also write the projector files at each checkpoint, not only at the end of the run"),
  })
  .strict();

export const LoggingSchema = z
  .object({
    every: z
      .int()
      .min(1)
      .default(10)
      .describe("steps between scalar summaries (loss, learning rate, words/s, diagnostics)"),
    smoothing: z.number().min(0).lt(1).default(0.9).describe("EMA factor of the smoothed loss"),
    histograms: z
      .boolean()
      .default(true)
      .describe("write histograms of the input and output vectors (TensorBoard's Histograms tab)"),
    histogramsEvery: z.int().min(1).default(200).describe("steps between weight histograms"),
    probeWords: z
      .array(z.string().min(1))
      .optional()
      .describe("words whose neighbours are shown; default per corpus"),
    neighbours: z.int().min(1).default(8).describe("neighbours shown per probe word"),
    neighboursEvery: z
      .int()
      .min(1)
      .default(500)
      .describe("steps between the probe words' nearest neighbours (TensorBoard's Text tab)"),
    progress: z
      .enum(["auto", "bar", "lines", "none"])
      .default("auto")
      .describe("bar: a live progress bar; lines: a line every 5 s; auto: bar on a terminal, else lines"),
    projector: ProjectorSchema.prefault({}).describe(
      "the embedding projector's files (projector_config.pbtxt, metadata.tsv, tensors)",
    ),
  })
  .strict();

export type LoggingConfig = z.output<typeof LoggingSchema>;
