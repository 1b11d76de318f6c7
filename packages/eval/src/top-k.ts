/**
 * The k highest-scoring ids seen so far: a min-heap of size k, so each offer costs
 * O(1) when it does not beat the current k-th best (the common case) and O(log k) when it does.
 */
export class TopK {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(readonly k: number) {
    if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
    this.ids = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  /** A score must exceed this to enter (-Infinity until k ids are held). */
  get threshold(): number {
    return this.size < this.k ? Number.NEGATIVE_INFINITY : this.scores[0];
  }

  offer(id: number, score: number): void {
    if (this.size < this.k) {
      this.siftUp(this.size++, id, score);
    } else if (score > this.scores[0]) {
      this.siftDown(id, score);
    }
  }

  /** Held ids, best first; equal scores keep the lower id first. */
  sorted(): { id: number; score: number }[] {
    const items: { id: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) items.push({ id: this.ids[i], score: this.scores[i] });
    return items.sort((x, y) => y.score - x.score || x.id - y.id);
  }

  private siftUp(position: number, id: number, score: number): void {
    let i = position;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent] <= score) break;
      this.ids[i] = this.ids[parent];
      this.scores[i] = this.scores[parent];
      i = parent;
    }
    this.ids[i] = id;
    this.scores[i] = score;
  }

  /** Replace the root (the k-th best) and restore the heap. */
  private siftDown(id: number, score: number): void {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && this.scores[right] < this.scores[left] ? right : left;
      if (this.scores[child] >= score) break;
      this.ids[i] = this.ids[child];
      this.scores[i] = this.scores[child];
      i = child;
    }
    this.ids[i] = id;
    this.scores[i] = score;
  }
}
