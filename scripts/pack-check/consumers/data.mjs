// @w2v/data: build a vocabulary from counts and draw from the seeded generator.
import { Rng, Vocab } from "@w2v/data";

const { vocab } = Vocab.fromCounts(["the", "cat", "sat", "rare"], [10, 5, 3, 1], {
  minCount: 2,
  maxVocab: 100,
  unknownWords: "drop",
  unkToken: "<unk>",
});
const rng = Rng.derive(1, "check");
const draw = rng.nextFloat();
if (vocab.size !== 3 || !(draw >= 0 && draw < 1)) throw new Error(`vocab ${vocab.size}, draw ${draw}`);
console.log(`-> data: vocabulary of ${vocab.size}, first draw ${draw.toFixed(4)}`);
