import type { EvalMetrics } from "./evaluate.js";

/**
 * TensorBoard scalars of an evaluation: `<prefix>/<set>_<metric>`, e.g. `eval/analogy_total`.
 * One naming for the end of a run, `exp eval` and a sweep's HParams metric list.
 */
export function evalScalars(metrics: EvalMetrics, prefix = "eval"): Record<string, number> {
  const scalars: Record<string, number> = {};
  for (const [set, values] of Object.entries(metrics)) {
    for (const [key, value] of Object.entries(values as Record<string, number | null>)) {
      if (typeof value === "number") scalars[`${prefix}/${set}_${key}`] = value;
    }
  }
  return scalars;
}
