// CI's closing line: `tests: N passed, N failed, N skipped` over every workspace package with
// a test script, from the counts each package's vitest wrote (scripts/vitest-counts-reporter.js).
// A failed test, a test file that failed outside its tests, an unhandled error and a package
// that wrote no counts (it crashed, or never ran) each count as one failure.
// Usage: node .ci/test-summary.mjs <counts dir>; exits 1 when anything failed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const countsDir = process.argv[2];
const packagesDir = new URL("../packages/", import.meta.url);

const tested = readdirSync(packagesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/package.json`, packagesDir)))
  .map((entry) => JSON.parse(readFileSync(new URL(`${entry.name}/package.json`, packagesDir), "utf8")))
  .filter((pkg) => pkg.scripts?.test)
  .map((pkg) => pkg.name)
  .sort();

const total = { passed: 0, failed: 0, skipped: 0 };
for (const name of tested) {
  const file = join(countsDir, `${name.replace(/[^\w.-]+/g, "_")}.json`);
  if (!existsSync(file)) {
    total.failed++;
    console.log(`  ${name}: wrote no test counts (it crashed, or did not run): counted as 1 failure`);
    continue;
  }
  const counts = JSON.parse(readFileSync(file, "utf8"));
  const failed = counts.failed + counts.failedFiles + counts.unhandledErrors;
  total.passed += counts.passed;
  total.failed += failed;
  total.skipped += counts.skipped;
  const extra = [
    counts.failedFiles > 0 ? `${counts.failedFiles} test file(s) failed outside a test` : "",
    counts.unhandledErrors > 0 ? `${counts.unhandledErrors} unhandled error(s)` : "",
  ].filter(Boolean);
  console.log(
    `  ${name}: ${counts.passed} passed, ${failed} failed, ${counts.skipped} skipped` +
      (extra.length > 0 ? ` (${extra.join(", ")})` : ""),
  );
}
console.log(`packages: ${tested.length} with tests`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 ? 1 : 0;
