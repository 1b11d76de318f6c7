import type * as tf from "@tensorflow/tfjs";
import { createParams, nceLoss, type Params, type SampledLossArgs } from "@w2v/model";
import { createHogwildEngine } from "@w2v/model/hogwild";

export const loss = (args: SampledLossArgs): tf.Tensor1D => nceLoss(args);
export const params: Params = createParams(10, 4, { biases: false });
export const engine = createHogwildEngine;
