/**
 * Reading never writes: `current`, `check`, `history --indicate-current`, `heads`, `branches`,
 * `show`, `revision --autogenerate` (which writes a migration file, never the database) and
 * `upgrade --sql` leave the database exactly as they found it, on every dialect. The witness is the
 * database's own catalog (test/support/catalog-dump.ts, not athanor's introspector), every table's
 * rows (athanor's version and log tables included), for PostgreSQL the schemas and extensions
 * (TypeORM's own `migration:generate` can run CREATE EXTENSION), for MariaDB the server's
 * databases, and for SQLite the file's bytes and modification time and its side files.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { describe, it } from "node:test";
import type { Connection } from "../../src/dialects/dialect";
import { catalogDump } from "../support/catalog-dump";
import { DIALECTS, SERVER_URLS, unavailable, withTestDatabase, type TestDatabase, type TestDialect } from "../support/databases";
import { connectUrl, queryUrl } from "../support/introspect";
import { createProject } from "../support/project";

const device = (changed: boolean) => `import { Column, Entity, Index, PrimaryColumn } from "typeorm";

@Entity("devices")
export class Device {
  @PrimaryColumn({ type: "int" })
  id!: number;

  ${changed ? '@Index("idx_devices_hostname")\n  ' : ""}@Column({ type: "varchar", length: ${changed ? 120 : 100} })
  hostname!: string;
${changed ? `\n  @Column({ type: "varchar", length: 40, nullable: true })\n  serial!: string | null;\n` : ""}}
`;

const TABLES: Record<TestDialect, string> = {
  postgres: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1",
  mysql: "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1",
  sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1",
};

/** Every table's rows, bookkeeping tables included (a version or log row is a write too). */
async function allRows(dialect: TestDialect, conn: Connection): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const { name } of await conn.query<{ name: string }>(TABLES[dialect])) {
    const rows = await conn.query(`SELECT * FROM ${conn.dialect.quoteIdentifier(name)}`);
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

interface Snapshot {
  readonly catalog: string[];
  readonly rows: Record<string, string[]>;
  readonly server: string[];
  readonly file?: { readonly sha256: string; readonly mtimeMs: number; readonly sideFiles: string[] };
}

async function snapshot(db: TestDatabase): Promise<Snapshot> {
  // The SQLite file is read before anything opens it, so the snapshot's own reading cannot hide a write.
  const file =
    db.dialect === "sqlite"
      ? {
          sha256: createHash("sha256").update(readFileSync(db.database)).digest("hex"),
          mtimeMs: statSync(db.database).mtimeMs,
          sideFiles: ["-journal", "-wal", "-shm"].filter((s) => existsSync(db.database + s)),
        }
      : undefined;
  const conn = await connectUrl(db.url);
  try {
    const catalog = await catalogDump(db.dialect, conn);
    const rows = await allRows(db.dialect, conn);
    let server: string[] = [];
    if (db.dialect === "postgres") {
      const schemas = await conn.query<{ line: string }>("SELECT 'schema ' || nspname AS line FROM pg_namespace");
      const extensions = await conn.query<{ line: string }>("SELECT 'extension ' || extname || ' ' || extversion AS line FROM pg_extension");
      server = [...schemas, ...extensions].map((r) => r.line).sort();
    }
    return { catalog, rows, server, ...(file ? { file } : {}) };
  } finally {
    await conn.close();
  }
}

/**
 * MariaDB: the databases on the server, without the other tests' own (athanor_t_…, created and
 * dropped in parallel) but with this test's: athanor must create no database of its own.
 */
async function mysqlDatabases(db: TestDatabase): Promise<string[]> {
  const rows = await queryUrl<{ name: string }>(SERVER_URLS.mysql, "SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA");
  return rows.map((r) => r.name).filter((n) => !n.startsWith("athanor_t_") || n === db.database).sort();
}

for (const dialect of DIALECTS) {
  describe(`read-only commands on ${dialect}`, () => {
    it("leave the database exactly as they found it: catalog, rows, version and log tables, server objects, file", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "device.ts": device(false) });
        let r = await p.cli("revision", "--autogenerate", "-m", "devices");
        assert.equal(r.code, 0, r.stderr);
        assert.equal((r = await p.cli("upgrade", "head")).code, 0, r.stderr);
        await queryUrl(db.url, "INSERT INTO devices (id, hostname) VALUES (1, 'a'), (2, 'b')");
        // Models ahead of the database, so check and autogenerate have something to report.
        p.writeEntity("device.ts", device(true));

        const before = await snapshot(db);
        assert.ok(Object.keys(before.rows).includes("devices") && before.rows.devices.length === 2, "the snapshot sees the table and its rows");
        assert.ok(Object.keys(before.rows).includes("athanor_version"), "the snapshot sees the version table");
        const databasesBefore = dialect === "mysql" ? await mysqlDatabases(db) : [];

        const commands: [string[], number][] = [
          [["current"], 0],
          [["check"], 1],
          [["check", "--json"], 1],
          [["history", "--indicate-current"], 0],
          [["heads"], 0],
          [["branches"], 0],
          [["show", "head"], 0],
          [["revision", "--autogenerate", "-m", "changes"], 0],
          // From here the database is behind head: check reports the pending revision (still exit 1).
          [["check"], 1],
          [["current"], 0],
          [["upgrade", "head", "--sql"], 0],
        ];
        for (const [args, code] of commands) {
          r = await p.cli(...args);
          assert.equal(r.code, code, `athanor ${args.join(" ")}: ${r.stdout}${r.stderr}`);
          assert.deepEqual(await snapshot(db), before, `athanor ${args.join(" ")} changed the database`);
          if (dialect === "mysql") assert.deepEqual(await mysqlDatabases(db), databasesBefore, `athanor ${args.join(" ")} created or dropped a database`);
        }
        assert.equal(p.migrationFiles().length, 2, "autogenerate wrote its file");

        // The witness works: the upgrade that was only printed, run for real, changes the snapshot.
        assert.equal((r = await p.cli("upgrade", "head")).code, 0, r.stderr);
        assert.notDeepEqual((await snapshot(db)).catalog, before.catalog);
      });
    });
  });
}
