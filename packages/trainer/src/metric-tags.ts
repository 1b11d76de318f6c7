/**
 * Scalar tags of a run's training metrics: the train loop writes them and a sweep's HParams
 * record names them as the metrics its table shows, so both take them from here.
 */
export const METRIC_TAGS = {
  lossRaw: "loss/raw",
  lossSmoothed: "loss/smoothed",
  wordsPerSec: "train/words_per_sec",
} as const;
