/**
 * A small corpus with planted structure for end-to-end tests: words in clusters that
 * co-occur only within their cluster, one sentence per line.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function writePlantedCorpus(options: {
  clusters: number;
  wordsPerCluster: number;
  sentences: number;
}): {
  dir: string;
  corpus: string;
} {
  const dir = mkdtempSync(join(tmpdir(), "w2v-e2e-"));
  let state = 12345;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  const lines: string[] = [];
  for (let s = 0; s < options.sentences; s++) {
    const cluster = next(options.clusters);
    const words = Array.from({ length: 10 }, () => `c${cluster}w${next(options.wordsPerCluster)}`);
    lines.push(words.join(" "));
  }
  const corpus = join(dir, "corpus.txt");
  writeFileSync(corpus, `${lines.join("\n")}\n`);
  return { dir, corpus };
}

export function writeConfig(dir: string, name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

/**
 * Tiny evaluation sets over the planted words (`eval.paths` relative to `dir`), so a run
 * evaluates at its end without the real sets: returns the config's `eval` section.
 */
export function writeEvalSets(dir: string): string {
  writeFileSync(join(dir, "similarity.txt"), "c0w0\tc0w1\t9\nc0w0\tc1w1\t1\nc2w3\tc2w5\t8\nc3w1\tc0w2\t2\n");
  writeFileSync(join(dir, "analogies.txt"), ": planted\nc0w0 c0w1 c1w0 c1w1\nc2w0 c2w1 c3w0 c3w1\n");
  return "eval: { sets: [analogies, wordsim353], paths: { analogies: analogies.txt, wordsim353: similarity.txt } }";
}
