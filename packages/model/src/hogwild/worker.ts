/**
 * A hogwild thread: instantiates the kernels once on the shared memory, then trains
 * whichever thread block a task names (all of a thread's state lives in its block, so any
 * pool worker can run it). Loaded from dist by piscina.
 */
import { workerData } from "piscina";
import { instantiateKernels } from "./kernels.js";

const kernels = instantiateKernels(workerData.module, workerData.memory);
/**
 * Corpus words per kernel call: calls return often enough for the engine to switch a
 * running thread to the optimised code of the kernels (it cannot replace a running call's
 * code), seldom enough that a call's fixed work (binding the run, the hot rows' copy and
 * merge) costs nothing: some 30 ms of training.
 */
const WORDS_PER_CALL = 16384;

/** Trains the thread's lane to its end; returns the seconds it took. */
export default function train(context: number): number {
  const start = performance.now();
  while (!kernels.train(context, WORDS_PER_CALL));
  return (performance.now() - start) / 1000;
}

/** A task that returns once this worker has loaded the kernels (module scope above). */
export function ready(): void {}
