/**
 * The embedded PostgreSQL (PGlite) behind `--offline` speaks as the `pg` driver does, so the
 * introspector and the runner read it unchanged: int8 as a string, the last statement's rows of
 * a multi-statement string, parameters. Its empty cluster is kept in the cache folder and loaded
 * on the next start; a kept cluster that does not load is replaced, never an error.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { postgresDialect } from "../../../src/dialects/postgres";

describe("embedded PostgreSQL (PGlite)", () => {
  it("answers as pg does, keeps its empty cluster, and replaces a kept cluster that does not load", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "athanor-pglite-"));
    try {
      const first = await postgresDialect.embedded!({ cacheDir });
      try {
        assert.match(first.engine, /^PGlite \(PostgreSQL \d+\.\d+\)$/);
        assert.match(first.conn.serverVersion, /^\d+\.\d+/);
        assert.deepEqual(await first.conn.query("SELECT 9007199254740993::int8 AS big, 2::int4 AS small, 'x'::text AS t"), [{ big: "9007199254740993", small: 2, t: "x" }]);
        assert.deepEqual(await first.conn.query("CREATE TABLE t (a int); INSERT INTO t VALUES (1), (2); SELECT count(*)::int AS n FROM t"), [{ n: 2 }]);
        assert.deepEqual(await first.conn.query("SELECT $1::text AS v", ["param"]), [{ v: "param" }]);
      } finally {
        await first.conn.close();
      }
      const kept = readdirSync(cacheDir).filter((f) => f.endsWith("-initdb.tar.gz"));
      assert.equal(kept.length, 1, `the empty cluster is kept: ${readdirSync(cacheDir).join(", ")}`);
      // The kept cluster is the empty one: the table of the first run is not in the second.
      const second = await postgresDialect.embedded!({ cacheDir });
      try {
        assert.deepEqual(await second.conn.query("SELECT to_regclass('t') AS t"), [{ t: null }]);
      } finally {
        await second.conn.close();
      }
      writeFileSync(join(cacheDir, kept[0]), "not a cluster");
      const third = await postgresDialect.embedded!({ cacheDir });
      try {
        assert.deepEqual(await third.conn.query("SELECT 1 AS one"), [{ one: 1 }]);
      } finally {
        await third.conn.close();
      }
      assert.notEqual(readFileSync(join(cacheDir, kept[0]), "utf8").slice(0, 13), "not a cluster", "the broken cluster was replaced");
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
