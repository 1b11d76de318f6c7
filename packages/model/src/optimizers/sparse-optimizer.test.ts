import { describe, expect, it } from "vitest";
import { createParams } from "../params.js";
import { createSparseOptimizer } from "./index.js";

const adam = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
const adagrad = { initialAccumulator: 0.1, epsilon: 1e-8 };

function setup(optimizer: "sgd" | "adam" | "adagrad") {
  const params = createParams(4, 2, { biases: true });
  params.input.set([1, 2, 3, 4, 5, 6, 7, 8]);
  return { params, optimizer: createSparseOptimizer({ optimizer, adam, adagrad }, params) };
}

describe("sparse optimisers", () => {
  it("SGD applies every contribution: param -= lr * sum of grads", () => {
    const { params, optimizer } = setup("sgd");
    optimizer.begin(0.5, 1);
    optimizer.sink("input").add(1, new Float32Array([1, 2]), 0);
    optimizer.sink("input").add(1, new Float32Array([0, 4, 1]), 1, 0.5);
    optimizer.sink("bias").add(2, new Float32Array([3]), 0);
    optimizer.finish();
    expect(Array.from(params.input)).toEqual([1, 2, 3 - 0.5 * 3, 4 - 0.5 * 2.5, 5, 6, 7, 8]);
    expect(Array.from(params.bias ?? [])).toEqual([0, 0, -1.5, 0]);
    expect(optimizer.state()).toEqual({});
  });

  it("lazy Adam: PyTorch's update on touched rows; untouched rows and moments stay", () => {
    const { params, optimizer } = setup("adam");
    const g = [0.2, -0.4];
    const expected = Array.from(params.input);
    let m = [0, 0];
    let v = [0, 0];
    for (let t = 1; t <= 3; t++) {
      optimizer.begin(0.1, t);
      // two contributions to row 2 are summed before the update
      optimizer.sink("input").add(2, new Float32Array([g[0] / 2, g[1] / 2]), 0);
      optimizer.sink("input").add(2, new Float32Array([g[0] / 2, g[1] / 2]), 0);
      optimizer.finish();
      m = m.map((mi, d) => 0.9 * mi + 0.1 * g[d]);
      v = v.map((vi, d) => 0.999 * vi + 0.001 * g[d] ** 2);
      for (let d = 0; d < 2; d++) {
        expected[4 + d] -= ((0.1 / (1 - 0.9 ** t)) * m[d]) / (Math.sqrt(v[d] / (1 - 0.999 ** t)) + 1e-8);
      }
    }
    for (let i = 0; i < 8; i++) expect(params.input[i]).toBeCloseTo(expected[i], 5);
    const state = optimizer.state();
    expect(Object.keys(state).sort()).toEqual([
      "adam.m.bias",
      "adam.m.input",
      "adam.m.output",
      "adam.v.bias",
      "adam.v.input",
      "adam.v.output",
    ]);
    expect(Array.from(state["adam.m.input"].subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(state["adam.m.input"][4]).toBeCloseTo(m[0], 6);
  });

  it("Adagrad: accumulator from initialAccumulator, param -= lr g / (sqrt(acc) + eps)", () => {
    const { params, optimizer } = setup("adagrad");
    optimizer.begin(0.5, 1);
    optimizer.sink("input").add(0, new Float32Array([0.3, 0]), 0);
    optimizer.finish();
    expect(params.input[0]).toBeCloseTo(1 - (0.5 * 0.3) / Math.sqrt(0.1 + 0.09), 6);
    expect(params.input[1]).toBe(2);
    expect(optimizer.state()["adagrad.accumulator.input"][0]).toBeCloseTo(0.19, 6);
    expect(optimizer.state()["adagrad.accumulator.input"][2]).toBeCloseTo(0.1, 6);
  });
});
