/**
 * One thread's block in shared memory, as the host sees it: the generator state and
 * stream position it saves and restores, the word target it sets, the progress counters
 * the kernel publishes once per sentence (read here without stopping the kernel).
 */
import type { RngState } from "@w2v/data";
import {
  T_EPOCH,
  T_EXAMPLES,
  T_LOSS_SUM,
  T_LR,
  T_MARK,
  T_RNG,
  T_SENTENCE,
  T_SHARD_FIRST,
  T_SHARD_SENTENCES,
  T_WORD_TARGET,
  T_WORDS,
} from "./slots.js";

export class ThreadContext {
  private readonly view: DataView;

  constructor(
    buffer: ArrayBufferLike,
    /** the block's address, passed to the kernels */
    readonly pointer: number,
  ) {
    this.view = new DataView(buffer);
  }

  get rngState(): RngState {
    const p = this.pointer + T_RNG;
    return [0, 1, 2, 3].map((i) => this.view.getUint32(p + 4 * i, true)) as RngState;
  }

  set rngState(state: RngState) {
    const p = this.pointer + T_RNG;
    for (let i = 0; i < 4; i++) this.view.setUint32(p + 4 * i, state[i] >>> 0, true);
  }

  get shardFirst(): number {
    return this.i32(T_SHARD_FIRST);
  }

  get shardSentences(): number {
    return this.i32(T_SHARD_SENTENCES);
  }

  setShard(first: number, sentences: number): void {
    this.setI32(T_SHARD_FIRST, first);
    this.setI32(T_SHARD_SENTENCES, sentences);
  }

  /** the next sentence within the shard */
  get sentence(): number {
    return this.i32(T_SENTENCE);
  }

  set sentence(value: number) {
    this.setI32(T_SENTENCE, value);
  }

  get epoch(): number {
    return this.i32(T_EPOCH);
  }

  set epoch(value: number) {
    this.setI32(T_EPOCH, value);
  }

  /** corpus words this thread consumed */
  get words(): number {
    return Number(this.view.getBigInt64(this.pointer + T_WORDS, true));
  }

  set words(value: number) {
    this.view.setBigInt64(this.pointer + T_WORDS, BigInt(value), true);
  }

  set wordTarget(value: number) {
    this.view.setBigInt64(this.pointer + T_WORD_TARGET, BigInt(value), true);
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
