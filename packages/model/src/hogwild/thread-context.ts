/**
 * One thread's block in shared memory, as the host sees it: its lane of sentences, the
 * progress counters the kernel publishes once per sentence (read here without stopping
 * the kernel), the last learning rate, the scratch pointers.
 */
import { T_EXAMPLES, T_LANE, T_LOSS_SUM, T_LR, T_MARK } from "./slots.js";

export class ThreadContext {
  private readonly view: DataView;

  constructor(
    buffer: ArrayBufferLike,
    /** the block's address, passed to the kernels */
    readonly pointer: number,
  ) {
    this.view = new DataView(buffer);
  }

  /** Sentences [next, end) after the call's base, for the next kernel calls. */
  setLane(next: number, end: number): void {
    const lane = new BigUint64Array(this.view.buffer, this.pointer + T_LANE, 1);
    Atomics.store(lane, 0, (BigInt(end) << 32n) | BigInt(next));
  }

  get examples(): number {
    return Number(this.view.getBigInt64(this.pointer + T_EXAMPLES, true));
  }

  set examples(value: number) {
    this.view.setBigInt64(this.pointer + T_EXAMPLES, BigInt(value), true);
  }

  get lossSum(): number {
    return this.view.getFloat64(this.pointer + T_LOSS_SUM, true);
  }

  set lossSum(value: number) {
    this.view.setFloat64(this.pointer + T_LOSS_SUM, value, true);
  }

  get lr(): number {
    return this.view.getFloat32(this.pointer + T_LR, true);
  }

  set lr(value: number) {
    this.view.setFloat32(this.pointer + T_LR, value, true);
  }

  /** Restart the unique-draw marks (after the marks array was cleared). */
  resetMarks(): void {
    this.setI32(T_MARK, 0);
  }

  i32(field: number): number {
    return this.view.getInt32(this.pointer + field, true);
  }

  setI32(field: number, value: number): void {
    this.view.setInt32(this.pointer + field, value, true);
  }
}
