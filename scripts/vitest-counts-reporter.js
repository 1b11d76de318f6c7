// A vitest reporter for CI's closing line: when W2V_TEST_COUNTS_DIR is set, each package's
// run writes `<dir>/<package>.json` with its passed, failed and skipped tests, the test files
// that failed outside any test (e.g. an import error) and vitest's unhandled errors, which
// vitest's own JSON report leaves out. `.ci/test-summary.mjs` adds the files up.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export class CountsReporter {
  /** @param {string} dir */
  constructor(dir) {
    this.dir = dir;
    this.root = process.cwd();
  }

  /** @param {{ config: { root: string } }} vitest */
  onInit(vitest) {
    this.root = vitest.config.root;
  }

  /**
   * @param {ReadonlyArray<import("vitest/node").TestModule>} modules
   * @param {ReadonlyArray<unknown>} unhandledErrors
   * @param {string} reason
   */
  onTestRunEnd(modules, unhandledErrors, reason) {
    const counts = {
      passed: 0,
      failed: 0,
      skipped: 0,
      failedFiles: 0,
      unhandledErrors: unhandledErrors.length,
    };
    for (const module of modules) {
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") failedTests++;
        else counts.skipped++;
      }
      counts.failed += failedTests;
      if (failedTests === 0 && module.state() === "failed") counts.failedFiles++;
    }
    const { name } = JSON.parse(readFileSync(join(this.root, "package.json"), "utf8"));
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(
      join(this.dir, `${name.replace(/[^\w.-]+/g, "_")}.json`),
      JSON.stringify({ package: name, reason, ...counts }),
    );
  }
}
