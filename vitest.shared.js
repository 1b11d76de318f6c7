// Shared vitest settings: resolve @w2v/* packages to their TypeScript sources (the
// "@w2v/source" export condition), so tests never depend on a stale build of a sibling.
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@w2v/source"] },
  ssr: { resolve: { conditions: ["@w2v/source"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
