import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type EvalMetrics, evalScalars } from "@w2v/eval";
import {
  describeHParams,
  type ExperimentInfo,
  flattenHParams,
  type HParams,
  type MetricInfo,
  writeHParamsExperiment,
} from "@w2v/logging";
import { METRIC_TAGS } from "@w2v/trainer";
import type { SweepPlan } from "./plan.js";
import { shortKeys } from "./trial-name.js";

/** Scalar tags every run writes (the trainer's train loop writes the same constants). */
const TRAINING_METRICS: MetricInfo[] = [
  { tag: METRIC_TAGS.lossSmoothed, displayName: "loss (smoothed)" },
  { tag: METRIC_TAGS.wordsPerSec, displayName: "words/s" },
];

/**
 * The hyperparameters each trial varies, named as its session start names them (flattened
 * config keys): a swept mapping such as `data.subsampling` contributes the leaves that differ.
 */
function variedHParams(plan: SweepPlan): HParams[] {
  const paths = [...new Set(plan.trials.flatMap((trial) => trial.varied.map((value) => value.path)))];
  const flat = plan.trials.map((trial) => flattenHParams(trial.config));
  const keys = [...new Set(flat.flatMap((hparams) => Object.keys(hparams)))].filter(
    (key) =>
      paths.some((path) => key === path || key.startsWith(`${path}.`)) &&
      flat.some((hparams) => hparams[key] !== flat[0][key]),
  );
  return flat.map((hparams) =>
    Object.fromEntries(keys.filter((key) => key in hparams).map((key) => [key, hparams[key]])),
  );
}

/**
 * Evaluation scalars the finished trials wrote (the trainer logs eval.json's numbers with
 * `evalScalars`).
 */
function evalMetrics(plan: SweepPlan): MetricInfo[] {
  const tags = new Set<string>();
  for (const trial of plan.trials) {
    const file = join(trial.dir, "eval.json");
    if (!existsSync(file)) continue;
    let metrics: unknown;
    try {
      metrics = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      continue; // `exp ls` reports unreadable run files; the record just lacks their tags.
    }
    for (const tag of Object.keys(evalScalars((metrics ?? {}) as EvalMetrics))) tags.add(tag);
  }
  return [...tags].sort().map((tag) => ({ tag }));
}

/** The HParams experiment record of a sweep: its varied fields with their domains, and the metric tags. */
export function sweepExperiment(plan: SweepPlan): ExperimentInfo {
  const hparams = describeHParams(variedHParams(plan));
  const short = shortKeys(hparams.map((info) => info.name));
  const ranges = plan.loaded.sweep.random?.parameters ?? {};
  return {
    name: plan.name,
    description: plan.description ?? `exp sweep ${plan.file}`,
    timeCreatedSecs: Date.now() / 1000,
    hparams: hparams.map((info) => {
      const range = ranges[info.name];
      const bounds = range?.uniform ?? range?.logUniform ?? range?.int;
      // A random range is the domain the HParams filters offer, not just the values drawn.
      const domain = bounds ? { interval: { min: bounds[0], max: bounds[1] } } : info.domain;
      return { ...info, domain, displayName: short.get(info.name) };
    }),
    metrics: [...TRAINING_METRICS, ...evalMetrics(plan)],
  };
}

/** Write (or replace) the record in the sweep directory, where TensorBoard's HParams dashboard reads it. */
export async function writeSweepHParams(plan: SweepPlan): Promise<void> {
  await writeHParamsExperiment(plan.dir, sweepExperiment(plan));
}
