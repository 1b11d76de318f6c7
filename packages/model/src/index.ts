export type { Engine, EngineName, EngineOptions, EngineState, Json, StepsReport } from "./engine.js";
export { type InitScheme, initParams } from "./init.js";
export { type LrSchedule, learningRateAt } from "./lr-schedule.js";
export { createParams, type Params, type ParamsAllocator } from "./params.js";
