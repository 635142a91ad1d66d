/**
 * `revision --autogenerate` (online by default; `--online-indexes` is the earlier opt-in, kept as
 * an alias): an index added to a table that already holds rows is built without blocking writes
 * where the database can — PostgreSQL CREATE INDEX CONCURRENTLY (which the runner runs outside
 * the migration's transaction, committing before it), MySQL/MariaDB LOCK=NONE — and dropped the
 * same way on downgrade. SQLite has no such thing: nothing changes there. `--no-online` opts out.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase, type TestDialect } from "../support/databases";
import { introspectUrl, queryUrl } from "../support/introspect";
import { createProject } from "../support/project";

const device = (indexed: boolean) => `import { Column, Entity, Index, PrimaryColumn } from "typeorm";

@Entity("devices")
export class Device {
  @PrimaryColumn({ type: "int" })
  id!: number;

  ${indexed ? '@Index("idx_devices_hostname")\n  ' : ""}@Column({ type: "varchar", length: 100 })
  hostname!: string;
}
`;

/** The statements `upgrade --sql` / `downgrade --sql` must print (see test/unit/dialects/online-index-sql.test.ts). */
const ONLINE_SQL: Record<TestDialect, { up: string[]; down: string[] }> = {
  postgres: { up: ['CREATE INDEX CONCURRENTLY "idx_devices_hostname" ON "devices" ("hostname")'], down: ['DROP INDEX CONCURRENTLY "idx_devices_hostname"'] },
  mysql: {
    up: ["CREATE INDEX `idx_devices_hostname` ON `devices` (`hostname`) ALGORITHM=INPLACE LOCK=NONE"],
    down: ["ALTER TABLE `devices` DROP INDEX `idx_devices_hostname`, ALGORITHM=INPLACE, LOCK=NONE"],
  },
  sqlite: { up: ['CREATE INDEX "idx_devices_hostname" ON "devices" ("hostname")'], down: ['DROP INDEX "idx_devices_hostname"'] },
};

for (const dialect of DIALECTS) {
  describe(`online index builds on ${dialect}`, () => {
    it("builds and drops an index of an existing table without blocking writes where the database can, by default", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "device.ts": device(false) });
        assert.equal((await p.cli("revision", "--autogenerate", "-m", "devices")).code, 0);
        const first = p.read(p.migrationFiles()[0]);
        assert.doesNotMatch(first, /concurrently|transactional/, "a new table's indexes need no online build");
        assert.equal((await p.cli("upgrade", "head")).code, 0);
        await queryUrl(db.url, "INSERT INTO devices (id, hostname) VALUES (1, 'a'), (2, 'b')");

        p.writeEntity("device.ts", device(true));
        // Opting out gives the plain build (the file is removed again: only the online one is applied).
        let r = await p.cli("revision", "--autogenerate", "-m", "plain index", "--no-online");
        assert.equal(r.code, 0, r.stderr);
        const plain = p.migrationFiles().find((f) => f.includes("plain_index"))!;
        assert.doesNotMatch(p.read(plain), /concurrently/);
        rmSync(plain);
        r = await p.cli("revision", "--autogenerate", "-m", "index hostname", "--online-indexes");
        assert.equal(r.code, 0, r.stderr);
        const source = p.read(p.migrationFiles().find((f) => f.includes("index_hostname"))!);
        if (dialect === "sqlite") {
          assert.doesNotMatch(source, /concurrently/);
        } else {
          assert.match(source, /op\.createIndex\("idx_devices_hostname", "devices", \["hostname"\], \{ concurrently: true \}\)/);
          assert.match(source, /op\.dropIndex\("idx_devices_hostname", "devices", \{ concurrently: true \}\)/);
        }
        assert.doesNotMatch(source, /transactional/, "the runner commits around CONCURRENTLY: the migration stays transactional");

        // The SQL that runs, not only the TypeScript: the statement must still be the online one.
        r = await p.cli("upgrade", "head", "--sql");
        assert.equal(r.code, 0, r.stderr);
        for (const statement of ONLINE_SQL[dialect].up) assert.ok(r.stdout.includes(statement), `upgrade --sql lacks ${statement}:\n${r.stdout}`);
        r = await p.cli("upgrade", "head");
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual((await introspectUrl(db.url)).tables[0].indexes.map((i) => i.name), ["idx_devices_hostname"]);
        if (dialect === "postgres") {
          // A failed CONCURRENTLY build leaves an INVALID index behind that still shows in the catalog.
          const valid = await queryUrl<{ indisvalid: boolean; indisready: boolean }>(
            db.url,
            "SELECT i.indisvalid, i.indisready FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'idx_devices_hostname'",
          );
          assert.deepEqual(valid, [{ indisvalid: true, indisready: true }]);
        }
        const firstRevision = /export const revision = "(\w+)"/.exec(first)![1];
        r = await p.cli("downgrade", "--sql", `head:${firstRevision}`);
        assert.equal(r.code, 0, r.stderr);
        for (const statement of ONLINE_SQL[dialect].down) assert.ok(r.stdout.includes(statement), `downgrade --sql lacks ${statement}:\n${r.stdout}`);
        assert.equal((await p.cli("check")).code, 0);
        r = await p.cli("downgrade", "-1");
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual((await introspectUrl(db.url)).tables[0].indexes, []);
        assert.equal((await queryUrl(db.url, "SELECT * FROM devices")).length, 2);
      });
    });
  });
}
