// Shared vitest settings: resolve @w2v/* packages to their TypeScript sources (the
// "@w2v/source" export condition), so tests never depend on a stale build of a sibling.
// With W2V_TEST_COUNTS_DIR set (by .ci/run), each package also writes its counts there.
import { defineConfig } from "vitest/config";
import { CountsReporter } from "./scripts/vitest-counts-reporter.js";

const countsDir = process.env.W2V_TEST_COUNTS_DIR;

export default defineConfig({
  resolve: { conditions: ["@w2v/source"] },
  ssr: { resolve: { conditions: ["@w2v/source"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: countsDir ? ["default", new CountsReporter(countsDir)] : ["default"],
  },
});
