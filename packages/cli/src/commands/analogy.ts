import { type AnalogyMethod, type Neighbour, solveAnalogy, VectorIndex } from "@w2v/eval";
import { type Command, Option } from "commander";
import { EXIT } from "../exit-codes.js";
import { describeCommand } from "./descriptions.js";
import { loadRunEmbeddings, requireRunDir, type VectorChoice, vectorsOption } from "./eval.js";
import { positiveInt } from "./shared.js";
import { asUsageError, neighbourLines } from "./similar.js";

export interface AnalogyCommandOptions {
  k: number;
  method: AnalogyMethod;
  restrict?: number;
  vectors: VectorChoice;
}

/** `exp analogy <run> a b c`: answers to a : b :: c : ?, with a, b and c left out. */
export async function analogyCommand(
  runArg: string,
  words: [string, string, string],
  options: AnalogyCommandOptions,
): Promise<number> {
  const embeddings = await loadRunEmbeddings(requireRunDir(runArg), options.vectors);
  const index = new VectorIndex(embeddings);
  let answers: Neighbour[];
  try {
    answers = solveAnalogy(index, ...words, {
      k: options.k,
      method: options.method,
      restrictVocab: options.restrict,
    });
  } catch (error) {
    throw asUsageError(error, index.size);
  }
  const score = options.method === "3cosadd" ? "cosine with b - a + c" : "3CosMul score";
  const scope = options.restrict ? `, ${options.restrict} most frequent words` : "";
  process.stdout.write(
    `${words[0]} : ${words[1]} :: ${words[2]} : ?  (${score}${scope})\n${neighbourLines(answers)}\n`,
  );
  return EXIT.ok;
}

export function registerAnalogy(program: Command): void {
  program
    .command("analogy")
    .description(describeCommand("analogy"))
    .argument("<run>", "run directory")
    .argument("<a>", "a in a : b :: c : ? (case-insensitive)")
    .argument("<b>")
    .argument("<c>")
    .option("-k <count>", "how many answers", positiveInt, 10)
    .addOption(
      new Option("--method <method>", "3CosAdd or 3CosMul")
        .choices(["3cosadd", "3cosmul"])
        .default("3cosadd"),
    )
    .option("--restrict <N>", "answer among the N most frequent words only", positiveInt)
    .addOption(vectorsOption())
    .action(async (run: string, a: string, b: string, c: string, options: AnalogyCommandOptions) => {
      process.exitCode = await analogyCommand(run, [a, b, c], options);
    });
}
