export { CandidateSampler, type Candidates } from "./candidates.js";
export type { Engine, EngineName, EngineOptions, EngineState, Json, StepsReport } from "./engine.js";
export { createHogwildEngine, HogwildEngine, type HogwildProgress } from "./hogwild/index.js";
export { type InitScheme, initParams } from "./init.js";
export { nceLoss } from "./losses/nce-loss.js";
export { type NegativeSamplingLossArgs, negativeSamplingLoss } from "./losses/negative-sampling-loss.js";
export type { SampledLossArgs, SampledValues } from "./losses/sampled-logits.js";
export { sampledSoftmaxLoss } from "./losses/sampled-softmax-loss.js";
export { type SoftmaxLossArgs, softmaxLoss } from "./losses/softmax-loss.js";
export { type LrSchedule, learningRateAt } from "./lr-schedule.js";
export { createParams, type Params, type ParamsAllocator } from "./params.js";
export {
  clusterRecovery,
  type PlantedCorpus,
  type PlantedCorpusOptions,
  plantedCorpus,
  syntheticCorpus,
} from "./planted-clusters.js";
export { applySgd, type LossAndGrads, type ReferenceExample } from "./reference/example.js";
export { nceLossAndGrads } from "./reference/nce.js";
export {
  type MaskedBceExample,
  maskedBceLossAndGrads,
  type NsExample,
  nsLossAndGrads,
} from "./reference/negative-sampling.js";
export type { SampledExample } from "./reference/sampled-logits.js";
export { sampledSoftmaxLossAndGrads } from "./reference/sampled-softmax.js";
export { softmaxLossAndGrads } from "./reference/softmax.js";
export { noiseDistribution, planRun, type RunPlan } from "./run-plan.js";
export { type BackendPreference, type ChosenBackend, selectTfjsBackend } from "./tfjs-backend.js";
export { createTfjsEngine, type TfjsEngine } from "./tfjs-engine/tfjs-engine.js";
