import type { Engine, EngineOptions } from "@w2v/model";

/**
 * The engine the config names (`trainer.engine`), imported only when a run starts: the
 * hogwild engine comes from its own entry point, so a hogwild run never loads
 * TensorFlow.js (about 65 MB of memory), and commands that never train start fast.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  if (options.config.trainer.engine === "tfjs") {
    const { createTfjsEngine } = await import("@w2v/model");
    return createTfjsEngine(options);
  }
  const { createHogwildEngine } = await import("@w2v/model/hogwild");
  return createHogwildEngine(options);
}
