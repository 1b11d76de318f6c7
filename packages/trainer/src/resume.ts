/**
 * Where a run starts and what it saves to start again: the newest valid checkpoint
 * (parameters, optimiser tensors, the engine's position and generators, the trainer's
 * counters) or, for a fresh run, pretrained vectors when the config names them; and the
 * checkpoint written at each boundary and at the end.
 */
import type { ResolvedConfig } from "@w2v/config";
import { type Corpus, Rng } from "@w2v/data";
import { loadPretrained } from "@w2v/eval";
import type { Engine } from "@w2v/model";
import {
  type Checkpoint,
  type CheckpointFiles,
  encodeCheckpoint,
  loadLatestCheckpoint,
} from "./checkpoint.js";
import { configHash } from "./config-hash.js";
import { assertFiniteParams } from "./non-finite.js";
import { freshCounters, type TrainerCounters } from "./run-loop.js";

/** Copies a checkpoint's tensors and states into the engine; throws naming a tensor that does not fit. */
export function restore(engine: Engine, checkpoint: Checkpoint): void {
  const { params } = engine;
  for (const name of ["input", "output", "bias"] as const) {
    const target = params[name];
    const saved = checkpoint.params[name];
    if (!target && !saved) continue;
    if (!target || !saved || saved.data.length !== target.length) {
      throw new Error(`${checkpoint.dir}: tensor "${name}" does not match this run's parameters`);
    }
    target.set(saved.data);
  }
  const live = engine.optimizerState();
  for (const [name, array] of Object.entries(live)) {
    const saved = checkpoint.optimizer[name];
    if (!saved || saved.data.length !== array.length) {
      throw new Error(`${checkpoint.dir}: optimiser tensor "${name}" is missing or has the wrong size`);
    }
    array.set(saved.data);
  }
  engine.setState(checkpoint.state.engine as Parameters<Engine["setState"]>[0]);
}

async function applyPretrained(
  config: ResolvedConfig,
  corpus: Corpus,
  engine: Engine,
  log: (line: string) => void,
): Promise<void> {
  const pretrained = config.model.pretrained;
  if (!pretrained) return;
  const loaded = await loadPretrained(pretrained.path, {
    words: corpus.vocab.words,
    dim: config.model.dim,
    format: pretrained.format,
    missing: pretrained.missing,
    rng: Rng.derive(config.seed, "pretrained"),
  });
  engine.params.input.set(loaded.vectors);
  log(
    `pretrained: ${loaded.found} of ${corpus.vocab.size} words (${(100 * loaded.coverage).toFixed(1)}%) from ${pretrained.path}; ` +
      `the others ${pretrained.missing === "random" ? "drawn at random" : "zero"}`,
  );
}

export interface StartPoint {
  /** the checkpoint resumed from, or null for a fresh start */
  checkpoint: Checkpoint | null;
  counters: TrainerCounters;
}

/**
 * Restores the newest valid checkpoint of `runDir` when resuming (refusing one trained on
 * another vocabulary), else starts afresh with the pretrained vectors, if any.
 */
export async function startPoint(
  engine: Engine,
  run: { runDir: string; config: ResolvedConfig; corpus: Corpus; resume: boolean },
  log: (line: string) => void,
): Promise<StartPoint> {
  const { runDir, config, corpus } = run;
  const checkpoint = run.resume ? loadLatestCheckpoint(runDir, log) : null;
  if (run.resume && !checkpoint) log("no usable checkpoint: starting from the beginning");
  if (!checkpoint) {
    await applyPretrained(config, corpus, engine, log);
    return { checkpoint: null, counters: freshCounters() };
  }
  if (checkpoint.state.vocabChecksum !== corpus.vocab.checksum()) {
    throw new Error(
      `${checkpoint.dir}: the vocabulary differs from the checkpoint's (the data or data settings changed); cannot resume`,
    );
  }
  restore(engine, checkpoint);
  log(`resuming from ${checkpoint.dir} (step ${checkpoint.state.step})`);
  const saved = checkpoint.state.trainer as Partial<TrainerCounters>;
  return { checkpoint, counters: { ...freshCounters(), ...saved } };
}

/** Snapshots the engine's checkpoint at `step` (refusing non-finite weights), to write later. */
export function snapshotCheckpoint(
  engine: Engine,
  run: { config: ResolvedConfig; vocabChecksum: string },
  step: number,
  counters: TrainerCounters,
): CheckpointFiles {
  const { params } = engine;
  assertFiniteParams(params, step);
  const state = {
    step,
    vocabChecksum: run.vocabChecksum,
    configHash: configHash(run.config),
    engine: engine.getState(),
    trainer: { ...counters },
  };
  return encodeCheckpoint({ state, params, optimizer: engine.optimizerState() });
}
