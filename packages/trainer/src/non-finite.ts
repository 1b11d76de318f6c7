/** NaN or Inf in the loss or the weights: the run stops, keeping its last good checkpoint. */
import type { Params } from "@w2v/model";
import { listCheckpoints } from "./checkpoint.js";

export class NonFiniteError extends Error {}

export function allFinite(values: Float32Array | null): boolean {
  if (!values) return true;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** Throws a NonFiniteError when the weights hold NaN or Inf (nothing is saved from them). */
export function assertFiniteParams(params: Params, step: number): void {
  if (!allFinite(params.input) || !allFinite(params.output) || !allFinite(params.bias)) {
    throw new NonFiniteError(`the weights hold NaN or Inf at step ${step}`);
  }
}

/** The message a NaN stop ends with: what was kept and the likely causes. */
export function nonFiniteMessage(error: NonFiniteError, runDir: string): string {
  const latest = listCheckpoints(runDir).at(-1);
  const kept = latest
    ? `The last good checkpoint is kept: ${latest}.`
    : "No checkpoint had been written yet.";
  return (
    `${error.message}: training stopped. ${kept} ` +
    "Likely causes: a learning rate too large for this loss and optimiser, or exploding updates."
  );
}
