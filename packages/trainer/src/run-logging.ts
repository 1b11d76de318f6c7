/**
 * What a run reports while it trains: TensorBoard scalars (loss, learning rate, words/s,
 * diagnostics ratios), the learning diagnosis, weight histograms and the probe words'
 * nearest neighbours. The loop calls these at its boundaries (run-loop.ts).
 */
import type { ResolvedConfig } from "@w2v/config";
import type { Vocab } from "@w2v/data";
import type { SummaryWriter } from "@w2v/logging";
import type { Params } from "@w2v/model";
import { type HealthReport, LearningMonitor } from "./learning-monitor.js";
import { METRIC_TAGS } from "./metric-tags.js";
import { NonFiniteError } from "./non-finite.js";
import { neighboursMarkdown, type ProbeNeighbours, probeNeighbours } from "./probe-neighbours.js";
import type { ProgressReporter } from "./progress.js";
import type { LossWindow, TrainerCounters } from "./run-loop.js";

export class RunLogging {
  readonly monitor: LearningMonitor;
  /** the probe words that are in the vocabulary */
  readonly probes: string[];
  /** the health at the last summary (printed at the end) */
  latestHealth: HealthReport | null = null;

  constructor(
    private readonly config: ResolvedConfig,
    private readonly vocab: Vocab,
    private readonly params: Params,
    private readonly writer: SummaryWriter,
    private readonly progress: ProgressReporter,
    private readonly counters: TrainerCounters,
    log: (line: string) => void,
  ) {
    this.monitor = new LearningMonitor(params);
    if (counters.startLoss !== null) this.monitor.observeLoss(counters.startLoss);
    const { probeWords } = config.logging;
    this.probes = probeWords.filter((word) => vocab.id(word) >= 0);
    const missing = probeWords.filter((word) => vocab.id(word) < 0);
    if (missing.length > 0) log(`probe words not in the vocabulary (skipped): ${missing.join(", ")}`);
  }

  /** Scalars of the window's steps; a loss or weight that is not finite stops the run. */
  async summary(step: number, window: LossWindow, lr: number): Promise<void> {
    const { counters, monitor } = this;
    const measured = window.lossCount > 0;
    const loss = measured ? window.lossSum / window.lossCount : Number.NaN;
    if (measured && !Number.isFinite(loss)) throw new NonFiniteError(`the loss is ${loss} at step ${step}`);
    const seconds = Math.max(1e-3, (Date.now() - window.start) / 1000);
    const health = monitor.check();
    this.latestHealth = health;
    if (!health.finite) throw new NonFiniteError(`the weights hold NaN or Inf at step ${step}`);
    if (measured) {
      monitor.observeLoss(loss);
      const { smoothing } = this.config.logging;
      const previous = counters.smoothedLoss;
      counters.smoothedLoss = previous === null ? loss : smoothing * previous + (1 - smoothing) * loss;
    }
    await this.writer.scalars(
      {
        ...(measured
          ? { [METRIC_TAGS.lossRaw]: loss, [METRIC_TAGS.lossSmoothed]: counters.smoothedLoss ?? loss }
          : {}),
        "train/learning_rate": lr,
        [METRIC_TAGS.wordsPerSec]: window.words / seconds,
        "train/examples_seen": counters.examplesSeen,
        "diagnostics/update_ratio_input": health.input.updateRatio,
        "diagnostics/update_ratio_output": health.output.updateRatio,
        "diagnostics/rows_moved_input": health.input.rowsMoved,
        "diagnostics/rows_moved_output": health.output.rowsMoved,
      },
      step,
    );
    await this.diagnose(step, health);
  }

  private async diagnose(step: number, health: HealthReport): Promise<void> {
    const { smoothedLoss } = this.counters;
    if (smoothedLoss === null) return;
    const diagnosis = this.monitor.diagnose(this.config, step, smoothedLoss, health);
    if (!diagnosis) return;
    this.progress.log(`warning: ${diagnosis}`);
    await this.writer.text("diagnostics/learning", diagnosis.replace(/\n/g, "\n\n"), step);
  }

  /** Histograms of the input and output vectors (and the biases, while training). */
  async histograms(step: number, withBias = true): Promise<void> {
    const { params, writer } = this;
    await writer.histogram("weights/input", params.input, step);
    await writer.histogram("weights/output", params.output, step);
    if (withBias && params.bias) await writer.histogram("weights/bias", params.bias, step);
  }

  /** The probe words' nearest neighbours, as a table in TensorBoard's Text tab. */
  async neighbours(step: number): Promise<ProbeNeighbours[]> {
    const rows = probeNeighbours(this.vocab, this.params, this.probes, this.config.logging.neighbours);
    if (rows.length > 0) await this.writer.text("neighbours/probe_words", neighboursMarkdown(rows), step);
    return rows;
  }
}
