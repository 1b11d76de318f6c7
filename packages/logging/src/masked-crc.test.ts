import { crc32c } from "@node-rs/crc32";
import { describe, expect, it } from "vitest";
import { maskedCrc32c } from "./masked-crc.js";

const CHECK_INPUT = new TextEncoder().encode("123456789");

describe("maskedCrc32c", () => {
  it("uses CRC-32C (Castagnoli): the standard check value of '123456789' is 0xE3069283", () => {
    expect(crc32c(CHECK_INPUT) >>> 0).toBe(0xe3069283);
  });

  it("masks as TFRecord does: rotate right by 15, add 0xa282ead8", () => {
    // ((0xE3069283 >>> 15) | (0xE3069283 << 17)) = 0x2507C60D; + 0xA282EAD8 = 0xC78AB0E5 (mod 2^32).
    expect(maskedCrc32c(CHECK_INPUT)).toBe(0xc78ab0e5);
  });
});
