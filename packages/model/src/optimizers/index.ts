/**
 * The optimiser a config names. The factory lives here, above the optimisers, so that the
 * optimisers import only their shared interface (sparse-optimizer.ts) and no file imports
 * a file that imports it back.
 */
import type { TrainerConfig } from "@w2v/config";
import type { Params } from "../params.js";
import { AdagradOptimizer } from "./adagrad.js";
import { LazyAdamOptimizer } from "./lazy-adam.js";
import { SgdOptimizer } from "./sgd.js";
import type { SparseOptimizer } from "./sparse-optimizer.js";

export type { RowGradientSink, SparseOptimizer, TableName } from "./sparse-optimizer.js";

export function createSparseOptimizer(
  trainer: Pick<TrainerConfig, "optimizer" | "adam" | "adagrad">,
  params: Params,
): SparseOptimizer {
  switch (trainer.optimizer) {
    case "sgd":
      return new SgdOptimizer(params);
    case "adam":
      return new LazyAdamOptimizer(params, trainer.adam);
    case "adagrad":
      return new AdagradOptimizer(params, trainer.adagrad);
    default:
      throw new Error(`unknown optimizer "${trainer.optimizer satisfies never}"`);
  }
}
