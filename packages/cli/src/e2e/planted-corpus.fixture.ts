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
