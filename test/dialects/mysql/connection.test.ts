import { test } from "node:test";
import assert from "node:assert/strict";
import { mysqlDialect } from "../../../src/dialects/mysql";
import { parseDatabaseUrl } from "../../../src/config/database-url";

const connectOptionsFromUrl = (url: string) => parseDatabaseUrl(url, process.cwd()).options;
import { ConnectionError } from "../../../src/errors";
import { unavailable, withTestDatabase } from "../../support/databases";

test("an unreachable port gives a ConnectionError that names the target and never the password", async () => {
  const password = "s3cret-Pa55";
  await assert.rejects(
    mysqlDialect.connect({ host: "127.0.0.1", port: 1, user: "root", password, database: "nowhere" }),
    (e: unknown) => {
      assert.ok(e instanceof ConnectionError);
      assert.match(e.message, /127\.0\.0\.1:1\/nowhere as root/);
      assert.match(e.message, /Check/);
      assert.ok(!e.message.includes(password));
      return true;
    },
  );
});

test("wrong credentials give a ConnectionError without the password", async (t) => {
  const reason = await unavailable("mysql");
  if (reason) return t.skip(reason);
  const password = "definitely-wrong-pw";
  await assert.rejects(
    mysqlDialect.connect({ host: "127.0.0.1", port: 3306, user: "athanor_nobody", password }),
    (e: unknown) => {
      assert.ok(e instanceof ConnectionError);
      assert.ok(!e.message.includes(password), e.message);
      return true;
    },
  );
});

test("mysql:// and mariadb:// URLs connect the same way, count queries and report the server version", async (t) => {
  const reason = await unavailable("mysql");
  if (reason) return t.skip(reason);
  await withTestDatabase("mysql", async (db) => {
    for (const url of [db.url, db.url.replace(/^mysql:/, "mariadb:")]) {
      const conn = await mysqlDialect.connect(connectOptionsFromUrl(url));
      try {
        assert.match(conn.serverVersion, /^\d+\.\d+/);
        const before = conn.queryCount;
        const [row] = await conn.query<{ db: string }>("SELECT DATABASE() AS db");
        assert.equal(row.db, db.database);
        assert.equal(conn.queryCount, before + 1);
      } finally {
        await conn.close();
      }
    }
  });
  assert.deepEqual(connectOptionsFromUrl("mariadb://u%40x:p%3Aw@db.example:3307/app"), {
    host: "db.example",
    port: 3307,
    user: "u@x",
    password: "p:w",
    database: "app",
  });
});
