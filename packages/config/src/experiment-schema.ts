import { z } from "zod";
import { DataSchema } from "./data-schema.js";
import { EvalSchema } from "./eval-schema.js";
import { LoggingSchema } from "./logging-schema.js";
import { ModelSchema } from "./model-schema.js";
import { TrainerSchema } from "./trainer-schema.js";

export const RUN_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._=,+-]*$/;
export const MAX_RUN_NAME_LENGTH = 128;

export const ExperimentSchema = z
  .object({
    name: z
      .string()
      .regex(RUN_NAME_PATTERN, "letters, digits and . _ = , + - (experiments/<name>/)")
      // It names a directory: file systems allow 255 bytes, and a run id follows it.
      .max(MAX_RUN_NAME_LENGTH)
      .default("default")
      .describe("experiment name: runs go to experiments/<name>/<run-id>/"),
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1)
      .describe("drives every random choice of the run"),
    data: DataSchema.prefault({}).describe(
      "the corpus, how it becomes token ids (vocabulary, subsampling) and the context windows",
    ),
    model: ModelSchema.prefault({}).describe(
      "architecture, embedding size, loss and noise sampler, initialisation",
    ),
    trainer: TrainerSchema.prefault({}).describe(
      "engine, length of the run, optimiser, learning rate and its schedule, checkpoints, diagnostics",
    ),
    logging: LoggingSchema.prefault({}).describe(
      "what goes to TensorBoard and the console, and how often (cadences count steps)",
    ),
    eval: EvalSchema.prefault({}).describe(
      "evaluation of the final input vectors on analogy and similarity sets",
    ),
  })
  .strict();

/** A validated config with every default filled in (some fields may still say "auto"). */
export type ExperimentConfig = z.output<typeof ExperimentSchema>;
/** What a config file may hold: every field optional. */
export type ExperimentConfigInput = z.input<typeof ExperimentSchema>;
