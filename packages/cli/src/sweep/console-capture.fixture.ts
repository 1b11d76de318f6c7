import { afterEach, beforeEach, vi } from "vitest";

/** Test helper: collect what commands print (stdout, and console.error) instead of showing it. */
export function captureOutput(): { out: string; err: string } {
  const output = { out: "", err: "" };
  beforeEach(() => {
    output.out = "";
    output.err = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      output.out += String(chunk);
      return true;
    });
    vi.spyOn(console, "error").mockImplementation((...args) => {
      output.err += `${args.join(" ")}\n`;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return output;
}
