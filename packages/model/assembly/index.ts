// The hogwild kernels' exports: the training loop and the single steps it is made of
// (exported so that tests can check one step against the reference gradients).

export { cbowBlock, skipGramBlock, windowContexts } from "./hogbatch";
export { bindRun } from "./run";
export { drawNegatives, drawUniqueCandidates, storeCandidateLogQ } from "./sampling";
export { train } from "./train";
export { cbowStep, skipGramStep } from "./word2vec";
