/**
 * Seeded random schemas and edits, a few per dialect in the normal run (the many are behind
 * `npm run fuzz`). Each test is named after its seed: `ATHANOR_FUZZ_SEED=<seed> node
 * scripts/run-tests.mjs dist/test/fuzz` (or `npm run fuzz -- --seed <seed> --count 1`) reruns it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DIALECTS, unavailable } from "../support/databases";
import { runFuzzCase, seedsFromEnv } from "./run-fuzz-case";
import { fuzzCase } from "./random-model";

const SEEDS = seedsFromEnv([1, 2, 3, 4]);

describe("the random model generator", () => {
  it("gives the same entities and edits for the same seed, and different ones for another seed", () => {
    assert.deepEqual(fuzzCase(42, "postgres"), fuzzCase(42, "postgres"));
    assert.notDeepEqual(fuzzCase(42, "postgres").before, fuzzCase(43, "postgres").before);
  });

  it("always edits the model (the entity source after differs from before)", () => {
    for (let seed = 0; seed < 200; seed++) {
      const c = fuzzCase(seed, "mysql");
      assert.notEqual(c.after, c.before, `seed ${seed}`);
      assert.ok(c.edits.length > 0, `seed ${seed}`);
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`fuzz round trips on ${dialect}`, () => {
    for (const seed of SEEDS) {
      const edits = fuzzCase(seed, dialect).edits.join("; ");
      it(`ATHANOR_FUZZ_SEED=${seed}: ${edits}`, async (t) => {
        const why = await unavailable(dialect);
        if (why) return t.skip(why);
        const outcome = await runFuzzCase(dialect, seed);
        if (outcome.status === "failed") assert.fail(outcome.error);
        if (outcome.status !== "passed") t.diagnostic(`not judged: ${outcome.status}`);
      });
    }
  });
}
