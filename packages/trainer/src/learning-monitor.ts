/**
 * Watches a run for the signs of a model that learns nothing: a loss that does not fall
 * below its starting value, updates that are tiny next to the weights, rows that never
 * move; and for NaN/Inf. Ratios are measured on a fixed sample of rows spread over the
 * frequency ranks, which costs a few thousand rows per check instead of a copy of both
 * matrices.
 */
import type { ResolvedConfig } from "@w2v/config";
import type { ParamTensors } from "./checkpoint.js";

const SAMPLE_ROWS = 4096;

export interface MatrixHealth {
  /** ||W_now - W_before|| / ||W_now|| over the sampled rows. */
  updateRatio: number;
  /** Share of sampled rows with any change since the last check. */
  rowsMoved: number;
}

export interface HealthReport {
  input: MatrixHealth;
  output: MatrixHealth;
  finite: boolean;
}

export class LearningMonitor {
  private readonly rows: Int32Array;
  private readonly previous: { input: Float32Array; output: Float32Array };
  private startLoss: number | null = null;
  private warned = false;

  constructor(private readonly params: ParamTensors) {
    const count = Math.min(SAMPLE_ROWS, params.vocabSize);
    this.rows = Int32Array.from({ length: count }, (_, i) => Math.floor((i * params.vocabSize) / count));
    this.previous = { input: this.gather(params.input), output: this.gather(params.output) };
  }

  private gather(matrix: Float32Array): Float32Array {
    const { dim } = this.params;
    const out = new Float32Array(this.rows.length * dim);
    this.rows.forEach((row, i) => {
      out.set(matrix.subarray(row * dim, (row + 1) * dim), i * dim);
    });
    return out;
  }

  private measure(name: "input" | "output"): MatrixHealth & { finite: boolean } {
    const now = this.gather(this.params[name]);
    const before = this.previous[name];
    const { dim } = this.params;
    let diff2 = 0;
    let norm2 = 0;
    let moved = 0;
    let finite = true;
    for (let r = 0; r < this.rows.length; r++) {
      let rowMoved = false;
      for (let k = r * dim; k < (r + 1) * dim; k++) {
        const d = now[k] - before[k];
        if (!Number.isFinite(now[k])) finite = false;
        if (d !== 0) rowMoved = true;
        diff2 += d * d;
        norm2 += now[k] * now[k];
      }
      if (rowMoved) moved++;
    }
    this.previous[name] = now;
    return {
      updateRatio: norm2 > 0 ? Math.sqrt(diff2 / norm2) : diff2 > 0 ? Infinity : 0,
      rowsMoved: moved / this.rows.length,
      finite,
    };
  }

  /** Update ratios and moved rows since the previous call. */
  check(): HealthReport {
    const input = this.measure("input");
    const output = this.measure("output");
    return {
      input: { updateRatio: input.updateRatio, rowsMoved: input.rowsMoved },
      output: { updateRatio: output.updateRatio, rowsMoved: output.rowsMoved },
      finite: input.finite && output.finite,
    };
  }

  /** Record the loss at the start of training (the first logged window). */
  observeLoss(loss: number): void {
    if (this.startLoss === null && Number.isFinite(loss)) this.startLoss = loss;
  }

  get startingLoss(): number | null {
    return this.startLoss;
  }

  /**
   * After the warm-up, a diagnosis (once) if the loss has not fallen or the updates are
   * below `minUpdateRatio` of the weights; null when the run looks healthy.
   */
  diagnose(config: ResolvedConfig, step: number, recentLoss: number, health: HealthReport): string | null {
    const { warmupSteps, minUpdateRatio, enabled } = config.trainer.diagnostics;
    if (!enabled || this.warned || step < warmupSteps || this.startLoss === null) return null;
    // The weaker matrix decides: a table that barely moves is what makes a run learn nothing
    // (the output table of a word2vec-initialised run starts at zero, so its ratio is large).
    const weakest = Math.min(health.input.updateRatio, health.output.updateRatio);
    const tinyUpdates = weakest < minUpdateRatio;
    // A flat loss alone is no verdict: with large updates it may rise before it falls (cs20's
    // NCE runs do), so it counts only while the updates stay small too.
    const stalledLoss = recentLoss >= 0.98 * this.startLoss && weakest < 100 * minUpdateRatio;
    if (!stalledLoss && !tinyUpdates) return null;
    this.warned = true;
    const facts = [
      stalledLoss
        ? `the loss has not fallen: ${recentLoss.toFixed(4)} after ${step} steps, ${((100 * recentLoss) / this.startLoss).toFixed(1)}% of its starting value ${this.startLoss.toFixed(4)}`
        : `updates are tiny next to the weights`,
      `update/weight ratio per check: input ${health.input.updateRatio.toExponential(2)}, output ${health.output.updateRatio.toExponential(2)} (healthy sparse SGD: about 1e-4 to 1e-2)`,
      `rows that moved since the last check: input ${(100 * health.input.rowsMoved).toFixed(1)}%, output ${(100 * health.output.rowsMoved).toFixed(1)}%`,
    ];
    return [
      `The model does not seem to learn (${facts[0]}).`,
      ...facts.slice(1),
      "Likely causes:",
      ...likelyCauses(config),
    ].join("\n");
  }
}

function likelyCauses(config: ResolvedConfig): string[] {
  const { trainer, model } = config;
  const causes: string[] = [];
  if (trainer.optimizer === "sgd" && trainer.lr < 0.01) {
    causes.push(
      `- learning rate ${trainer.lr} is orders of magnitude too small for sparse SGD: each row is updated only when its word occurs (word2vec uses 0.025, cs20's NCE example 0.5-1.0)`,
    );
  }
  if (model.loss !== "softmax" && model.samples < 5) {
    causes.push(
      `- ${model.samples} noise sample${model.samples === 1 ? "" : "s"} per example give a weak, noisy signal (word2vec uses 5-20 negatives, cs20 64 NCE samples)`,
    );
  }
  if (model.init === "tensorflow") {
    causes.push(
      "- initialisation: input vectors uniform in [-1, 1) are large next to small updates, so the histograms barely move (word2vec starts at ±0.5/dim)",
    );
  }
  if (causes.length === 0)
    causes.push(
      "- learning rate, number of noise samples or initialisation (see the README's troubleshooting section)",
    );
  causes.push("- more epochs will not help while the updates stay this small");
  return causes;
}
