/**
 * The embedded SQLite behind `--offline` is an in-memory database that can be saved as an image
 * and reopened from it (a replay then goes on from there); an image that is no database opens an
 * empty one instead, and says so.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sqliteDialect } from "../../../src/dialects/sqlite";

describe("embedded SQLite", () => {
  it("saves an image that reopens with its tables and rows, and falls back to an empty database on a broken one", async () => {
    const first = await sqliteDialect.embedded!();
    let image: Buffer;
    try {
      assert.equal(first.fromImage, false);
      assert.match(first.engine, /^in-memory SQLite \d+\.\d+/);
      await first.conn.query("CREATE TABLE t (id integer PRIMARY KEY, name text)");
      await first.conn.query("INSERT INTO t (name) VALUES ('kept')");
      image = await first.save!();
    } finally {
      await first.conn.close();
    }
    const second = await sqliteDialect.embedded!({ image });
    try {
      assert.equal(second.fromImage, true);
      assert.deepEqual(await second.conn.query("SELECT name FROM t"), [{ name: "kept" }]);
    } finally {
      await second.conn.close();
    }
    const broken = await sqliteDialect.embedded!({ image: Buffer.from("not a database") });
    try {
      assert.equal(broken.fromImage, false);
      assert.deepEqual(await broken.conn.query("SELECT name FROM sqlite_master"), []);
    } finally {
      await broken.conn.close();
    }
  });
});
