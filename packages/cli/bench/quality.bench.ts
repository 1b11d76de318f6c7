// `pnpm bench quality [--seeds 1-4] [--arch sg|cbow|both] [--set k=v]... [--no-gensim]`:
// the quality of the vectors users get, against gensim with the same settings.
// Trains configs/text8-sgns.yaml and configs/text8-cbow.yaml on text8-prefix.txt
// ($W2V_DATA_DIR) with `exp run`, as a user would, once per seed; when Debian's
// python3-gensim is importable, trains gensim's Word2Vec with the run's resolved settings
// on the same corpus. Both sets of vectors are scored by @w2v/eval (which agrees with
// gensim's own evaluators). Prints per seed, mean ± std and the differences; the last line
// is the JSON summary.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type EvalMetrics, evaluateEmbeddings, readVectorFile } from "@w2v/eval";
import { parse as parseYaml } from "yaml";
import { type Arch, expRun, TEXT8_CONFIGS } from "./exp-run.js";

const { values: options } = parseArgs({
  options: {
    seeds: { type: "string", default: "1-4" },
    arch: { type: "string", default: "both" },
    set: { type: "string", multiple: true, default: [] },
    "no-gensim": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});

const dataDir = process.env.W2V_DATA_DIR;
if (!dataDir) {
  console.error("pnpm bench quality: set W2V_DATA_DIR to the folder holding text8-prefix.txt and eval/");
  process.exit(2);
}
const corpusFile = join(dataDir, "text8-prefix.txt");
const gensimScript = fileURLToPath(new URL("./gensim-train.py", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "w2v-quality-"));

function parseSeeds(text: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  const seeds = text.split(",").map(Number);
  if (seeds.some((s) => !Number.isInteger(s))) {
    console.error(`--seeds ${text}: expected a range (1-4) or a list (1,3,5)`);
    process.exit(2);
  }
  return seeds;
}

const archs: Arch[] = options.arch === "both" ? ["sg", "cbow"] : [options.arch as Arch];
if (!archs.every((arch) => arch in TEXT8_CONFIGS)) {
  console.error(`--arch ${options.arch}: expected sg, cbow or both`);
  process.exit(2);
}
const seeds = parseSeeds(options.seeds);

/** A python with gensim: Debian's python3-gensim lives in /usr/bin/python3. */
function findGensimPython(): string | null {
  if (options["no-gensim"]) return null;
  for (const python of ["python3", "/usr/bin/python3"]) {
    const probe = spawnSync(python, ["-c", "import gensim"], { stdio: "ignore" });
    if (probe.status === 0) return python;
  }
  return null;
}

interface Score {
  analogy: number;
  semantic: number;
  syntactic: number;
  ws353: number;
  simlex: number;
  wordsPerSec: number;
}

function score(metrics: EvalMetrics, wordsPerSec: number): Score {
  return {
    analogy: metrics.analogy?.total ?? Number.NaN,
    semantic: metrics.analogy?.semantic ?? Number.NaN,
    syntactic: metrics.analogy?.syntactic ?? Number.NaN,
    ws353: metrics.wordsim353?.spearman ?? Number.NaN,
    simlex: metrics.simlex999?.spearman ?? Number.NaN,
    wordsPerSec,
  };
}

/** One `exp run` of the arch's config on text8-prefix; its eval.json, words/s and resolved config. */
function trainOurs(arch: Arch, seed: number) {
  const runDir = join(work, `${arch}-${seed}`);
  const status = expRun(arch, runDir, [`seed=${seed}`, ...(options.set ?? [])], dataDir as string);
  const metrics = JSON.parse(readFileSync(join(runDir, "eval.json"), "utf8")) as EvalMetrics;
  const config = parseYaml(readFileSync(join(runDir, "config.yaml"), "utf8"));
  return { score: score(metrics, status.wordsPerSec ?? Number.NaN), config };
}

/** gensim's Word2Vec with the run's resolved settings, scored by @w2v/eval. */
async function trainGensim(
  python: string,
  config: ResolvedSettings,
  arch: Arch,
  seed: number,
): Promise<Score> {
  const out = join(work, `gensim-${arch}-${seed}.bin`);
  const args = [
    gensimScript,
    ...["--corpus", corpusFile, "--out", out, "--sg", arch === "sg" ? "1" : "0"],
    ...["--alpha", String(config.trainer.lr), "--seed", String(seed), "--dim", String(config.model.dim)],
    ...["--window", String(config.data.window), "--negative", String(config.model.samples)],
    ...["--sample", String(config.data.subsampling.threshold), "--min-count", String(config.data.minCount)],
    ...["--epochs", String(config.trainer.epochs), "--workers", String(config.trainer.threads)],
    ...["--max-sentence-length", String(config.data.maxSentenceLength)],
  ];
  const result = spawnSync(python, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`gensim (${python}) failed:\n${result.stderr}`);
  const { words_per_s } = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}");
  const metrics = evaluateEmbeddings(await readVectorFile(out, "word2vec-bin"), { dataDir });
  return score(metrics, words_per_s);
}

