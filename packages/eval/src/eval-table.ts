import type { AnalogyScore } from "./analogies.js";
import type { EvalDetails } from "./evaluate.js";

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
const decimal = (value: number | null) => (value === null ? "n/a" : value.toFixed(4));

/** Left-align the first column and right-align the others. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column]))),
    )
    .map((cells) => `  ${cells.join("  ")}`)
    .join("\n");
}

function analogyRow(name: string, score: AnalogyScore): string[] {
  return [
    name,
    String(score.questions),
    String(score.covered),
    String(score.correct),
    percent(score.accuracy),
  ];
}

/** The readable report `exp eval` prints: per-section analogy accuracy, then the similarity sets. */
export function formatEvalTable(details: EvalDetails): string {
  const parts: string[] = [];
  const { analogy } = details;
  if (analogy) {
    parts.push(
      `Analogies (${analogy.method}, ${analogy.restrictVocab} most frequent words, case-insensitive; ` +
        `accuracy over covered questions)`,
      table([
        ["section", "questions", "covered", "correct", "accuracy"],
        ...analogy.sections.map((section) => analogyRow(section.name, section)),
        analogyRow("semantic", analogy.semantic),
        analogyRow("syntactic", analogy.syntactic),
        analogyRow("total", analogy.total),
      ]),
      `  coverage: ${percent(analogy.total.coverage)} of the questions`,
    );
  }
  const similarity = (["wordsim353", "simlex999"] as const).filter((set) => details[set]);
  if (similarity.length > 0) {
    parts.push(
      "Word similarity (Spearman's rho of cosine against human scores, over covered pairs)",
      table([
        ["set", "pairs", "covered", "oov", "spearman", "pearson"],
        ...similarity.map((set) => {
          const result = details[set]!;
          return [
            set,
            String(result.pairs),
            String(result.covered),
            percent(result.oov),
            decimal(result.spearman),
            decimal(result.pearson),
          ];
        }),
      ]),
    );
  }
  return parts.join("\n");
}
