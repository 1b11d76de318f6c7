/**
 * `@w2v/model/testing`: what tests of word2vec code need, kept out of the main entry: a
 * corpus with planted clusters and a recovery score (learning tests), and hand-derived
 * reference losses and gradients of every loss (agreement tests of the engines and of
 * tfjs models of your own).
 */
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
