// SIMD row arithmetic on f32 rows of `dim` floats (any dim: 4-lane body, scalar tail).

export function dot(a: usize, b: usize, dim: i32): f32 {
  let acc0 = f32x4.splat(0);
  let acc1 = f32x4.splat(0);
  let i = 0;
  // Two accumulators hide the add latency.
  for (; i + 8 <= dim; i += 8) {
    const o = (<usize>i) << 2;
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
    acc1 = f32x4.add(acc1, f32x4.mul(v128.load(a + o, 16), v128.load(b + o, 16)));
  }
  for (; i + 4 <= dim; i += 4) {
    const o = (<usize>i) << 2;
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  }
  const acc = f32x4.add(acc0, acc1);
  let sum =
    f32x4.extract_lane(acc, 0) +
    f32x4.extract_lane(acc, 1) +
    (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; i < dim; i++) sum += load<f32>(a + ((<usize>i) << 2)) * load<f32>(b + ((<usize>i) << 2));
  return sum;
}

/** y += a * x */
export function axpy(y: usize, x: usize, a: f32, dim: i32): void {
  const va = f32x4.splat(a);
  let i = 0;
  for (; i + 4 <= dim; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(va, v128.load(x + o))));
  }
  for (; i < dim; i++) {
    const o = (<usize>i) << 2;
    store<f32>(y + o, load<f32>(y + o) + a * load<f32>(x + o));
  }
}

/** y *= a */
export function scale(y: usize, a: f32, dim: i32): void {
  const va = f32x4.splat(a);
  let i = 0;
  for (; i + 4 <= dim; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(y + o, f32x4.mul(va, v128.load(y + o)));
  }
  for (; i < dim; i++) store<f32>(y + ((<usize>i) << 2), load<f32>(y + ((<usize>i) << 2)) * a);
}

/** y = 0 (a store loop: cheaper than a bulk-memory call for one row) */
export function zero(y: usize, dim: i32): void {
  const z = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= dim; i += 4) v128.store(y + ((<usize>i) << 2), z);
  for (; i < dim; i++) store<f32>(y + ((<usize>i) << 2), 0);
}
