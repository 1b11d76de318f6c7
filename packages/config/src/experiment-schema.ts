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
    data: DataSchema.prefault({}),
    model: ModelSchema.prefault({}),
    trainer: TrainerSchema.prefault({}),
    logging: LoggingSchema.prefault({}),
    eval: EvalSchema.prefault({}),
  })
  .strict();

/** A validated config with every default filled in (some fields may still say "auto"). */
export type ExperimentConfig = z.output<typeof ExperimentSchema>;
/** What a config file may hold: every field optional. */
export type ExperimentConfigInput = z.input<typeof ExperimentSchema>;
