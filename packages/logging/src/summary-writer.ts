/**
 * What a training run writes for TensorBoard: scalars, histograms, text and HParams in a
 * new event file of the run directory. Every method returns a promise that is already
 * settled unless the write queue is full: `await` it and the loop is slowed only when the
 * disk cannot keep up.
 */
import { EventFileWriter, type EventFileWriterOptions } from "./event-file-writer.js";
import { computeHistogram } from "./histogram.js";
import {
  type ExperimentInfo,
  experimentValue,
  type HParams,
  type SessionStatus,
  sessionEndValue,
  sessionStartValue,
} from "./hparams.js";
import { SESSION_STATUS, type SummaryValueMessage } from "./protos.js";
import { histogramValue, scalarValue, textValue } from "./summary-values.js";

export interface SummaryWriterOptions extends EventFileWriterOptions {
  /**
   * Write a SessionLog START at this step right after the file's first record: 0 when a
   * run begins, one past the checkpoint's step when it resumes (TensorBoard then drops the
   * points an interrupted process logged at or after this step, and keeps those at the
   * checkpoint, which the resumed process does not log again). Leave unset for files that
   * are not a run's log (a sweep's experiment record).
   */
  startStep?: number;
}

export class SummaryWriter {
  private constructor(
    private readonly events: EventFileWriter,
    private readonly now: () => number,
  ) {}

  /** Open a new event file in `runDir` (created if missing). */
  static async open(runDir: string, options: SummaryWriterOptions = {}): Promise<SummaryWriter> {
    const writer = new SummaryWriter(await EventFileWriter.open(runDir, options), options.now ?? Date.now);
    if (options.startStep !== undefined) {
      await writer.events.write({
        wallTime: writer.wallTime(),
        step: options.startStep,
        sessionLog: { status: SESSION_STATUS.values.START },
      });
    }
    return writer;
  }

  /** The event file being written. */
  get path(): string {
    return this.events.path;
  }

  /** Bytes accepted and not yet written to the file. */
  get queuedBytes(): number {
    return this.events.queuedBytes;
  }

  scalar(tag: string, value: number, step: number): Promise<void> {
    return this.values([scalarValue(tag, value)], step);
  }

  /** Several scalars at one step, in one event (e.g. `{ "loss/raw": 2.1, "lr": 0.025 }`). */
  scalars(values: Record<string, number>, step: number): Promise<void> {
    return this.values(
      Object.entries(values).map(([tag, value]) => scalarValue(tag, value)),
      step,
    );
  }

  /**
   * The distribution of `values` (e.g. a whole weight matrix). NaN and infinite values are
   * left out of the histogram and counted in the scalar `<tag>/non_finite`, written only
   * when there are some.
   */
  histogram(tag: string, values: Float32Array, step: number): Promise<void> {
    const { histogram, nonFinite } = computeHistogram(values);
    const summary = [histogramValue(tag, histogram)];
    if (nonFinite > 0) summary.push(scalarValue(`${tag}/non_finite`, nonFinite));
    return this.values(summary, step);
  }

  /** Markdown text (tables, lists, code) for the Text dashboard. */
  text(tag: string, markdown: string, step: number): Promise<void> {
    return this.values([textValue(tag, markdown)], step);
  }

  /** HParams session start: the run's hyperparameters (see `flattenHParams`). Write it once per run. */
  hparamsStart(
    hparams: HParams,
    options: { step?: number; groupName?: string; startTimeSecs?: number } = {},
  ): Promise<void> {
    const startTimeSecs = options.startTimeSecs ?? this.wallTime();
    return this.values(
      [sessionStartValue({ hparams, groupName: options.groupName ?? "", startTimeSecs })],
      options.step ?? 0,
    );
  }

  /**
   * HParams session end. TensorBoard keeps the first one a run holds, so write it once,
   * when the run is over for good (not when it is interrupted to be resumed).
   */
  hparamsEnd(status: SessionStatus, options: { step?: number; endTimeSecs?: number } = {}): Promise<void> {
    const endTimeSecs = options.endTimeSecs ?? this.wallTime();
    return this.values([sessionEndValue({ status, endTimeSecs })], options.step ?? 0);
  }

  /** An HParams experiment record; see `writeHParamsExperiment` for a sweep's directory. */
  experiment(experiment: ExperimentInfo): Promise<void> {
    return this.values([experimentValue(experiment)], 0);
  }

  /** Write everything accepted so far to the file. */
  flush(): Promise<void> {
    return this.events.flush();
  }

  /** Write everything accepted so far and sync it to disk (see `EventFileWriter.sync`). */
  sync(): Promise<void> {
    return this.events.sync();
  }

  /** Flush, sync and close the file. */
  close(): Promise<void> {
    return this.events.close();
  }

  private values(value: SummaryValueMessage[], step: number): Promise<void> {
    return this.events.write({ wallTime: this.wallTime(), step, summary: { value } });
  }

  private wallTime(): number {
    return this.now() / 1000;
  }
}
