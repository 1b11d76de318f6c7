import type { Distribution, SweepFile } from "@w2v/config";
import { Rng } from "@w2v/data";

/** One field a trial sets: its dotted config path, its value, and where the sweep file says so. */
export interface SweptValue {
  path: string;
  value: unknown;
  /** Dotted path of the value in the sweep file (e.g. `grid.model.loss.1`), for error messages. */
  origin: string;
}

/** Random reals keep 4 significant digits, so a trial's name and its config say the same number. */
const SIGNIFICANT_DIGITS = 4;

function round(value: number): number {
  return Number(value.toPrecision(SIGNIFICANT_DIGITS));
}

function draw(distribution: Distribution, rng: Rng): unknown {
  if (distribution.choice) return distribution.choice[rng.nextInt(distribution.choice.length)];
  if (distribution.uniform) {
    const [low, high] = distribution.uniform;
    return round(low + (high - low) * rng.nextFloat());
  }
  if (distribution.logUniform) {
    const [low, high] = distribution.logUniform.map(Math.log);
    return round(Math.exp(low + (high - low) * rng.nextFloat()));
  }
  const [low, high] = distribution.int as [number, number];
  return low + rng.nextInt(high - low + 1);
}

/** Every combination of the factors' options, the first factor varying slowest. */
function cross(factors: SweptValue[][][]): SweptValue[][] {
  return factors.reduce<SweptValue[][]>(
    (points, options) => points.flatMap((point) => options.map((option) => [...point, ...option])),
    [[]],
  );
}

function randomPoints(random: NonNullable<SweepFile["random"]>): SweptValue[][] {
  // One generator per parameter: adding a parameter leaves the others' draws unchanged.
  const draws = Object.entries(random.parameters).map(([path, distribution]) => {
    const rng = Rng.derive(random.seed, "sweep", path);
    const kind = Object.keys(distribution)[0];
    return Array.from({ length: random.samples }, () => ({
      path,
      value: draw(distribution, rng),
      origin: `random.parameters.${path}.${kind}`,
    }));
  });
  return Array.from({ length: random.samples }, (_, sample) => draws.map((values) => values[sample]));
}

/**
 * The sweep's points, in order: grid x zip groups x random samples x repeats (repeats of a
 * point are adjacent). `baseSeed` is the base config's seed; repeat k uses baseSeed + k.
 */
export function expandSweep(sweep: SweepFile, baseSeed: number): SweptValue[][] {
  const grid = Object.entries(sweep.grid).map(([path, values]) =>
    values.map((value, index) => [{ path, value, origin: `grid.${path}.${index}` }]),
  );
  const zips = sweep.zip.map((group, groupIndex) => {
    const entries = Object.entries(group);
    if (entries.length === 0) return [[]];
    return entries[0][1].map((_, row) =>
      entries.map(([path, values]) => ({
        path,
        value: values[row],
        origin: `zip.${groupIndex}.${path}.${row}`,
      })),
    );
  });
  const random = sweep.random ? [randomPoints(sweep.random)] : [];
  const repeats =
    sweep.repeat > 1
      ? [
          Array.from({ length: sweep.repeat }, (_, k) => [
            { path: "seed", value: baseSeed + k, origin: "repeat" },
          ]),
        ]
      : [];
  return cross([...grid, ...zips, ...random, ...repeats]);
}
