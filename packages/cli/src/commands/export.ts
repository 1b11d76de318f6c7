import { join } from "node:path";
import { type ExportFormat, writeVectorFile } from "@w2v/eval";
import { type Command, Option } from "commander";
import { EXIT } from "../exit-codes.js";
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

/**
 * `exp export <run>`: a run's vectors as word2vec text or binary (gensim's
 * load_word2vec_format reads both), GloVe text, or the Embedding Projector's TSV pair;
 * by default into the run directory as `vectors-<which><suffix>`.
 */
export async function exportCommand(runArg: string, options: ExportCommandOptions): Promise<number> {
  const runDir = requireRunDir(runArg);
  const embeddings = await loadRunEmbeddings(runDir, options.vectors);
  const path = options.output ?? join(runDir, `vectors-${options.vectors}${SUFFIX[options.format]}`);
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
