import { DIALECTS, unavailable, withTestDatabase, type TestDatabase, type TestDialect } from "../test/support/databases";

/** Runs `fn` in a fresh database for each reachable dialect and size; says which were skipped. */
export async function forEachDatabase(sizes: readonly number[], fn: (db: TestDatabase, dialect: TestDialect, n: number) => Promise<void>): Promise<void> {
  for (const dialect of DIALECTS) {
    const why = await unavailable(dialect);
    if (why) {
      console.log(`${dialect.padEnd(9)} skipped: ${why}`);
      continue;
    }
    for (const n of sizes) await withTestDatabase(dialect, (db) => fn(db, dialect, n));
  }
}
