import { describe, expect, it } from "vitest";
import { markdownTable } from "./markdown-table.js";

describe("markdownTable", () => {
  it("lays out a header, a rule and one line per row", () => {
    expect(
      markdownTable(
        ["word", "neighbours"],
        [
          ["king", "queen (0.81), prince (0.77)"],
          ["paris", "france (0.70)"],
        ],
      ),
    ).toBe(
      "| word | neighbours |\n| --- | --- |\n| king | queen (0.81), prince (0.77) |\n| paris | france (0.70) |",
    );
  });

  it("escapes pipes and backslashes and flattens newlines so cells stay in their column", () => {
    expect(markdownTable(["a"], [["x|y\\z\nw"]])).toBe("| a |\n| --- |\n| x\\|y\\\\z w |");
  });

  it("aligned, pads each column to its widest cell (exp compare --format md)", () => {
    expect(markdownTable(["a", "bb"], [["ccc", "d"]], { align: true })).toBe(
      "| a   | bb |\n| --- | -- |\n| ccc | d  |",
    );
  });
});
