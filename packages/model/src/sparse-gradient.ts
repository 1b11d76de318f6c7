/**
 * The gradient of one parameter table restricted to the rows a step touched: rows are
 * accumulated by id (a word seen twice in a batch gets the sum) in O(touched rows), so a
 * step never does O(vocabulary x dim) work.
 */
export class SparseGradient {
  /** floats per row (dim for the tables, 1 for the biases) */
  readonly width: number;
  /** the touched ids, in first-touch order; `count` of them are valid */
  ids: Int32Array;
  /** `count * width` accumulated gradient values, row i for ids[i] */
  values: Float32Array;
  count = 0;
  private readonly slotOf: Int32Array;

  constructor(rows: number, width: number, capacity = 1024) {
    this.width = width;
    this.slotOf = new Int32Array(rows).fill(-1);
    this.ids = new Int32Array(capacity);
    this.values = new Float32Array(capacity * width);
  }

  /** The offset in `values` of id's row, adding a zero row on first touch. */
  rowOffset(id: number): number {
    let slot = this.slotOf[id];
    if (slot < 0) {
      slot = this.count++;
      if (slot === this.ids.length) this.grow();
      this.slotOf[id] = slot;
      this.ids[slot] = id;
    }
    return slot * this.width;
  }

  /** row(id) += scale * source[offset .. offset + width) */
  add(id: number, source: Float32Array, offset: number, scale = 1): void {
    const row = this.rowOffset(id);
    const { values, width } = this;
    for (let d = 0; d < width; d++) values[row + d] += scale * source[offset + d];
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.slotOf[this.ids[i]] = -1;
    this.values.fill(0, 0, this.count * this.width);
    this.count = 0;
  }

  private grow(): void {
    const ids = new Int32Array(this.ids.length * 2);
    ids.set(this.ids);
    const values = new Float32Array(ids.length * this.width);
    values.set(this.values);
    this.ids = ids;
    this.values = values;
  }
}
