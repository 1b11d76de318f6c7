import { createHogwildEngine, createTfjsEngine, type Engine, type EngineOptions } from "@w2v/model";

/** The engine the config names (`trainer.engine`). */
export function createEngine(options: EngineOptions): Promise<Engine> {
  return options.config.trainer.engine === "tfjs" ? createTfjsEngine(options) : createHogwildEngine(options);
}
