import { z } from "zod";

export const LrScheduleSchema = z
  .object({
    type: z
      .enum(["linear", "constant", "step"])
      .default("linear")
      .describe("linear: word2vec's decay to minFraction; step: multiply by gamma every stepEvery steps"),
    minFraction: z
      .number()
      .min(0)
      .max(1)
      .default(1e-4)
      .describe("floor of the linear decay, as a fraction of lr"),
    stepEvery: z.int().min(1).default(10_000),
    gamma: z.number().positive().max(1).default(0.5),
  })
  .strict();

export const CheckpointSchema = z
  .object({
    every: z
      .int()
      .min(1)
      .default(1000)
      .describe("steps between checkpoints (one is always written at the end)"),
    keep: z.int().min(1).default(3).describe("how many of the latest checkpoints to keep"),
  })
  .strict();

export const TrainerSchema = z
  .object({
    engine: z
      .enum(["hogwild", "tfjs"])
      .default("hogwild")
      .describe("hogwild: WebAssembly SIMD kernels on threads; tfjs: TensorFlow.js autodiff on minibatches"),
    backend: z.enum(["auto", "node", "wasm", "cpu"]).default("auto").describe("tfjs backend"),
    threads: z.union([z.literal("auto"), z.int().min(1).max(256)]).default("auto"),
    epochs: z.int().min(1).default(5),
    steps: z.int().min(1).optional().describe("stop after this many steps instead of after the epochs"),
    stepWords: z
      .int()
      .min(1)
      .default(10_000)
      .describe("hogwild: corpus words per step (word2vec updates its learning rate this often)"),
    batchSize: z.int().min(1).default(128).describe("tfjs: examples per step"),
    optimizer: z.enum(["sgd", "adam", "adagrad"]).default("sgd"),
    lr: z.number().positive().default(0.025).describe("learning rate (word2vec: 0.025 skip-gram, 0.05 CBOW)"),
    lrSchedule: LrScheduleSchema.prefault({}),
    adam: z
      .object({
        beta1: z.number().min(0).lt(1).default(0.9),
        beta2: z.number().min(0).lt(1).default(0.999),
        epsilon: z.number().positive().default(1e-8),
      })
      .strict()
      .prefault({}),
    adagrad: z
      .object({
        initialAccumulator: z.number().min(0).default(0.1),
        epsilon: z.number().positive().default(1e-8),
      })
      .strict()
      .prefault({}),
    checkpoint: CheckpointSchema.prefault({}),
    diagnostics: z
      .object({
        enabled: z.boolean().default(true),
        warmupSteps: z.int().min(1).default(200).describe("steps before the learning diagnosis is made"),
        minUpdateRatio: z
          .number()
          .positive()
          .default(1e-6)
          .describe("update/weight norm below which a run stalls"),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type TrainerConfig = z.output<typeof TrainerSchema>;
