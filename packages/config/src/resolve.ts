import { availableParallelism } from "node:os";
import type { ExperimentConfig } from "./experiment-schema.js";

type Sampler = "unigram" | "log-uniform" | "uniform";

/** A config whose "auto" values are replaced by what the run will actually use. */
export type ResolvedConfig = Omit<ExperimentConfig, "model" | "trainer" | "logging"> & {
  model: Omit<ExperimentConfig["model"], "sampler" | "removeAccidentalHits" | "biases"> & {
    sampler: Sampler;
    removeAccidentalHits: boolean;
    biases: boolean;
  };
  trainer: Omit<ExperimentConfig["trainer"], "threads"> & { threads: number };
  logging: Omit<ExperimentConfig["logging"], "probeWords"> & { probeWords: string[] };
};

/** Probe words shown when a config names none: frequent, topical words of each corpus. */
export const DEFAULT_PROBE_WORDS: Record<ExperimentConfig["data"]["corpus"], string[]> = {
  ptb: ["chip", "market", "president", "bank", "stock"],
  text8: ["king", "france", "computer", "war", "three"],
  text: [],
};

/** Replace "auto" by each reference's own choice (see the reference doc for why). */
export function resolveConfig(config: ExperimentConfig): ResolvedConfig {
  const { model, trainer, logging } = config;
  const sampledLoss = model.loss === "nce" || model.loss === "sampled-softmax";
  return {
    ...config,
    model: {
      ...model,
      // TF's sampled losses default to the log-uniform sampler; word2vec draws unigram^0.75.
      sampler: model.sampler === "auto" ? (sampledLoss ? "log-uniform" : "unigram") : model.sampler,
      removeAccidentalHits:
        model.removeAccidentalHits === "auto" ? model.loss === "sampled-softmax" : model.removeAccidentalHits,
      biases: model.biases === "auto" ? model.loss !== "negative-sampling" : model.biases,
    },
    trainer: {
      ...trainer,
      threads: trainer.threads === "auto" ? Math.max(1, availableParallelism()) : trainer.threads,
    },
    logging: {
      ...logging,
      probeWords: logging.probeWords ?? DEFAULT_PROBE_WORDS[config.data.corpus],
    },
  };
}
