import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type EvalConfig, EvalSchema, loadConfig } from "@w2v/config";
import { Vocab } from "@w2v/data";
import {
  type AnalogyMethod,
  type Embeddings,
  EVAL_SETS,
  type EvalSet,
  evalScalars,
  evaluateEmbeddingsDetailed,
  formatEvalTable,
  readVectorFile,
} from "@w2v/eval";
import { SummaryWriter } from "@w2v/logging";
import { chooseVectors, loadLatestCheckpoint, readJson, readStatus, writeJsonAtomic } from "@w2v/trainer";
import { type Command, InvalidArgumentError, Option } from "commander";
import { EXIT, UsageError } from "../exit-codes.js";
import { describeCommand } from "./descriptions.js";
import { positiveInt } from "./shared.js";

/** Which vectors of a run: input (vectors.bin), output, or their sum (from the latest checkpoint). */
export type VectorChoice = "input" | "output" | "sum";
export const VECTOR_CHOICES: readonly VectorChoice[] = ["input", "output", "sum"];

export function vectorsOption(): Option {
  return new Option("--vectors <which>", "input vectors, output vectors, or their sum")
    .choices(VECTOR_CHOICES)
    .default("input");
}

/** The run directory named on the command line, or a UsageError saying why it is not one. */
export function requireRunDir(arg: string): string {
  const dir = resolve(arg);
  if (!["vectors.bin", "vocab.tsv", "config.yaml"].some((file) => existsSync(join(dir, file)))) {
    throw new UsageError(`${arg} is not a run directory (no vectors.bin, vocab.tsv or config.yaml)`);
  }
  return dir;
}

/**
 * A run's embeddings: input vectors from `vectors.bin` (written when the run ends); output or
 * summed vectors, or input vectors of a run that has not finished, from the newest valid
 * checkpoint, in the order of `vocab.tsv`.
 */
export async function loadRunEmbeddings(runDir: string, which: VectorChoice): Promise<Embeddings> {
  const vectorsFile = join(runDir, "vectors.bin");
  if (which === "input" && existsSync(vectorsFile)) return readVectorFile(vectorsFile, "word2vec-bin");
  const checkpoint = loadLatestCheckpoint(runDir, (line) => console.error(line));
  if (!checkpoint) {
    throw new Error(`${runDir}: no vectors.bin and no checkpoint to read the ${which} vectors from`);
  }
  const vocabFile = join(runDir, "vocab.tsv");
  if (!existsSync(vocabFile)) throw new Error(`${vocabFile}: missing (the checkpoint's rows have no words)`);
  const { words } = Vocab.fromTsv(readFileSync(vocabFile, "utf8"), { file: vocabFile });
  const { input, output } = checkpoint.params;
  if (!input || !output)
    throw new Error(`${checkpoint.dir}: params.safetensors lacks the input or output tensor`);
  const [vocabSize, dim] = input.shape;
  if (vocabSize !== words.length || output.shape[0] !== vocabSize || output.shape[1] !== dim) {
    throw new Error(
      `${checkpoint.dir}: tensors of [${input.shape}] and [${output.shape}] do not match the ${words.length} words of ${vocabFile}`,
    );
  }
  const params = { vocabSize, dim, input: input.data, output: output.data, bias: null };
  return { words, vectors: chooseVectors(params, which), dim };
}

export interface EvalCommandOptions {
  sets?: EvalSet[];
  method?: AnalogyMethod;
  restrict?: number;
  vectors: VectorChoice;
  json?: boolean;
}

/** The run's `eval` section, and the directory its relative eval paths are relative to (the original config's). */
function runEvalConfig(runDir: string): { eval: EvalConfig; baseDir: string } {
  const configFile = join(runDir, "config.yaml");
  const meta = readJson<{ configFiles?: string[] }>(join(runDir, "meta.json"));
  const original = meta?.configFiles?.at(-1);
  return {
    eval: existsSync(configFile) ? loadConfig(configFile).config.eval : EvalSchema.parse({}),
    baseDir: original ? dirname(original) : runDir,
  };
}

/**
 * `exp eval <run>`: analogies, WordSim-353 and SimLex-999 on a run's vectors; writes
 * `eval.json` (`eval-<which>.json` for output or summed vectors) and prints a table.
 */
export async function evalCommand(runArg: string, options: EvalCommandOptions): Promise<number> {
  const runDir = requireRunDir(runArg);
  const config = runEvalConfig(runDir);
  const sets = options.sets ?? (config.eval.sets.length > 0 ? config.eval.sets : EVAL_SETS);
  const embeddings = await loadRunEmbeddings(runDir, options.vectors);
  const details = evaluateEmbeddingsDetailed(embeddings, {
    sets,
    paths: config.eval.paths,
    baseDir: config.baseDir,
    method: options.method ?? config.eval.analogyMethod,
    restrictVocab: options.restrict ?? config.eval.restrictVocab,
  });
  const file = join(runDir, options.vectors === "input" ? "eval.json" : `eval-${options.vectors}.json`);
  writeJsonAtomic(file, details.metrics);
  // Into a new event file of the run, at its last step (no SessionLog START: nothing is discarded).
  const writer = await SummaryWriter.open(runDir);
  await writer.scalars(
    evalScalars(details.metrics, options.vectors === "input" ? "eval" : `eval_${options.vectors}`),
    readStatus(runDir)?.step ?? 0,
  );
  await writer.close();
  process.stdout.write(
    `${options.json ? JSON.stringify(details.metrics, null, 2) : formatEvalTable(details)}\n`,
  );
  console.error(`wrote ${file}`);
  return EXIT.ok;
}

function evalSets(text: string): EvalSet[] {
  const sets = text.split(",").map((set) => set.trim());
  const unknown = sets.filter((set) => !EVAL_SETS.includes(set as EvalSet));
  if (unknown.length > 0)
    throw new InvalidArgumentError(`unknown set ${unknown.join(", ")} (sets: ${EVAL_SETS.join(", ")})`);
  return sets as EvalSet[];
}

export function registerEval(program: Command): void {
  program
    .command("eval")
    .description(describeCommand("eval"))
    .argument("<run>", "run directory (experiments/<name>/<run-id>)")
    .option(
      "--sets <list>",
      `comma-separated sets (default: the config's eval.sets, else all: ${EVAL_SETS.join(",")})`,
      evalSets,
    )
    .addOption(
      new Option("--method <method>", "analogy method (default: the config's)").choices([
        "3cosadd",
        "3cosmul",
      ]),
    )
    .option(
      "--restrict <N>",
      "analogies over the N most frequent words (default: the config's, 30000)",
      positiveInt,
    )
    .addOption(vectorsOption())
    .option("--json", "print the eval.json object instead of the table")
    .action(async (run: string, options: EvalCommandOptions) => {
      process.exitCode = await evalCommand(run, options);
    });
}
