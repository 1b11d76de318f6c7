/** A cell's `|` would end it and a newline would end the row. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export interface MarkdownTableOptions {
  /** pad every column to its widest cell, so the table also reads well as plain text */
  align?: boolean;
}

/**
 * A GitHub Markdown table: for `SummaryWriter.text` (TensorBoard's Text dashboard renders
 * it), e.g. the nearest neighbours of the probe words, and `exp compare --format md`.
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: MarkdownTableOptions = {},
): string {
  const cells = [header, ...rows].map((row) => row.map(cell));
  const widths = header.map((_, c) => Math.max(1, ...cells.map((row) => (row[c] ?? "").length)));
  const pad = (text: string, c: number) => (options.align ? text.padEnd(widths[c]) : text);
  const line = (row: readonly string[]) => `| ${row.map(pad).join(" | ")} |`;
  const rule = header.map((_, c) => (options.align ? "-".repeat(widths[c]) : "---"));
  return [line(cells[0]), `| ${rule.join(" | ")} |`, ...cells.slice(1).map(line)].join("\n");
}
