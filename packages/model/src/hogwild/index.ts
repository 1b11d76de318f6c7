// The hogwild engine on its own (`@w2v/model/hogwild`): what the trainer needs to train
// with it, without loading TensorFlow.js (which the package's main entry does).
export { createHogwildEngine, HogwildEngine, type HogwildProgress } from "./hogwild-engine.js";
