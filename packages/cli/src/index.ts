export { EXIT, UsageError } from "./exit-codes.js";
export { main } from "./main.js";
export { createRunDir, runIdFor } from "./run-dir.js";
