export { decodeEvent, type LoggedEvent, type LoggedValue } from "./event-decoder.js";
export { type CorruptionKind, EventFileCorruptError } from "./event-file-corrupt-error.js";
export { eventFileName, isEventFileName, listEventFiles } from "./event-file-name.js";
export { EventFileWriter, type EventFileWriterOptions, FILE_VERSION } from "./event-file-writer.js";
export {
  decodeEventFile,
  type EventFileContents,
  type Point,
  type ReadOptions,
  type RunSummaries,
  readEventFile,
  readRun,
} from "./event-reader.js";
export { bucketIndex, computeHistogram, DEFAULT_BUCKET_LIMITS, type HistogramResult } from "./histogram.js";
export {
  describeHParams,
  type ExperimentInfo,
  flattenHParams,
  type HParamDomain,
  type HParamInfo,
  type HParams,
  type HParamValue,
  type MetricInfo,
  type SessionEndInfo,
  type SessionStartInfo,
  type SessionStatus,
} from "./hparams.js";
export { writeHParamsExperiment } from "./hparams-experiment.js";
export { markdownTable } from "./markdown-table.js";
export { maskedCrc32c } from "./masked-crc.js";
export {
  PROJECTOR_CONFIG_FILE,
  PROJECTOR_METADATA_FILE,
  type ProjectorEmbedding,
  type ProjectorFiles,
  type ProjectorOptions,
  writeProjector,
} from "./projector.js";
export type { EventMessage, HistogramMessage, SessionLogStatus, SummaryValueMessage } from "./protos.js";
export { SummaryWriter, type SummaryWriterOptions } from "./summary-writer.js";
export { type RecordSlice, readRecords, recordSize, writeRecord } from "./tfrecord.js";
