/** Moved to @w2v/config (config-path helpers); re-exported so existing imports keep working. */
export { type ConfigChange, diffConfigs, flattenConfig } from "@w2v/config";
/** evalScalars moved to @w2v/eval; re-exported so existing imports keep working. */
export { evalScalars } from "@w2v/eval";
export {
  type Checkpoint,
  type CheckpointState,
  checkpointsDir,
  listCheckpoints,
  loadLatestCheckpoint,
  readCheckpoint,
  writeCheckpoint,
} from "./checkpoint.js";
export { configHash } from "./config-hash.js";
export { createEngine } from "./create-engine.js";
export { LearningMonitor } from "./learning-monitor.js";
export { METRIC_TAGS } from "./metric-tags.js";
export * from "./run-directory-entry.js";
export { chooseVectors } from "./run-outputs.js";
export {
  decodeSafetensors,
  encodeSafetensors,
  readSafetensors,
  type Safetensors,
  type Tensor,
} from "./safetensors.js";
export { type TrainOptions, type TrainResult, train } from "./train.js";
