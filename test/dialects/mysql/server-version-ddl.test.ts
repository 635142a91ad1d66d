/**
 * On the installed server (MariaDB 10.11), through the runner: the compiler reads the connection's
 * version and writes the cheapest statements the server accepts: ADD COLUMN … ALGORITHM=INSTANT
 * and RENAME COLUMN, with the rows kept; and leaves the clause out where the server would refuse it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mysqlDialect } from "../../../src/dialects/mysql";
import type { Connection } from "../../../src/dialects/dialect";
import type { MigrationContext } from "../../../src/ops/migration-context";
import { liveTarget, performMigration } from "../../../src/runner/run-migration";
import { createVersionTableSql } from "../../../src/runner/version-table";
import type { Table } from "../../../src/schema/types";
import { unavailable, withTestDatabase } from "../../support/databases";
import { connectTest, run } from "./helpers";

const post: Table = {
  name: "post",
  columns: [
    { name: "id", type: "int", nullable: false, autoIncrement: "increment" },
    { name: "title", type: "varchar", length: 100, nullable: true },
  ],
  primaryKey: { columns: ["id"] },
  indexes: [],
  uniques: [],
  foreignKeys: [],
};
const doc: Table = { ...post, name: "doc", indexes: [{ name: "ft_title", columns: ["title"], unique: false, method: "fulltext" }] };

/** Runs `upgrade` as the runner does (live target, the connection's version); returns what ran. */
async function migrate(conn: Connection, revision: string, upgrade: (ctx: MigrationContext) => Promise<void>): Promise<string[]> {
  const ran: string[] = [];
  const script = { revision, downRevisions: [], file: `${revision}.ts`, checksum: "", transactional: false, upgrade, downgrade: async () => undefined };
  await performMigration(liveTarget(conn), { script, direction: "upgrade", headsBefore: [], headsAfter: [revision] }, ran);
  return ran;
}

async function withPosts(fn: (conn: Connection) => Promise<void>): Promise<void> {
  await withTestDatabase("mysql", async (db) => {
    const conn = await connectTest(db);
    try {
      await conn.query(createVersionTableSql(mysqlDialect));
      for (const table of [post, doc]) await run(conn, await mysqlDialect.compile({ kind: "createTable", table }, { currentTable: async () => undefined }));
      for (const t of ["post", "doc"]) await conn.query(`INSERT INTO \`${t}\` (\`title\`) VALUES ('alpha'), ('beta'), (NULL)`);
      await fn(conn);
    } finally {
      await conn.close();
    }
  });
}

test("the installed MariaDB adds a column with a default instantly and renames with RENAME COLUMN, rows kept", async (t) => {
  const reason = await unavailable("mysql");
  if (reason) return t.skip(reason);
  await withPosts(async (conn) => {
    const capabilities = mysqlDialect.capabilities(conn.serverVersion);
    if (capabilities.instantAddColumn !== "explicit" || capabilities.renameColumn !== "rename") {
      return t.skip(`${conn.serverVersion}: older than MariaDB 10.5.2 / MySQL 8.0.12, the per-version table covers it`);
    }
    const ran = await migrate(conn, "r1", async ({ op }) => {
      await op.addColumn("post", { name: "views", type: "int", nullable: false, default: "7" });
      await op.renameColumn("post", "title", "heading");
    });
    assert.deepEqual(ran.slice(0, 2), [
      "ALTER TABLE `post` ADD COLUMN `views` int NOT NULL DEFAULT 7, ALGORITHM=INSTANT",
      "ALTER TABLE `post` RENAME COLUMN `title` TO `heading`",
    ]);
    assert.deepEqual(await conn.query("SELECT `id`, `heading`, `views` FROM `post` ORDER BY `id`"), [
      { id: 1, heading: "alpha", views: 7 },
      { id: 2, heading: "beta", views: 7 },
      { id: 3, heading: null, views: 7 },
    ]);
  });
});

test("the installed MariaDB: a column added to a table with a FULLTEXT index goes without ALGORITHM=INSTANT, which the server would refuse", async (t) => {
  const reason = await unavailable("mysql");
  if (reason) return t.skip(reason);
  await withPosts(async (conn) => {
    // The claim the compiler relies on: the server refuses the clause here.
    await assert.rejects(conn.query("ALTER TABLE `doc` ADD COLUMN `probe` int NULL, ALGORITHM=INSTANT"), /ALGORITHM=INSTANT is not supported/);
    const ran = await migrate(conn, "r2", async ({ op }) => op.addColumn("doc", { name: "views", type: "int", nullable: false, default: "7" }));
    assert.equal(ran[0], "ALTER TABLE `doc` ADD COLUMN `views` int NOT NULL DEFAULT 7");
    const [{ n }] = await conn.query<{ n: unknown }>("SELECT COUNT(*) AS n FROM `doc` WHERE `views` = 7");
    assert.equal(Number(n), 3);
  });
});

test("the runner compiles for the version its connection reports: as MariaDB 10.2, CHANGE COLUMN and no ALGORITHM clause", async (t) => {
  const reason = await unavailable("mysql");
  if (reason) return t.skip(reason);
  await withPosts(async (conn) => {
    // The same server, announcing an older version: what the runner writes follows the announcement.
    const older: Connection = Object.create(conn, { serverVersion: { value: "10.2.44-MariaDB" } });
    const ran = await migrate(older, "r3", async ({ op }) => {
      await op.addColumn("post", { name: "views", type: "int", nullable: false, default: "7" });
      await op.renameColumn("post", "title", "heading");
    });
    assert.deepEqual(ran.slice(0, 2), ["ALTER TABLE `post` ADD COLUMN `views` int NOT NULL DEFAULT 7", "ALTER TABLE `post` CHANGE COLUMN `title` `heading` varchar(100) NULL"]);
    assert.deepEqual(await conn.query("SELECT `heading` FROM `post` ORDER BY `id`"), [{ heading: "alpha" }, { heading: "beta" }, { heading: null }]);
  });
});
