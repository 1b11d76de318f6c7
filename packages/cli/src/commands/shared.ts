import type { TrainResult } from "@w2v/trainer";
import { type Command, InvalidArgumentError } from "commander";
import { EXIT } from "../exit-codes.js";

/** Commander accumulator for repeatable options such as `--set`. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The global `--experiments-dir` (env W2V_EXPERIMENTS_DIR), seen from any subcommand. */
export function experimentsDir(command: Command): string {
  return command.optsWithGlobals().experimentsDir as string;
}

/** 0 when training finished; 130/143 when SIGINT/SIGTERM stopped it after a checkpoint. */
export function trainingExitCode(result: TrainResult): number {
  if (result.status === "interrupted") return result.signal === "SIGTERM" ? EXIT.sigterm : EXIT.sigint;
  return result.status === "finished" ? EXIT.ok : EXIT.failure;
}

/** Commander parser for options that take a whole number >= 1 (`-k 10`, `--parallel 2`). */
export function positiveInt(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError("expected a whole number >= 1");
  return value;
}

/** Commander parser for options that take a whole number >= 0 (`--retries 0`). */
export function nonNegativeInt(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError("expected a whole number >= 0");
  return value;
}