interface ResolvedSettings {
  data: { window: number; minCount: number; maxSentenceLength: number; subsampling: { threshold: number } };
  model: { dim: number; samples: number };
  trainer: { lr: number; epochs: number; threads: number };
}

const METRICS = ["analogy", "semantic", "syntactic", "ws353", "simlex", "wordsPerSec"] as const;
type Metric = (typeof METRICS)[number];

function meanStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

function formatMetric(metric: Metric, value: number): string {
  if (metric === "wordsPerSec") return `${(value / 1000).toFixed(0)}k`;
  if (metric === "ws353" || metric === "simlex") return value.toFixed(3);
  return `${(100 * value).toFixed(2)}%`;
}

function formatRow(label: string, s: Score): string {
  return `${label.padEnd(14)} ${METRICS.map((m) => `${m} ${formatMetric(m, s[m])}`).join("  ")}`;
}

function summarise(scores: Score[]) {
  return Object.fromEntries(METRICS.map((m) => [m, meanStd(scores.map((s) => s[m]))])) as Record<
    Metric,
    { mean: number; std: number }
  >;
}

const python = findGensimPython();
if (!python)
  console.log(
    options["no-gensim"]
      ? "gensim: skipped (--no-gensim)"
      : "gensim: not found; for the side-by-side comparison install it (Debian: apt-get install python3-gensim; or pip install gensim)",
  );
console.log(`corpus: ${corpusFile}; seeds ${seeds.join(", ")}; runs in ${work}`);
const summary: Record<string, unknown> = { seeds };
for (const arch of archs) {
  const ours: Score[] = [];
  const theirs: Score[] = [];
  for (const seed of seeds) {
    const run = trainOurs(arch, seed);
    ours.push(run.score);
    console.log(formatRow(`${arch} seed ${seed}`, run.score));
    if (!python) continue;
    theirs.push(await trainGensim(python, run.config, arch, seed));
    console.log(formatRow(`  gensim`, theirs[theirs.length - 1]));
  }
  const oursSummary = summarise(ours);
  const line = (label: string, s: ReturnType<typeof summarise>) =>
    `${label.padEnd(14)} ${METRICS.map((m) => `${m} ${formatMetric(m, s[m].mean)} ± ${formatMetric(m, s[m].std)}`).join("  ")}`;
  console.log(line(`${arch} w2v-lab`, oursSummary));
  const result: Record<string, unknown> = { ours: oursSummary };
  if (python) {
    const gensimSummary = summarise(theirs);
    console.log(line(`${arch} gensim`, gensimSummary));
    const difference = Object.fromEntries(
      METRICS.map((m) => [m, oursSummary[m].mean - gensimSummary[m].mean]),
    );
    console.log(
      `${`${arch} difference`.padEnd(14)} ${METRICS.filter((m) => m !== "wordsPerSec")
        .map((m) => `${m} ${difference[m] >= 0 ? "+" : ""}${formatMetric(m, difference[m])}`)
        .join("  ")}  speed ×${(oursSummary.wordsPerSec.mean / gensimSummary.wordsPerSec.mean).toFixed(2)}`,
    );
    result.gensim = gensimSummary;
    result.difference = difference;
  }
  summary[arch] = result;
}
if (!options.keep) rmSync(work, { recursive: true, force: true });
console.log(JSON.stringify(summary));
