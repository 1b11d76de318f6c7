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
    stepEvery: z
      .int()
      .min(1)
      .default(10_000)
      .describe("step schedule: steps between two multiplications by gamma (a step as in trainer.steps)"),
    gamma: z
      .number()
      .positive()
      .max(1)
      .default(0.5)
      .describe(
        "step schedule: factor applied every stepEvery steps, lr0 * gamma^floor(step / stepEvery) (TF's exponential_decay with staircase)",
      ),
  })
  .strict();

export const CheckpointSchema = z
  .object({
    every: z
      .int()
      .min(1)
      .default(1000)
      .describe("steps between checkpoints (one is always written at the end and when a run is stopped)"),
    keep: z.int().min(1).default(3).describe("how many of the latest checkpoints to keep"),
  })
  .strict();

export const TrainerSchema = z
  .object({
    engine: z
      .enum(["hogwild", "tfjs"])
      .default("hogwild")
      .describe("hogwild: WebAssembly SIMD kernels on threads; tfjs: TensorFlow.js autodiff on minibatches"),
    kernel: z
      .enum(["word2vec", "hogbatch"])
      .default("word2vec")
      .describe(
        "hogwild: word2vec: word2vec.c's steps, one per skip-gram pair and CBOW window, each seeing the previous ones' updates, fresh negatives for each (exact word2vec semantics; one thread is bit-reproducible); hogbatch: the blocked steps of Ji et al. 2016 (Intel's pWord2Vec, HogBatch): skip-gram's contexts of one centre share one draw of negatives (NCE, sampled softmax: its candidates) and update together from the window's old values, CBOW's batches of 4 consecutive windows share one draw of negatives and update together; faster, a slightly different SGD. The full softmax, and CBOW with NCE or sampled softmax, keep word2vec's steps",
      ),
    backend: z.enum(["auto", "node", "wasm", "cpu"]).default("auto").describe("tfjs backend"),
    threads: z
      .union([z.literal("auto"), z.int().min(1).max(256)])
      .default("auto")
      .describe(
        "hogwild: worker threads updating the shared vectors without locks (word2vec -threads); auto: the machine's available parallelism. May change on resume",
      ),
    epochs: z
      .int()
      .min(1)
      .default(5)
      .describe("passes over the corpus (word2vec -iter, gensim epochs); ignored when trainer.steps is set"),
    steps: z
      .int()
      .min(1)
      .optional()
      .describe(
        "stop after this many steps instead of after the epochs; a step is trainer.stepWords corpus words on hogwild, one minibatch of trainer.batchSize examples on tfjs (cs20: 100000)",
      ),
    stepWords: z
      .int()
      .min(1)
      .default(10_000)
      .describe(
        "hogwild: corpus words (before subsampling) per step, the unit of trainer.steps and every step cadence; word2vec updates its learning rate every 10000 words",
      ),
    batchSize: z
      .int()
      .min(1)
      .default(128)
      .describe(
        "tfjs: examples per step (skip-gram: (centre, context) pairs; CBOW: windows; d2l rows: centres)",
      ),
    optimizer: z
      .enum(["sgd", "adam", "adagrad"])
      .default("sgd")
      .describe(
        "sgd: param -= lr * grad (word2vec, cs20); adam: lazy Adam on the touched rows (d2l); adagrad: TF's Adagrad. hogwild trains with sgd only",
      ),
    lr: z
      .number()
      .positive()
      .default(0.025)
      .describe(
        "starting learning rate. hogwild: the step size of each example's SGD update, as word2vec's -alpha (0.025 skip-gram, 0.05 CBOW); tfjs: the optimiser's step on the gradient of the batch-mean loss (d2l's Adam 0.002, cs20's SGD 1.0), so the same number moves vectors about batchSize times less per example than on hogwild",
      ),
    lrSchedule: LrScheduleSchema.prefault({}).describe(
      "how the learning rate changes with the step (computed once in the run plan, used by both engines)",
    ),
    adam: z
      .object({
        beta1: z
          .number()
          .min(0)
          .lt(1)
          .default(0.9)
          .describe("decay rate of the first-moment (mean) estimate (Kingma & Ba 2015; PyTorch betas[0])"),
        beta2: z
          .number()
          .min(0)
          .lt(1)
          .default(0.999)
          .describe("decay rate of the second-moment (uncentred variance) estimate (PyTorch betas[1])"),
        epsilon: z
          .number()
          .positive()
          .default(1e-8)
          .describe("added to the square root of the second moment to avoid division by zero (PyTorch eps)"),
      })
      .strict()
      .prefault({})
      .describe("Adam's settings (trainer.optimizer: adam, tfjs engine); d2l uses the defaults"),
    adagrad: z
      .object({
        initialAccumulator: z
          .number()
          .min(0)
          .default(0.1)
          .describe("starting value of every squared-gradient accumulator (TF initial_accumulator_value)"),
        epsilon: z
          .number()
          .positive()
          .default(1e-8)
          .describe("added to the square root of the accumulator to avoid division by zero"),
      })
      .strict()
      .prefault({})
      .describe(
        "Adagrad's settings (trainer.optimizer: adagrad, tfjs engine), as tf.keras.optimizers.Adagrad",
      ),
    checkpoint: CheckpointSchema.prefault({}).describe(
      "checkpoints in <run>/checkpoints/ckpt-<step>/ (safetensors), from which exp resume continues",
    ),
    diagnostics: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .describe(
            "check the loss and update/weight ratios and print a diagnosis when a run is not learning",
          ),
        warmupSteps: z.int().min(1).default(200).describe("steps before the learning diagnosis is made"),
        minUpdateRatio: z
          .number()
          .positive()
          .default(1e-6)
          .describe("update/weight norm below which a run stalls"),
      })
      .strict()
      .prefault({})
      .describe(
        "the learning diagnosis: is the loss falling, do the weights move (README: When a run learns nothing)",
      ),
  })
  .strict();

export type TrainerConfig = z.output<typeof TrainerSchema>;
