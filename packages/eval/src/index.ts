export {
  type AnalogyMethod,
  type AnalogyOptions,
  type AnalogyResult,
  type AnalogyScore,
  answerAnalogies,
  COSMUL_EPSILON,
  DEFAULT_RESTRICT_VOCAB,
  evaluateAnalogies,
  solveAnalogy,
} from "./analogies.js";
export {
  type AnalogyQuestion,
  type AnalogySection,
  isSyntacticSection,
  parseAnalogyQuestions,
  readAnalogyQuestions,
} from "./analogy-questions.js";
export { blockProduct } from "./block-product.js";
export {
  type EmbeddingLayerOptions,
  pretrainedEmbeddingLayer,
  type TfjsEmbeddingApi,
} from "./embedding-layer.js";
export { checkEmbeddings, type Embeddings } from "./embeddings.js";
export { evalScalars } from "./eval-scalars.js";
export { formatEvalTable } from "./eval-table.js";
export {
  EVAL_FILE_NAMES,
  EVAL_SETS,
  type EvalDetails,
  type EvalMetrics,
  type EvalPaths,
  type EvalSet,
  type EvaluateOptions,
  evaluateEmbeddings,
  evaluateEmbeddingsDetailed,
  resolveEvalPath,
} from "./evaluate.js";
export { mostSimilar, mostSimilarMany, type Neighbour, nearestToVectors } from "./neighbours.js";
export {
  type LoadPretrainedOptions,
  loadPretrained,
  type MissingWordPolicy,
  type PretrainedVectors,
} from "./pretrained.js";
export { parseSimilarityPairs, readSimilarityPairs, type SimilarityPair } from "./similarity-pairs.js";
export { averageRanks, pearson, spearman } from "./spearman.js";
export { TopK } from "./top-k.js";
export { unitRows } from "./unit-rows.js";
export { formatFloat32, parseFloatToken } from "./vector-files/float-text.js";
export { readProjectorTsv, tsvMetadataPath, writeProjectorTsv } from "./vector-files/projector-tsv.js";
export {
  detectVectorFormat,
  type ExportFormat,
  type ReadVectors,
  readVectorFile,
  scanVectorFile,
  writeVectorFile,
} from "./vector-files/vector-file.js";
export { VectorFileError } from "./vector-files/vector-file-error.js";
export {
  VECTOR_FORMATS,
  type VectorFileInfo,
  type VectorFormat,
  type VectorVisitor,
} from "./vector-files/vector-format.js";
export { UnknownWordError, VectorIndex } from "./vector-index.js";
export { WordLookup } from "./word-lookup.js";
export { evaluateWordSimilarity, type WordSimilarityResult } from "./word-similarity.js";
