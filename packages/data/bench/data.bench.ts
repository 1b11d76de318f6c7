// `pnpm bench data`: skip-gram pair generation speed over text8-prefix (one core), the
// second (cached) load time, and the peak memory of preprocessing a 17M-token corpus (in a
// child process, so that the figure is that of preprocessing alone). Last line: JSON.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DataSchema } from "@w2v/config";
import { createPairBatch, exampleOptions, loadCorpus, SkipGramPairs } from "../src/index.js";

const here = fileURLToPath(new URL(".", import.meta.url));

function dataDir(): string {
  const dir = process.env.W2V_DATA_DIR ?? resolve(here, "../../../../shared/data");
  if (!existsSync(join(dir, "text8-prefix.txt"))) {
    console.error(
      `bench data: text8-prefix.txt not found in ${dir}; set W2V_DATA_DIR to the shared data folder`,
    );
    process.exit(1);
  }
  return dir;
}

/** Child mode: preprocess `file` as a text8-format corpus and report the peak RSS. */
async function preprocessChild(file: string): Promise<void> {
  const started = performance.now();
  const data = DataSchema.parse({ corpus: "text8", path: file, allowText8Prefix: true, download: false });
  const corpus = await loadCorpus(data, { baseDir: process.cwd(), cache: false });
  const report = {
    tokens: corpus.rawTokenCount,
    vocab: corpus.vocab.size,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** Median pair rate over three timed epochs, after one warm-up epoch. */
async function pairSpeed(dir: string): Promise<{ pairsPerSecond: number; cacheLoadSeconds: number }> {
  const cacheDir = mkdtempSync(join(tmpdir(), "w2v-bench-cache-"));
  try {
    // text8-sgns.yaml's data settings: min count 5, word2vec subsampling 1e-4, window 5 reduced.
    const data = DataSchema.parse({
      corpus: "text8",
      allowText8Prefix: true,
      download: false,
      cacheDir,
      subsampling: { rule: "word2vec", threshold: 1e-4 },
    });
    const options = { baseDir: dir, env: { W2V_DATA_DIR: dir } };
    await loadCorpus(data, options);
    const started = performance.now();
    const corpus = await loadCorpus(data, options);
    const cacheLoadSeconds = (performance.now() - started) / 1000;
    console.log(`second load of text8-prefix (cache): ${cacheLoadSeconds.toFixed(3)} s`);

    const stream = new SkipGramPairs(corpus, exampleOptions(corpus, data, 1));
    const batch = createPairBatch(1 << 16);
    const rates: number[] = [];
    for (let epoch = 0; epoch < 4; epoch++) {
      const t0 = performance.now();
      let pairs = 0;
      for (;;) {
        const n = stream.fill(batch);
        pairs += n;
        if (n < batch.centers.length) break;
      }
      const rate = pairs / ((performance.now() - t0) / 1000);
      console.log(
        `skip-gram epoch ${epoch}${epoch === 0 ? " (warm-up)" : ""}: ${pairs.toLocaleString("en-US")} pairs, ${(rate / 1e6).toFixed(2)} M pairs/s`,
      );
      if (epoch > 0) rates.push(rate);
    }
    rates.sort((a, b) => a - b);
    return { pairsPerSecond: rates[1], cacheLoadSeconds };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function peakPreprocessingRss(dir: string): { peakRssMb: number; tokens: number; seconds: number } {
  const work = mkdtempSync(join(tmpdir(), "w2v-bench-corpus-"));
  try {
    const file = join(work, "text8-prefix-x8.txt");
    const prefix = readFileSync(join(dir, "text8-prefix.txt"));
    const fd = openSync(file, "w");
    for (let copy = 0; copy < 8; copy++) writeSync(fd, prefix);
    closeSync(fd);
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), "--child", file],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    if (child.status !== 0) throw new Error(`preprocessing child failed (exit ${child.status})`);
    const report = JSON.parse(child.stdout.trim().split("\n").pop() as string);
    console.log(
      `preprocessing ${report.tokens.toLocaleString("en-US")} tokens (text8-prefix x 8, ${report.vocab} words): ` +
        `${report.seconds.toFixed(2)} s, peak RSS ${report.peakRssMb.toFixed(0)} MB`,
    );
    return report;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") {
  await preprocessChild(process.argv[3]);
} else {
  const dir = dataDir();
  const { pairsPerSecond, cacheLoadSeconds } = await pairSpeed(dir);
  const { peakRssMb } = peakPreprocessingRss(dir);
  console.log(
    JSON.stringify({
      pairs_per_s: Math.round(pairsPerSecond),
      peak_rss_mb: Math.round(peakRssMb),
      cache_load_s: Number(cacheLoadSeconds.toFixed(3)),
    }),
  );
}
