/** The learning rate at a step, shared by both engines so that they decay alike. */
import type { TrainerConfig } from "@w2v/config";

export type LrSchedule = Pick<TrainerConfig["lrSchedule"], "type" | "minFraction" | "stepEvery" | "gamma">;

/**
 * linear: word2vec's `lr0 * (1 - step / (totalSteps + 1))`, floored at `lr0 * minFraction`;
 * constant: lr0; step: `lr0 * gamma ^ floor(step / stepEvery)`.
 */
export function learningRateAt(schedule: LrSchedule, lr0: number, step: number, totalSteps: number): number {
  switch (schedule.type) {
    case "linear":
      return lr0 * Math.max(schedule.minFraction, 1 - step / (totalSteps + 1));
    case "constant":
      return lr0;
    case "step":
      return lr0 * schedule.gamma ** Math.floor(step / schedule.stepEvery);
    default:
      throw new Error(`unknown learning-rate schedule "${schedule.type satisfies never}"`);
  }
}
