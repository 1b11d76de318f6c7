import { diffConfigs, type RunStatus, readStatus, type TrainOptions, train } from "@w2v/trainer";

export const status: RunStatus | null = readStatus(".");
export const changes = diffConfigs({ a: 1 }, { a: 2 }).map((change) => change.path);
export const start = (options: TrainOptions) => train(options);
