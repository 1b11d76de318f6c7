import type { Engine, EngineOptions } from "@w2v/model";

/**
 * The engine the config names (`trainer.engine`). @w2v/model (and with it TensorFlow.js)
 * is loaded only here, so commands that never train start fast.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const model = await import("@w2v/model");
  return options.config.trainer.engine === "tfjs"
    ? model.createTfjsEngine(options)
    : model.createHogwildEngine(options);
}
