export { ConfigError, type ConfigIssue, type SourceLocation } from "./config-error.js";
export { type ConfigChange, diffConfigs } from "./config-paths.js";
export { type DataConfig, DataSchema, SubsamplingSchema } from "./data-schema.js";
export { deepMerge, isPlainObject } from "./deep-merge.js";
export { type EvalConfig, EvalSchema, EvalSetSchema } from "./eval-schema.js";
export {
  type ExperimentConfig,
  type ExperimentConfigInput,
  ExperimentSchema,
  RUN_NAME_PATTERN,
} from "./experiment-schema.js";
export { flattenConfig } from "./flatten-config.js";
export { experimentJsonSchema } from "./json-schema.js";
export { type LoadConfigOptions, type LoadedConfig, loadConfig, parseExperiment } from "./load-config.js";
export { type LoggingConfig, LoggingSchema, ProjectorSchema } from "./logging-schema.js";
export { type ModelConfig, ModelSchema, PretrainedSchema } from "./model-schema.js";
export { parseOverride } from "./overrides.js";
export { DEFAULT_PROBE_WORDS, type ResolvedConfig, resolveConfig } from "./resolve.js";
export {
  DISTRIBUTION_KINDS,
  type Distribution,
  DistributionSchema,
  type LoadedSweep,
  loadSweepFile,
  type SweepFile,
  type SweepFileInput,
  SweepSchema,
  sweepJsonSchema,
} from "./sweep-schema.js";
export { CheckpointSchema, LrScheduleSchema, type TrainerConfig, TrainerSchema } from "./trainer-schema.js";
export { suggest } from "./zod-issues.js";
