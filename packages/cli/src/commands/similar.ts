import { mostSimilar, type Neighbour, UnknownWordError, VectorIndex } from "@w2v/eval";
import type { Command } from "commander";
import { EXIT, UsageError } from "../exit-codes.js";
import { describeCommand } from "./descriptions.js";
import { loadRunEmbeddings, requireRunDir, type VectorChoice, vectorsOption } from "./eval.js";
import { positiveInt } from "./shared.js";

/** Ranked words with their scores, one per line. */
export function neighbourLines(neighbours: readonly Neighbour[]): string {
  const width = Math.max(...neighbours.map((n) => n.word.length));
  return neighbours
    .map((n, rank) => `${String(rank + 1).padStart(4)}  ${n.word.padEnd(width)}  ${n.similarity.toFixed(4)}`)
    .join("\n");
}

/** An unknown word is a command-line mistake (exit 2), named with the vocabulary size. */
export function asUsageError(error: unknown, vocabSize: number): unknown {
  return error instanceof UnknownWordError
    ? new UsageError(`"${error.word}" is not among the run's ${vocabSize} words`)
    : error;
}

/** `exp similar <run> <word>`: the k nearest words by cosine (d2l's get_similar_tokens). */
export async function similarCommand(
  runArg: string,
  word: string,
  options: { k: number; vectors: VectorChoice },
): Promise<number> {
  const embeddings = await loadRunEmbeddings(requireRunDir(runArg), options.vectors);
  const index = new VectorIndex(embeddings);
  let neighbours: Neighbour[];
  try {
    neighbours = mostSimilar(index, word, options.k);
  } catch (error) {
    throw asUsageError(error, index.size);
  }
  process.stdout.write(
    `nearest to "${word}" (cosine, ${options.vectors} vectors)\n${neighbourLines(neighbours)}\n`,
  );
  return EXIT.ok;
}

export function registerSimilar(program: Command): void {
  program
    .command("similar")
    .description(describeCommand("similar"))
    .argument("<run>", "run directory")
    .argument("<word>", "query word (case-insensitive)")
    .option("-k <count>", "how many neighbours", positiveInt, 10)
    .addOption(vectorsOption())
    .action(async (run: string, word: string, options: { k: number; vectors: VectorChoice }) => {
      process.exitCode = await similarCommand(run, word, options);
    });
}
