import { describe, expect, it } from "vitest";
import { decodeSafetensors, encodeSafetensors } from "./safetensors.js";

describe("safetensors", () => {
  it("round-trips tensors and metadata with an 8-byte aligned header", () => {
    const input = { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6.5]) };
    const bias = { shape: [2], data: Float32Array.from([-1, 0.25]) };
    const bytes = encodeSafetensors({ input, bias }, { step: "42" });
    const headerLength = Number(bytes.readBigUInt64LE(0));
    expect(headerLength % 8).toBe(0);
    const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString());
    expect(header.input).toEqual({ dtype: "F32", shape: [2, 3], data_offsets: [0, 24] });
    expect(header.bias).toEqual({ dtype: "F32", shape: [2], data_offsets: [24, 32] });
    expect(bytes.readFloatLE(8 + headerLength + 20)).toBe(6.5);
    const decoded = decodeSafetensors(bytes);
    expect(decoded.metadata).toEqual({ step: "42" });
    expect(Array.from(decoded.tensors.input.data)).toEqual([1, 2, 3, 4, 5, 6.5]);
    expect(decoded.tensors.bias.shape).toEqual([2]);
  });

  it("rejects a shape that does not match the data, and truncated files", () => {
    expect(() => encodeSafetensors({ x: { shape: [3], data: new Float32Array(2) } })).toThrow(
      /shape \[3\] needs 3/,
    );
    const bytes = encodeSafetensors({ x: { shape: [4], data: new Float32Array(4) } });
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 4), "x.safetensors")).toThrow(
      /x.safetensors: tensor x lies outside the file/,
    );
  });
});
