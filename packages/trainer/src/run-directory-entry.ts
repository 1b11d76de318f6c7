/**
 * `@w2v/trainer/run-directory`: a run directory's files, status and lock without the
 * training code, so tools that only read runs (`exp ls`, sweeps) load in milliseconds.
 */
export {
  RUN_FILES,
  RunFileError,
  readJson,
  removeRunTempFiles,
  updateMeta,
  writeFileAtomic,
  writeJsonAtomic,
} from "./run-directory.js";
export { lockRunDir, RunLockedError, type RunLockOwner, runLockHolder } from "./run-lock.js";
export { type RunStatus, type RunStatusName, readStatus, statusPath, writeStatus } from "./run-status.js";
