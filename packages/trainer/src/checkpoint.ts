/**
 * Checkpoints: `checkpoints/ckpt-<step>/` holding `params.safetensors` (input, output,
 * bias), `optimizer.safetensors` (moment/accumulator tensors), `state.json` (step, engine
 * position and every generator's state, vocabulary checksum, config hash) and
 * `checksums.json` (SHA-256 of the other files, verified on load). A checkpoint is built in
 * a temporary directory and renamed into place (`writeDirectoryAtomicSync`), so a crash never
 * leaves a half-written one.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeDirectoryAtomicSync } from "@w2v/data";
import { encodeSafetensors, readSafetensors, type Tensor } from "./safetensors.js";

export interface ParamTensors {
  vocabSize: number;
  dim: number;
  input: Float32Array;
  output: Float32Array;
  bias: Float32Array | null;
}

export interface CheckpointState {
  step: number;
  vocabChecksum: string;
  configHash: string;
  /** The engine's JSON state: epoch, data position, generator states. */
  engine: unknown;
  /**
   * The trainer's own counters (`TrainerCounters` in run-loop.ts): smoothed and starting
   * loss, examples seen, the current epoch's loss sum and count, the last epoch's mean loss.
   */
  trainer: Record<string, unknown>;
}

export interface Checkpoint {
  dir: string;
  state: CheckpointState;
  params: Record<string, Tensor>;
  optimizer: Record<string, Tensor>;
}

const FILES = ["params.safetensors", "optimizer.safetensors", "state.json"] as const;

export function checkpointsDir(runDir: string): string {
  return join(runDir, "checkpoints");
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function paramTensors(params: ParamTensors): Record<string, Tensor> {
  const { vocabSize: v, dim: d } = params;
  const tensors: Record<string, Tensor> = {
    input: { shape: [v, d], data: params.input },
    output: { shape: [v, d], data: params.output },
  };
  if (params.bias) tensors.bias = { shape: [v], data: params.bias };
  return tensors;
}

/** A checkpoint's files, encoded: a copy that training on does not change. */
export interface CheckpointFiles {
  step: number;
  contents: Record<(typeof FILES)[number], Uint8Array>;
}

/** Encode a checkpoint: the snapshot of the parameters and state at this moment. */
export function encodeCheckpoint(checkpoint: {
  state: CheckpointState;
  params: ParamTensors;
  optimizer: Record<string, Float32Array>;
}): CheckpointFiles {
  const { step } = checkpoint.state;
  const optimizer = Object.fromEntries(
    Object.entries(checkpoint.optimizer).map(([key, data]) => [key, { shape: [data.length], data }]),
  );
  const contents = {
    "params.safetensors": encodeSafetensors(paramTensors(checkpoint.params), { step: String(step) }),
    "optimizer.safetensors": encodeSafetensors(optimizer),
    "state.json": Buffer.from(`${JSON.stringify(checkpoint.state, null, 2)}\n`),
  };
  return { step, contents };
}

/** Write encoded checkpoint files atomically and keep only the newest `keep`; returns the directory. */
export function writeCheckpointFiles(runDir: string, files: CheckpointFiles, keep: number): string {
  const root = checkpointsDir(runDir);
  mkdirSync(root, { recursive: true });
  const { contents } = files;
  const checksums = Object.fromEntries(FILES.map((file) => [file, sha256(contents[file])]));
  const target = join(root, `ckpt-${String(files.step).padStart(10, "0")}`);
  writeDirectoryAtomicSync(target, {
    ...contents,
    "checksums.json": Buffer.from(`${JSON.stringify(checksums, null, 2)}\n`),
  });
  for (const old of listCheckpoints(runDir).slice(0, -keep)) rmSync(old, { recursive: true, force: true });
  return target;
}

/** Write a checkpoint atomically and keep only the newest `keep`; returns its directory. */
export function writeCheckpoint(
  runDir: string,
  checkpoint: { state: CheckpointState; params: ParamTensors; optimizer: Record<string, Float32Array> },
  keep: number,
): string {
  return writeCheckpointFiles(runDir, encodeCheckpoint(checkpoint), keep);
}

/** Checkpoint directories, oldest first. */
export function listCheckpoints(runDir: string): string[] {
  const root = checkpointsDir(runDir);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => /^ckpt-\d{10}$/.test(name))
    .sort()
    .map((name) => join(root, name));
}

/** Read and verify one checkpoint; throws naming the bad file. */
export function readCheckpoint(dir: string): Checkpoint {
  let checksums: Record<string, string>;
  try {
    checksums = JSON.parse(readFileSync(join(dir, "checksums.json"), "utf8"));
  } catch (error) {
    throw new Error(`${join(dir, "checksums.json")}: unreadable (${(error as Error).message})`);
  }
  const bytes: Record<string, Buffer> = {};
  for (const file of FILES) {
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`${path}: missing`);
    bytes[file] = readFileSync(path);
    if (sha256(bytes[file]) !== checksums[file])
      throw new Error(`${path}: checksum mismatch (the file is corrupt)`);
  }
  return {
    dir,
    state: JSON.parse(bytes["state.json"].toString("utf8")),
    params: readSafetensors(join(dir, "params.safetensors")).tensors,
    optimizer: readSafetensors(join(dir, "optimizer.safetensors")).tensors,
  };
}

/** The newest checkpoint that verifies; a corrupt one is reported by name and skipped. */
export function loadLatestCheckpoint(runDir: string, warn: (line: string) => void): Checkpoint | null {
  const candidates = listCheckpoints(runDir).reverse();
  for (const dir of candidates) {
    try {
      return readCheckpoint(dir);
    } catch (error) {
      warn(`warning: ${(error as Error).message}; falling back to the previous checkpoint`);
    }
  }
  return null;
}
