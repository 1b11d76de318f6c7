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

/** y += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3: four axpys in one pass over y. */
export function axpy4(
  y: usize,
  x0: usize,
  x1: usize,
  x2: usize,
  x3: usize,
  a0: f32,
  a1: f32,
  a2: f32,
  a3: f32,
  dim: i32,
): void {
  const v0 = f32x4.splat(a0);
  const v1 = f32x4.splat(a1);
  const v2 = f32x4.splat(a2);
  const v3 = f32x4.splat(a3);
  let i = 0;
  for (; i + 4 <= dim; i += 4) {
    const o = (<usize>i) << 2;
    const sum01 = f32x4.add(f32x4.mul(v0, v128.load(x0 + o)), f32x4.mul(v1, v128.load(x1 + o)));
    const sum23 = f32x4.add(f32x4.mul(v2, v128.load(x2 + o)), f32x4.mul(v3, v128.load(x3 + o)));
    v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.add(sum01, sum23)));
  }
  for (; i < dim; i++) {
    const o = (<usize>i) << 2;
    const sum =
      a0 * load<f32>(x0 + o) + a1 * load<f32>(x1 + o) + (a2 * load<f32>(x2 + o) + a3 * load<f32>(x3 + o));
    store<f32>(y + o, load<f32>(y + o) + sum);
  }
}

/** The dots of `a` with b0..b3, stored as four f32 at `out`: one pass over `a`. */
export function dot4(a: usize, b0: usize, b1: usize, b2: usize, b3: usize, dim: i32, out: usize): void {
  let acc0 = f32x4.splat(0);
  let acc1 = f32x4.splat(0);
  let acc2 = f32x4.splat(0);
  let acc3 = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= dim; i += 4) {
    const o = (<usize>i) << 2;
    const va = v128.load(a + o);
    acc0 = f32x4.add(acc0, f32x4.mul(va, v128.load(b0 + o)));
    acc1 = f32x4.add(acc1, f32x4.mul(va, v128.load(b1 + o)));
    acc2 = f32x4.add(acc2, f32x4.mul(va, v128.load(b2 + o)));
    acc3 = f32x4.add(acc3, f32x4.mul(va, v128.load(b3 + o)));
  }
  store<f32>(out, sumLanes(acc0) + tail(a, b0, i, dim));
  store<f32>(out + 4, sumLanes(acc1) + tail(a, b1, i, dim));
  store<f32>(out + 8, sumLanes(acc2) + tail(a, b2, i, dim));
  store<f32>(out + 12, sumLanes(acc3) + tail(a, b3, i, dim));
}

function sumLanes(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

/** The dot of a and b over [from, dim). */
function tail(a: usize, b: usize, from: i32, dim: i32): f32 {
  let sum: f32 = 0;
  for (let i = from; i < dim; i++) sum += load<f32>(a + ((<usize>i) << 2)) * load<f32>(b + ((<usize>i) << 2));
  return sum;
}
