/**
 * The part of the WebAssembly JavaScript API the engine uses. Node provides it, but its
 * types live in TypeScript's DOM lib, which this workspace does not load, so they are
 * declared here (no global declarations: a module other packages can typecheck through).
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}

/** A compiled module: opaque, cloneable to worker threads. */
export type WasmModule = { readonly __wasmModule: unique symbol };

interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Instance: new (
    module: WasmModule,
    imports: Record<string, Record<string, unknown>>,
  ) => { readonly exports: Record<string, unknown> };
  compile(bytes: Uint8Array): Promise<WasmModule>;
}

export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
