import { z } from "zod";

export const ProjectorSchema = z
  .object({
    size: z
      .int()
      .min(0)
      .default(3000)
      .describe("top-N words exported to the projector (cs20: 3000); 0 disables"),
    vectors: z.enum(["input", "output", "sum"]).default("input"),
    atCheckpoints: z.boolean().default(false),
  })
  .strict();

export const LoggingSchema = z
  .object({
    every: z.int().min(1).default(10).describe("steps between scalar summaries"),
    smoothing: z.number().min(0).lt(1).default(0.9).describe("EMA factor of the smoothed loss"),
    histograms: z.boolean().default(true),
    histogramsEvery: z.int().min(1).default(200),
    probeWords: z
      .array(z.string().min(1))
      .optional()
      .describe("words whose neighbours are shown; default per corpus"),
    neighbours: z.int().min(1).default(8).describe("neighbours shown per probe word"),
    neighboursEvery: z.int().min(1).default(500),
    progress: z.enum(["auto", "bar", "lines", "none"]).default("auto"),
    projector: ProjectorSchema.prefault({}),
  })
  .strict();

export type LoggingConfig = z.output<typeof LoggingSchema>;
