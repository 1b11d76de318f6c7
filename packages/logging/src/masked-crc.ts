import { crc32c } from "@node-rs/crc32";

const MASK_DELTA = 0xa282ead8;

/**
 * TFRecord's masked CRC-32C: rotating and offsetting the CRC keeps a record that embeds
 * CRCs of other records from checksumming to something degenerate.
 */
export function maskedCrc32c(bytes: Uint8Array): number {
  const crc = crc32c(bytes);
  return (((crc >>> 15) | (crc << 17)) + MASK_DELTA) >>> 0;
}
