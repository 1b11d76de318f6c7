/**
 * Interns words given as UTF-8 byte ranges, so that reading a corpus makes a string only
 * once per distinct word instead of once per token (the cost that dominates tokenising
 * text8 with a Map<string, number>). Open addressing on an FNV-1a hash of the bytes.
 */
export class WordTable {
  /** Number of distinct words; their indices are 0..size-1 in order of first appearance. */
  size = 0;
  private slots = new Int32Array(1 << 16).fill(-1);
  private pool = new Uint8Array(1 << 20);
  private poolLength = 0;
  private offsets = new Int32Array(1 << 14);
  private lengths = new Int32Array(1 << 14);
  private hashes = new Int32Array(1 << 14);

  /** Index of the word `bytes[start..end)`, adding it if it is new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    let hash = 0x811c9dc5 | 0;
    for (let k = start; k < end; k++) hash = Math.imul(hash ^ bytes[k], 0x01000193);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const index = this.slots[slot];
      if (index < 0) break;
      if (this.hashes[index] === hash && this.lengths[index] === length) {
        const offset = this.offsets[index];
        const pool = this.pool;
        let k = 0;
        while (k < length && pool[offset + k] === bytes[start + k]) k++;
        if (k === length) return index;
      }
      slot = (slot + 1) & mask;
    }
    return this.insert(bytes, start, end, hash, slot);
  }

  /** The words, decoded, by index. */
  words(): string[] {
    const pool = Buffer.from(this.pool.buffer, this.pool.byteOffset, this.poolLength);
    return Array.from({ length: this.size }, (_, index) =>
      pool.toString("utf8", this.offsets[index], this.offsets[index] + this.lengths[index]),
    );
  }

  private insert(bytes: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const index = this.size++;
    const length = end - start;
    if (index === this.offsets.length) {
      this.offsets = grow(this.offsets, index * 2);
      this.lengths = grow(this.lengths, index * 2);
      this.hashes = grow(this.hashes, index * 2);
    }
    if (this.poolLength + length > this.pool.length) {
      this.pool = grow(this.pool, Math.max(this.pool.length * 2, this.poolLength + length));
    }
    this.pool.set(bytes.subarray(start, end), this.poolLength);
    this.offsets[index] = this.poolLength;
    this.lengths[index] = length;
    this.hashes[index] = hash;
    this.poolLength += length;
    this.slots[slot] = index;
    // Keep the load factor under 1/2 so that probes stay short.
    if (this.size * 2 > this.slots.length) this.rehash();
    return index;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let index = 0; index < this.size; index++) {
      let slot = this.hashes[index] & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = index;
    }
    this.slots = slots;
  }
}

function grow<T extends Int32Array | Uint8Array>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
