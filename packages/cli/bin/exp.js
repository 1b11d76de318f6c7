#!/usr/bin/env node
// The `exp` bin: a committed file rather than dist/bin.js, so that `pnpm install` in a fresh
// clone links the workspace's `exp` before anything is built. It runs the built CLI.
import { existsSync } from "node:fs";

const built = new URL("../dist/bin.js", import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  console.error("exp: the CLI is not built yet (run `pnpm build` in the repository)");
  process.exitCode = 1;
}
