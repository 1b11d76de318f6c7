import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type CheckpointState,
  listCheckpoints,
  loadLatestCheckpoint,
  writeCheckpoint,
} from "./checkpoint.js";

function params(fill: number) {
  return {
    vocabSize: 3,
    dim: 2,
    input: new Float32Array(6).fill(fill),
    output: new Float32Array(6).fill(-fill),
    bias: Float32Array.from([1, 2, 3]),
  };
}

function state(step: number): CheckpointState {
  return { step, vocabChecksum: "v", configHash: "c", engine: { epoch: 0, rng: [1, 2, 3, 4] }, trainer: {} };
}

describe("checkpoints", () => {
  it("keeps the newest K, each complete and verified", () => {
    const run = mkdtempSync(join(tmpdir(), "w2v-ckpt-"));
    for (const step of [10, 20, 30, 40])
      writeCheckpoint(run, { state: state(step), params: params(step), optimizer: {} }, 3);
    expect(listCheckpoints(run).map((dir) => basename(dir))).toEqual([
      "ckpt-0000000020",
      "ckpt-0000000030",
      "ckpt-0000000040",
    ]);
    expect(readdirSync(join(run, "checkpoints")).some((name) => name.includes("tmp"))).toBe(false);
    const latest = loadLatestCheckpoint(run, () => {});
    expect(latest?.state.step).toBe(40);
    expect(latest?.params.input.data[0]).toBe(40);
    expect(Array.from(latest?.params.bias.data ?? [])).toEqual([1, 2, 3]);
  });

  it("names a corrupt latest checkpoint and falls back to the previous one", () => {
    const run = mkdtempSync(join(tmpdir(), "w2v-ckpt-"));
    const optimizer = { "adam.m.input": new Float32Array(6).fill(0.5) };
    writeCheckpoint(run, { state: state(1), params: params(1), optimizer }, 3);
    const latest = writeCheckpoint(run, { state: state(2), params: params(2), optimizer }, 3);
    const file = join(latest, "params.safetensors");
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] ^= 0xff;
    writeFileSync(file, bytes);
    const warnings: string[] = [];
    const loaded = loadLatestCheckpoint(run, (line) => warnings.push(line));
    expect(loaded?.state.step).toBe(1);
    expect(loaded?.optimizer["adam.m.input"].data[0]).toBe(0.5);
    expect(warnings).toEqual([
      `warning: ${file}: checksum mismatch (the file is corrupt); falling back to the previous checkpoint`,
    ]);
  });
});
