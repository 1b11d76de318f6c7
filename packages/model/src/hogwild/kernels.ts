/**
 * Loading the compiled AssemblyScript kernels (dist/hogwild.wasm, built by the package's
 * `build`). The path is the same from src/hogwild and dist/hogwild, so tests running the
 * TypeScript sources use the built kernels too. No package imports here: worker threads
 * load this file from dist without any TypeScript loader.
 */
import { readFile } from "node:fs/promises";
import { type WasmMemory, type WasmModule, wasm } from "./webassembly.js";

export const KERNELS_WASM_URL = new URL("../../dist/hogwild.wasm", import.meta.url);

/** The kernels' exports (see assembly/index.ts); pointers are byte offsets in the memory. */
export interface HogwildKernels {
  /** read the run header into the instance (train() does it itself) */
  bindRun(): void;
  /** train thread `context` for about `maxWords` corpus words; 1 once every lane is empty */
  train(context: number, maxWords: number): number;
  skipGramStep(context: number, inputWord: number, positive: number, lr: number): number;
  cbowStep(context: number, contexts: number, count: number, positive: number, lr: number): number;
  /** hogbatch: one skip-gram centre's `count` contexts (at `contexts`) against shared candidates */
  skipGramBlock(context: number, contexts: number, count: number, centre: number, lr: number): number;
  /** hogbatch: `windows` CBOW windows (contexts, counts, centres in the block scratch) against shared negatives */
  cbowBlock(context: number, windows: number, lr: number): number;
  /** where window `b`'s contexts go in the thread's scratch */
  windowContexts(context: number, b: number): number;
  drawNegatives(context: number, positive: number): void;
  drawUniqueCandidates(context: number): void;
  storeCandidateLogQ(context: number): void;
}

let compiled: Promise<WasmModule> | null = null;

/**
 * The kernels' module, compiled once per process: later engines reuse it, and with it the
 * optimised code the engine has already produced for the running ones.
 */
export function compileKernels(): Promise<WasmModule> {
  compiled ??= readFile(KERNELS_WASM_URL).then(
    (bytes) => wasm.compile(bytes),
    (error: Error) => {
      compiled = null;
      throw new Error(
        `the hogwild kernels are not built (${KERNELS_WASM_URL.pathname}: ${error.message}); run \`pnpm --filter @w2v/model build\``,
      );
    },
  );
  return compiled;
}

export function instantiateKernels(module: WasmModule, memory: WasmMemory): HogwildKernels {
  const instance = new wasm.Instance(module, {
    env: {
      memory,
      abort: () => {
        throw new Error("hogwild kernel aborted");
      },
    },
  });
  return instance.exports as unknown as HogwildKernels;
}
