/**
 * `upgrade --sql` writes for the server version it is told: `--server-version`, else the config's
 * `serverVersion`, else the dialect's default; a version the dialect cannot read is refused
 * before anything is written. Nothing connects (the URL points nowhere).
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { withTestDatabase } from "../support/databases";
import { createProject, type TestProject } from "../support/project";
import { writeMigration } from "./runner-fixtures";

const NOWHERE = "mysql://nobody@127.0.0.1:1/nowhere";

function project(p: TestProject, serverVersion?: string): void {
  const extra = serverVersion === undefined ? "" : `, serverVersion: ${JSON.stringify(serverVersion)}`;
  writeFileSync(join(p.dir, "athanor.config.ts"), `export default { dataSource: "./src/data-source.ts", migrations: "./migrations"${extra} };\n`);
  writeMigration(p, {
    revision: "a1a1a1a1a1a1",
    down: null,
    message: "create post",
    upgrade: `await op.createTable({ name: "post", columns: [{ name: "id", type: "int", nullable: false }, { name: "title", type: "varchar", length: 100, nullable: true }], primaryKey: { columns: ["id"] } });`,
    downgrade: `await op.dropTable("post");`,
  });
  writeMigration(p, {
    revision: "b2b2b2b2b2b2",
    down: "a1a1a1a1a1a1",
    message: "rename title add views",
    upgrade: `await op.renameColumn("post", "title", "heading");\nawait op.addColumn("post", { name: "views", type: "int", nullable: false, default: "0" });`,
    downgrade: `await op.dropColumn("post", "views");\nawait op.renameColumn("post", "heading", "title");`,
  });
}

describe("offline scripts follow the server version", () => {
  it("the config's serverVersion decides; --server-version overrides it; an unreadable one is refused", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db);
      project(p, "10.4.34-MariaDB");
      let r = await p.cli("upgrade", "head", "--sql", "--url", NOWHERE);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /offline script for mysql 10\.4\.34-MariaDB/);
      assert.match(r.stdout, /^ALTER TABLE `post` CHANGE COLUMN `title` `heading` varchar\(100\) NULL;$/m, "MariaDB 10.4 has no RENAME COLUMN");
      assert.match(r.stdout, /^ALTER TABLE `post` ADD COLUMN `views` int NOT NULL DEFAULT 0, ALGORITHM=INSTANT;$/m);

      r = await p.cli("upgrade", "head", "--sql", "--url", NOWHERE, "--server-version", "8.0.11");
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^ALTER TABLE `post` RENAME COLUMN `title` TO `heading`;$/m);
      assert.match(r.stdout, /^ALTER TABLE `post` ADD COLUMN `views` int NOT NULL DEFAULT 0;$/m, "MySQL 8.0.11 predates ALGORITHM=INSTANT");

      r = await p.cli("upgrade", "head", "--sql", "--url", NOWHERE, "--server-version", "latest");
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /--server-version "latest" is not a mysql server version/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
      assert.equal(r.stdout, "");
    });
  });
});
