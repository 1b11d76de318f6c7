/**
 * Chooses the TensorFlow.js backend: `@tensorflow/tfjs-node` (native TensorFlow) when it
 * is installed, else the WebAssembly backend, else plain JavaScript. tfjs-node is an
 * optional peer dependency (it builds native code and cannot install everywhere), so it
 * is only ever imported dynamically.
 */
import * as tf from "@tensorflow/tfjs";

export type BackendPreference = "auto" | "node" | "wasm" | "cpu";

export interface ChosenBackend {
  /** what the config names it */
  name: "node" | "wasm" | "cpu";
  /** one line for the run log, e.g. "wasm (SIMD, 1 thread)" */
  description: string;
}

const TFJS_NODE = "@tensorflow/tfjs-node";

export async function selectTfjsBackend(preference: BackendPreference): Promise<ChosenBackend> {
  // PROD skips tfjs's debug checks and its console advice to install tfjs-node.
  tf.env().set("PROD", true);
  if (preference === "node" || preference === "auto") {
    const reason = await tryNode();
    if (reason === null)
      return { name: "node", description: "node (@tensorflow/tfjs-node, native TensorFlow)" };
    if (preference === "node") {
      throw new Error(
        `trainer.backend is "node" but ${TFJS_NODE} could not be loaded (${reason}); install it with \`pnpm add ${TFJS_NODE}\` or choose backend "wasm"`,
      );
    }
  }
  if (preference === "wasm" || preference === "auto") {
    const reason = await tryWasm();
    if (reason === null) {
      const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
      return { name: "wasm", description: `wasm (@tensorflow/tfjs-backend-wasm${simd ? ", SIMD" : ""})` };
    }
    if (preference === "wasm")
      throw new Error(`trainer.backend is "wasm" but the WebAssembly backend failed: ${reason}`);
  }
  if (!(await tf.setBackend("cpu"))) throw new Error("the tfjs cpu backend failed to initialise");
  return {
    name: "cpu",
    description: "cpu (plain JavaScript: slow; install @tensorflow/tfjs-node or use wasm)",
  };
}

/** null when the backend is ready, else why not. */
async function tryNode(): Promise<string | null> {
  try {
    // A variable specifier: TypeScript must not require the optional module to exist.
    const specifier = TFJS_NODE;
    await import(specifier);
  } catch (error) {
    return `not installed: ${(error as Error).message.split("\n")[0]}`;
  }
  return (await tf.setBackend("tensorflow")) ? null : "its backend did not initialise";
}

async function tryWasm(): Promise<string | null> {
  try {
    await import("@tensorflow/tfjs-backend-wasm");
    return (await tf.setBackend("wasm")) ? null : "it did not initialise";
  } catch (error) {
    return (error as Error).message;
  }
}
