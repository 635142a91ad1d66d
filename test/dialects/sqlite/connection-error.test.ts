import { test } from "node:test";
import assert from "node:assert/strict";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import { ConnectionError } from "../../../src/errors";
import { unavailable } from "../../support/databases";

test("a database file that cannot be opened is a ConnectionError that names the path", async (t) => {
  const skip = await unavailable("sqlite");
  if (skip) return t.skip(skip);
  const filename = "/nonexistent-athanor-dir/sub/db.sqlite";
  await assert.rejects(
    sqliteDialect.connect({ filename, password: "s3cret-pw" }),
    (e: unknown) => e instanceof ConnectionError && e.message.includes(filename) && !e.message.includes("s3cret-pw") && /Check/.test(e.message),
  );
  await assert.rejects(sqliteDialect.connect({}), ConnectionError);
});

test("a connection reports the SQLite version and counts statements", async (t) => {
  const skip = await unavailable("sqlite");
  if (skip) return t.skip(skip);
  const conn = await sqliteDialect.connect({ filename: ":memory:" });
  assert.match(conn.serverVersion, /^3\.\d+\.\d+/);
  await conn.query("CREATE TABLE a (x)");
  await conn.query("INSERT INTO a VALUES (?)", [1]);
  assert.deepEqual(await conn.query("SELECT x FROM a"), [{ x: 1 }]);
  assert.equal(conn.queryCount, 3);
  await conn.close();
});
