/**
 * One fuzz case: the random model of `seed` built by TypeORM's synchronize, its random edit
 * migrated by athanor, judged by the round trip of test/support/round-trip.ts. Shared by the
 * few seeds of the normal test run and by `npm run fuzz`.
 */
import { withTestDatabase, type TestDialect } from "../support/databases";
import { roundTrip } from "../support/round-trip";
import { fuzzCase } from "./random-model";

export interface FuzzOutcome {
  readonly dialect: TestDialect;
  readonly seed: number;
  readonly edits: readonly string[];
  /**
   * passed; failed; vacuous: the edits changed nothing TypeORM or athanor sees; typeorm-quirk:
   * the oracle failed, but TypeORM's schema builder is unsettled after its OWN synchronize of the
   * same entities, so no tool could pass (neither is a verdict on athanor).
   */
  readonly status: "passed" | "failed" | "vacuous" | "typeorm-quirk";
  readonly error?: string;
  readonly ms: number;
}

export const VACUOUS = /the case changes nothing/;
export const TYPEORM_QUIRK = /TypeORM leaves these after its OWN synchronize too/;

/** Runs the fuzz case of `seed` on `dialect`; throws nothing, reports everything. */
export async function runFuzzCase(dialect: TestDialect, seed: number): Promise<FuzzOutcome> {
  const started = Date.now();
  const c = fuzzCase(seed, dialect);
  try {
    await withTestDatabase(dialect, (db) => roundTrip(db, { before: { "model.ts": c.before }, after: { "model.ts": c.after }, renames: c.renames }));
    return { dialect, seed, edits: c.edits, status: "passed", ms: Date.now() - started };
  } catch (e) {
    const error = (e as Error).message ?? String(e);
    const status = VACUOUS.test(error) ? "vacuous" : TYPEORM_QUIRK.test(error) ? "typeorm-quirk" : "failed";
    return { dialect, seed, edits: c.edits, status, error: `${error}\n--- before ---\n${c.before}\n--- after ---\n${c.after}`, ms: Date.now() - started };
  }
}

/** The seeds to run: ATHANOR_FUZZ_SEED alone when set (reproducing a failure), else `fallback`. */
export function seedsFromEnv(fallback: readonly number[]): number[] {
  const s = process.env.ATHANOR_FUZZ_SEED;
  if (s === undefined || s === "") return [...fallback];
  const seeds = s.split(",").map((x) => Number(x.trim()));
  if (seeds.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`ATHANOR_FUZZ_SEED must be non-negative integers separated by commas, got "${s}"`);
  return seeds;
}
