import { markdownTable } from "@w2v/logging/markdown-table";
import CliTable from "cli-table3";
import { Option } from "commander";
import { stringify as csvStringify } from "csv-stringify/sync";

export const TABLE_FORMATS = ["table", "csv", "json", "md"] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** `--format table|csv|json|md`, shared by the commands that print tables. */
export function formatOption(): Option {
  return new Option("--format <format>", "output format").choices(TABLE_FORMATS).default("table");
}

export interface TextTable {
  columns: string[];
  rows: string[][];
}

/** A number as people read it in a table: 4 significant digits, no exponent for everyday sizes. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "";
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6)
    ? value.toExponential(3)
    : String(Number(value.toPrecision(4)));
}

const BORDERLESS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "  ",
};

/** Render as aligned text columns, CSV, or a GitHub Markdown table (JSON is each command's own). */
export function renderTable(table: TextTable, format: Exclude<TableFormat, "json">): string {
  switch (format) {
    case "csv":
      return csvStringify([table.columns, ...table.rows]);
    case "md":
      return `${markdownTable(table.columns, table.rows, { align: true })}\n`;
    case "table": {
      const text = new CliTable({
        head: table.columns,
        chars: BORDERLESS,
        style: { head: [], border: [], "padding-left": 0, "padding-right": 0, compact: true },
      });
      text.push(...table.rows);
      return `${text
        .toString()
        .split("\n")
        .map((line) => line.trimEnd())
        .join("\n")}\n`;
    }
  }
}
