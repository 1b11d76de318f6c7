/** The run's corpus, and what the run directory records of it (meta.json's data, vocab.tsv). */
import { join } from "node:path";
import type { ResolvedConfig } from "@w2v/config";
import { type Corpus, loadCorpus } from "@w2v/data";
import { RUN_FILES, updateMeta, writeFileAtomic } from "./run-directory.js";

export async function loadRunCorpus(
  runDir: string,
  config: ResolvedConfig,
  baseDir: string,
  log: (line: string) => void,
): Promise<Corpus> {
  const corpus = await loadCorpus(config.data, { baseDir, log });
  const { vocab } = corpus;
  if (corpus.source.usedText8Prefix) {
    log(
      "note: text8.zip is absent: this run trains on text8-prefix.txt (data.allowText8Prefix), as meta.json records",
    );
  }
  updateMeta(runDir, {
    data: {
      ...corpus.source,
      vocabSize: vocab.size,
      tokens: corpus.ids.length,
      rawTokens: corpus.rawTokenCount,
    },
  });
  writeFileAtomic(join(runDir, RUN_FILES.vocab), vocab.toTsv());
  return corpus;
}
