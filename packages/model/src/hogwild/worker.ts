/**
 * A hogwild thread: instantiates the kernels once on the shared memory, then trains
 * whichever thread block a task names (all of a thread's state lives in its block, so any
 * pool worker can run it). Loaded from dist by piscina.
 */
import { workerData } from "piscina";
import { instantiateKernels } from "./kernels.js";

const kernels = instantiateKernels(workerData.module, workerData.memory);

export default function train(context: number): void {
  kernels.train(context);
}
