export {
  type Checkpoint,
  type CheckpointState,
  checkpointsDir,
  listCheckpoints,
  loadLatestCheckpoint,
  readCheckpoint,
  writeCheckpoint,
} from "./checkpoint.js";
export { type ConfigChange, diffConfigs, flattenConfig } from "./config-diff.js";
export { configHash } from "./config-hash.js";
export { createEngine } from "./create-engine.js";
export { LearningMonitor } from "./learning-monitor.js";
export {
  openRunDirectory,
  RUN_FILES,
  type RunStatus,
  type RunStatusName,
  readJson,
  readStatus,
  removeRunTempFiles,
  updateMeta,
  writeFileAtomic,
  writeJsonAtomic,
  writeStatus,
} from "./run-directory.js";
export { chooseVectors, evalScalars } from "./run-outputs.js";
export {
  decodeSafetensors,
  encodeSafetensors,
  readSafetensors,
  type Safetensors,
  type Tensor,
} from "./safetensors.js";
export { type TrainOptions, type TrainResult, train } from "./train.js";
