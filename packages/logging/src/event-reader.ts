/**
 * Reading event files back: one file's events, or a whole run directory's summaries in
 * the order TensorBoard reads them, with its rule for restarts applied.
 */
import { readFile } from "node:fs/promises";
import { decodeEvent, type LoggedEvent } from "./event-decoder.js";
import { EventFileCorruptError } from "./event-file-corrupt-error.js";
import { listEventFiles } from "./event-file-name.js";
import type { ExperimentInfo, SessionEndInfo, SessionStartInfo } from "./hparams.js";
import type { HistogramMessage } from "./protos.js";
import { readRecords } from "./tfrecord.js";

export interface ReadOptions {
  /**
   * "throw" (default): a bad record throws an `EventFileCorruptError`. "stop": keep what
   * came before it and report it, as TensorBoard does (it stops reading the file).
   */
  onCorruption?: "throw" | "stop";
}

export interface EventFileContents {
  file: string;
  events: LoggedEvent[];
  corruption: EventFileCorruptError | null;
}

/** Decode the events of `bytes`, the content of `file`. */
export function decodeEventFile(
  bytes: Uint8Array,
  file: string,
  options: ReadOptions = {},
): EventFileContents {
  const events: LoggedEvent[] = [];
  try {
    for (const record of readRecords(bytes, file)) {
      try {
        events.push(decodeEvent(record.data));
      } catch (error) {
        throw new EventFileCorruptError(
          file,
          record.index,
          record.offset,
          "invalid-event",
          `not a valid Event: ${(error as Error).message}`,
        );
      }
    }
  } catch (error) {
    if (!(error instanceof EventFileCorruptError) || options.onCorruption !== "stop") throw error;
    return { file, events, corruption: error };
  }
  return { file, events, corruption: null };
}

export async function readEventFile(file: string, options: ReadOptions = {}): Promise<EventFileContents> {
  return decodeEventFile(await readFile(file), file, options);
}

export interface Point {
  step: number;
  wallTime: number;
}

export interface RunSummaries {
  /** The event files read, oldest first. */
  files: string[];
  scalars: Record<string, (Point & { value: number })[]>;
  histograms: Record<string, (Point & { histogram: HistogramMessage })[]>;
  texts: Record<string, (Point & { text: string })[]>;
  /** SessionLog START events: the run's beginning and each resume. */
  sessionStarts: Point[];
  /** TensorBoard shows the first of each of these HParams records. */
  hparamsStarts: (Point & SessionStartInfo)[];
  hparamsEnds: (Point & SessionEndInfo)[];
  experiments: (Point & { experiment: ExperimentInfo })[];
  /** Bad records met with `onCorruption: "stop"` (the rest of each such file is ignored). */
  corruptions: EventFileCorruptError[];
}

type Series<T> = Record<string, (Point & T)[]>;

function append<T>(series: Series<T>, tag: string, point: Point & T): void {
  series[tag] ??= [];
  series[tag].push(point);
}

/**
 * TensorBoard's restart rule: a SessionLog START at step S discards the points already read
 * at steps >= S. HParams records stay: TensorBoard reads them from the first metadata of
 * their tag, which it never discards.
 */
function purgeFrom(summaries: RunSummaries, step: number): void {
  const keep = (point: Point) => point.step < step;
  for (const series of [summaries.scalars, summaries.histograms, summaries.texts] as Series<unknown>[]) {
    for (const tag of Object.keys(series)) series[tag] = series[tag].filter(keep);
  }
}

/** Every event file directly in `runDir`, in order, as TensorBoard would show the run. */
export async function readRun(runDir: string, options: ReadOptions = {}): Promise<RunSummaries> {
  const summaries: RunSummaries = {
    files: await listEventFiles(runDir),
    scalars: {},
    histograms: {},
    texts: {},
    sessionStarts: [],
    hparamsStarts: [],
    hparamsEnds: [],
    experiments: [],
    corruptions: [],
  };
  for (const file of summaries.files) {
    const { events, corruption } = await readEventFile(file, options);
    if (corruption) summaries.corruptions.push(corruption);
    for (const { step, wallTime, sessionLog, values } of events) {
      if (sessionLog === "START") {
        purgeFrom(summaries, step);
        summaries.sessionStarts.push({ step, wallTime });
      }
      for (const value of values) {
        const point = { step, wallTime };
        if (value.kind === "scalar") append(summaries.scalars, value.tag, { ...point, value: value.value });
        else if (value.kind === "histogram") {
          append(summaries.histograms, value.tag, { ...point, histogram: value.histogram });
        } else if (value.kind === "text") append(summaries.texts, value.tag, { ...point, text: value.text });
        else if (value.kind === "hparams-session-start")
          summaries.hparamsStarts.push({ ...point, ...value.info });
        else if (value.kind === "hparams-session-end")
          summaries.hparamsEnds.push({ ...point, ...value.info });
        else if (value.kind === "hparams-experiment") {
          summaries.experiments.push({ ...point, experiment: value.experiment });
        }
      }
    }
  }
  return summaries;
}
