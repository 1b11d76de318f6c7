import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { type ExportFormat, writeVectorFile } from "@w2v/eval";
import { RUN_FILES } from "@w2v/trainer";
import { type Command, Option } from "commander";
import { EXIT, UsageError } from "../exit-codes.js";
import { describeCommand } from "./descriptions.js";
import { loadRunEmbeddings, requireRunDir, type VectorChoice, vectorsOption } from "./eval.js";

const FORMATS: readonly ExportFormat[] = ["word2vec", "word2vec-bin", "glove", "tsv"];
const SUFFIX: Record<ExportFormat, string> = {
  word2vec: ".txt",
  "word2vec-bin": ".bin",
  glove: ".glove.txt",
  tsv: ".tsv",
};

export interface ExportCommandOptions {
  format: ExportFormat;
  vectors: VectorChoice;
  output?: string;
}

/** Refuse, before anything is written, a directory as the output or the run's own vectors.bin. */
function checkExportTarget(runDir: string, path: string, options: ExportCommandOptions): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UsageError(
      `-o ${path} is a directory: give a file name (e.g. ${join(path, `vectors${SUFFIX[options.format]}`)})`,
    );
  }
  const own = join(runDir, RUN_FILES.vectors);
  if (resolve(path) === own && (options.format !== "word2vec-bin" || options.vectors !== "input")) {
    throw new UsageError(
      `-o ${path} is the run's own ${RUN_FILES.vectors} (its input vectors in word2vec-bin): export to another file`,
    );
  }
}

/**
 * `exp export <run>`: a run's vectors as word2vec text or binary (gensim's
 * load_word2vec_format reads both), GloVe text, or the Embedding Projector's TSV pair;
 * by default into the run directory as `vectors-<which><suffix>`.
 */
export async function exportCommand(runArg: string, options: ExportCommandOptions): Promise<number> {
  const runDir = requireRunDir(runArg);
  const path = options.output ?? join(runDir, `vectors-${options.vectors}${SUFFIX[options.format]}`);
  checkExportTarget(runDir, path, options);
  const embeddings = await loadRunEmbeddings(runDir, options.vectors);
  const written = await writeVectorFile(path, embeddings, options.format);
  console.error(
    `${embeddings.words.length} x ${embeddings.dim} ${options.vectors} vectors as ${options.format}:`,
  );
  process.stdout.write(`${written.join("\n")}\n`);
  return EXIT.ok;
}

export function registerExport(program: Command): void {
  program
    .command("export")
    .description(describeCommand("export"))
    .argument("<run>", "run directory")
    .addOption(new Option("--format <format>", "file format").choices(FORMATS).makeOptionMandatory())
    .addOption(vectorsOption())
    .option("-o, --output <file>", "where to write (default: vectors-<which>.<ext> in the run directory)")
    .action(async (run: string, options: ExportCommandOptions) => {
      process.exitCode = await exportCommand(run, options);
    });
}
