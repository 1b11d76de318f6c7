// `pnpm bench model [--engine tfjs|hogwild] [--runs 5]`: training speed over text8-prefix.txt
// ($W2V_DATA_DIR) with word2vec's text8 settings: dim 100, window 5, 5 negatives,
// subsampling 1e-4, min count 5; hogwild with both kernels (trainer.kernel: word2vec and
// hogbatch), the hogbatch figures under `*_hogbatch_*` keys. Words per second are wall-clock corpus words consumed
// (before subsampling, as word2vec counts them), engine setup excluded; each case runs
// `--runs` times and reports the median. The last line is the JSON summary.
import { parseArgs } from "node:util";
import { DataSchema, type ExperimentConfigInput, ExperimentSchema, resolveConfig } from "@w2v/config";
import { type Corpus, loadCorpus } from "@w2v/data";
import { createHogwildEngine } from "../src/hogwild/hogwild-engine.js";

const { values: options } = parseArgs({
  options: {
    engine: { type: "string" },
    runs: { type: "string", default: "5" },
    // hogwild: bound each run to this many steps of 10,000 words (default: one epoch)
    "hogwild-steps": { type: "string" },
    "tfjs-batch": { type: "string", default: "2048" },
    "tfjs-seconds": { type: "string", default: "20" },
  },
});
const dataDir = process.env.W2V_DATA_DIR;
if (!dataDir) {
  console.error("pnpm bench model: set W2V_DATA_DIR to the folder holding text8-prefix.txt");
  process.exit(2);
}

const TEXT8_SETTINGS = {
  seed: 1,
  data: {
    corpus: "text8",
    allowText8Prefix: true,
    download: false,
    minCount: 5,
    window: 5,
    subsampling: { rule: "word2vec", threshold: 1e-4 },
  },
  model: { architecture: "skipgram", loss: "negative-sampling", samples: 5, dim: 100 },
} satisfies ExperimentConfigInput;

const corpus = await loadCorpus(DataSchema.parse(TEXT8_SETTINGS.data), {
  baseDir: process.cwd(),
  log: (line) => console.log(line),
});
console.log(`corpus: ${corpus.ids.length} tokens, ${corpus.vocab.size} words`);

/** tfjs engine, skip-gram with negative sampling: words/s over a bounded number of steps. */
async function benchTfjs(corpus: Corpus): Promise<number> {
  const batchSize = Number(options["tfjs-batch"]);
  const seconds = Number(options["tfjs-seconds"]);
  const config = resolveConfig(
    ExperimentSchema.parse({
      ...TEXT8_SETTINGS,
      trainer: { engine: "tfjs", batchSize, optimizer: "sgd", lr: 0.025 * batchSize },
    }),
  );
  // Loaded here, not at the top: tfjs adds ~65 MB that the hogwild cases' peak RSS must not count.
  const { createTfjsEngine } = await import("../src/tfjs-engine/tfjs-engine.js");
  const engine = await createTfjsEngine({ config, corpus, log: (line) => console.log(line) });
  await engine.runSteps(3); // warm-up: backend kernels, first allocations
  let words = 0;
  let steps = 0;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    const report = await engine.runSteps(5);
    words += report.words;
    steps += report.steps;
    if (report.done) break;
  }
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await engine.close();
  const wordsPerSecond = words / elapsed;
  console.log(
    `  tfjs skip-gram NS, batch ${batchSize}, ${engine.backend.description}: ${steps} steps, ${words} words in ${elapsed.toFixed(1)} s = ${Math.round(wordsPerSecond)} words/s (${cpuSeconds.toFixed(1)} CPU s: ${Math.round(words / cpuSeconds)} words per CPU s)`,
  );
  return Math.round(wordsPerSecond);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

/** Median words/s of `runs` runs of `run`. */
async function medianOf(label: string, run: () => Promise<number>): Promise<number> {
  const rates: number[] = [];
  for (let i = 0; i < Number(options.runs); i++) rates.push(await run());
  const result = median(rates);
  console.log(`${label}: median ${result} words/s of ${rates.length} runs`);
  return result;
}

