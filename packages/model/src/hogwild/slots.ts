/**
 * The shared-memory layout's field offsets and codes, compiled both by TypeScript (the
 * host writes the header and reads progress) and by AssemblyScript (the kernels read
 * them): one source of truth, so plain numeric constants only.
 */

/** Where the run header starts: page 1, above the kernels' own static data in page 0. */
export const HEADER_BASE = 65536;
export const HEADER_BYTES = 256;
/** Per-thread contexts follow the header, one block each. */
export const THREAD_BYTES = 256;

// Header fields (byte offsets from HEADER_BASE; i32 unless noted).
export const H_VOCAB_SIZE = 0;
export const H_DIM = 4;
export const H_ARCHITECTURE = 8;
export const H_LOSS = 12;
export const H_SAMPLES = 16;
export const H_REMOVE_HITS = 20;
export const H_SIGMOID_EXACT = 24;
export const H_WINDOW = 28;
export const H_WINDOW_FIXED = 32;
export const H_STEP_WORDS = 36;
export const H_TOTAL_STEPS = 40;
export const H_SENTENCES = 44;
/** model.pretrained.freeze: the input vectors are not updated */
export const H_FREEZE_INPUT = 100;
// Region pointers (0 = absent).
export const H_INPUT = 48;
export const H_OUTPUT = 52;
export const H_BIAS = 56;
export const H_CORPUS = 60;
export const H_SENTENCE_STARTS = 64;
export const H_KEEP = 68;
export const H_NOISE_PROB = 72;
export const H_NOISE_ALIAS = 76;
export const H_NOISE_LOG1M = 80;
export const H_SIGMOID_TABLE = 84;
export const H_LOG_SIGMOID_TABLE = 88;
export const H_LR_TABLE = 92;
/**
 * The most frequent words (ids below it) whose output rows and biases each thread trains
 * in a private copy, merged into the shared ones every H_HOT_SYNC_WORDS corpus words: the
 * rows every thread writes constantly (frequent negatives) no longer move between cores.
 */
export const H_HOT_ROWS = 104;
export const H_HOT_SYNC_WORDS = 108;
/**
 * Sentences form a ring starting at H_FIRST_SENTENCE (drawn from the seed); a sentence's
 * cursor counts the sentences before it in the run, over all epochs. Each sentence's
 * generator is seeded from H_SENTENCE_SEED and its cursor.
 */
export const H_FIRST_SENTENCE = 112;
export const H_SENTENCE_SEED = 116;
/** threads in the run: the lanes a thread may take sentences from */
export const H_THREADS = 120;
/** trainer.kernel: KERNEL_WORD2VEC or KERNEL_HOGBATCH */
export const H_KERNEL = 124;
/** i64, atomic: corpus words consumed by all threads (drives the learning rate). */
export const H_WORDS_DONE = 128;
/** i64: the cursor of the first sentence of the current kernel call (lanes count from it) */
export const H_CALL_BASE = 136;

// Per-thread context fields (byte offsets from the thread's block).
/** i64 examples trained (each adds one loss term), f64 the sum of their losses */
export const T_EXAMPLES = 0;
export const T_LOSS_SUM = 8;
/** f32: the last learning rate used */
export const T_LR = 16;
/** candidates in T_CANDIDATES, and the draws it took to collect them (unique sampling) */
export const T_CANDIDATE_COUNT = 20;
export const T_NUM_TRIES = 24;
/** i32: the mark of the current unique draw in T_MARKS */
export const T_MARK = 28;
// Scratch pointers of the thread.
export const T_NEU1 = 32;
export const T_NEU1E = 36;
export const T_SENTENCE_BUFFER = 40;
export const T_CANDIDATES = 44;
export const T_CANDIDATE_LOGQ = 48;
export const T_LOGITS = 52;
export const T_MARKS = 56;
export const T_CONTEXTS = 60;
/** the private copies of the hot rows and biases, and their values at the last merge */
export const T_HOT_OUTPUT = 64;
export const T_HOT_OUTPUT_BASE = 68;
export const T_HOT_BIAS = 72;
export const T_HOT_BIAS_BASE = 76;
/**
 * The blocked kernel's scratch (assembly/hogbatch.ts; absent with the word2vec kernel):
 * each block row's hidden-vector pointer (i32), positive word (i32) and context count
 * (i32), its logits and steps (BLOCK_ROWS x (samples + 1) f32), its input-side errors
 * (BLOCK_ROWS x dim f32) and the CBOW windows' hidden vectors (CBOW_BATCH x dim f32).
 */
export const T_BLOCK_ROWS = 80;
export const T_BLOCK_POSITIVES = 84;
export const T_BLOCK_COUNTS = 88;
export const T_BLOCK_STEPS = 92;
export const T_BLOCK_ERRORS = 96;
export const T_BLOCK_HIDDEN = 100;
/**
 * u64, atomic: the thread's lane, sentences [next, end) after H_CALL_BASE, packed as
 * next | end << 32. The thread takes from the front; a thread whose lane is empty takes
 * from the back of the fullest lane. In the block's second half, away from the counters.
 */
export const T_LANE = 128;

// Codes.
export const ARCH_SKIPGRAM = 0;
export const ARCH_CBOW = 1;
export const LOSS_NEGATIVE_SAMPLING = 0;
export const LOSS_NCE = 1;
export const LOSS_SAMPLED_SOFTMAX = 2;
export const LOSS_SOFTMAX = 3;
export const KERNEL_WORD2VEC = 0;
export const KERNEL_HOGBATCH = 1;

/**
 * Consecutive CBOW windows of a sentence that share one set of negatives under the
 * blocked kernel (pWord2Vec's CBOW batching): more windows reuse each negative's row more
 * often, but each window's hidden vector misses the updates of the batch before it. On
 * text8-prefix, analogies: batch 2 4.75%, 4 4.28%, 8 4.05% (word2vec's steps 4.79%); 4 is
 * as fast as 8.
 */
export const CBOW_BATCH = 4;

/** word2vec's sigmoid table: EXP_TABLE_SIZE entries over [-MAX_EXP, MAX_EXP]. */
export const SIGMOID_TABLE_SIZE = 1000;
export const MAX_EXP = 6;