type Kernel = "word2vec" | "hogbatch";

/**
 * hogwild engine, negative sampling, with `kernel`: words/s of one bounded run on a fresh engine. The
 * CPU seconds of all threads are printed too: on a shared machine the wall-clock figure
 * falls with the other load, words per CPU second much less.
 */
async function benchHogwild(
  corpus: Corpus,
  architecture: "skipgram" | "cbow",
  threads: number,
  kernel: Kernel,
): Promise<number> {
  const steps = options["hogwild-steps"] === undefined ? undefined : Number(options["hogwild-steps"]);
  const lr = architecture === "cbow" ? 0.05 : 0.025;
  const config = resolveConfig(
    ExperimentSchema.parse({
      ...TEXT8_SETTINGS,
      model: { ...TEXT8_SETTINGS.model, architecture },
      trainer: { engine: "hogwild", kernel, threads, epochs: 1, steps, lr },
    }),
  );
  const engine = await createHogwildEngine({ config, corpus });
  try {
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const report = await engine.runSteps(engine.totalSteps);
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(
      `  hogwild ${kernel} ${architecture} ${threads}t: ${report.words} words in ${seconds.toFixed(2)} s = ${Math.round(report.words / seconds)} words/s (${cpuSeconds.toFixed(2)} CPU s: ${Math.round(report.words / cpuSeconds)} words per CPU s), mean loss ${(report.lossSum / report.lossCount).toFixed(3)}`,
    );
    return Math.round(report.words / seconds);
  } finally {
    await engine.close();
  }
}

const summary: Record<string, number | null> = {
  sg_words_per_s_1t: null,
  sg_words_per_s_2t: null,
  cbow_words_per_s_1t: null,
  cbow_words_per_s_2t: null,
  sg_hogbatch_words_per_s_1t: null,
  sg_hogbatch_words_per_s_2t: null,
  cbow_hogbatch_words_per_s_1t: null,
  cbow_hogbatch_words_per_s_2t: null,
  tfjs_words_per_s: null,
  peak_rss_mb: null,
};

/** The median words/s of each thread count for one architecture and kernel, into the summary. */
async function benchKernel(architecture: "skipgram" | "cbow", kernel: Kernel): Promise<void> {
  const key = `${architecture === "cbow" ? "cbow" : "sg"}${kernel === "hogbatch" ? "_hogbatch" : ""}`;
  // 2 and 1 threads alternate, so that both see the same share of a machine others use.
  const rates: Record<number, number[]> = { 1: [], 2: [] };
  for (let run = 0; run < Number(options.runs); run++) {
    for (const threads of [2, 1]) {
      rates[threads].push(await benchHogwild(corpus, architecture, threads, kernel));
      if (summary.peak_rss_mb === null) {
        // One run's high-water mark: text8-prefix loaded, skip-gram trained on 2 threads.
        summary.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
        console.log(
          `peak RSS, text8-prefix loaded and hogwild skip-gram trained on 2 threads: ${summary.peak_rss_mb} MB`,
        );
      }
    }
  }
  for (const threads of [2, 1]) {
    const result = median(rates[threads]);
    summary[`${key}_words_per_s_${threads}t`] = result;
    console.log(
      `hogwild ${kernel} ${architecture} ${threads} thread(s): median ${result} words/s of ${rates[threads].length} runs`,
    );
  }
  const speedup = (summary[`${key}_words_per_s_2t`] ?? 0) / (summary[`${key}_words_per_s_1t`] ?? 1);
  console.log(`hogwild ${kernel} ${architecture}: 2 threads = ${speedup.toFixed(2)}x one thread`);
}

if (options.engine === undefined || options.engine === "hogwild") {
  for (const architecture of ["skipgram", "cbow"] as const) {
    for (const kernel of ["word2vec", "hogbatch"] as const) await benchKernel(architecture, kernel);
  }
}
if (options.engine === undefined || options.engine === "tfjs") {
  summary.tfjs_words_per_s = await medianOf("tfjs skip-gram", () => benchTfjs(corpus));
}
console.log(JSON.stringify(summary));
