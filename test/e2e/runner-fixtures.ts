/**
 * Hand-written migration chains for the runner's tests (independent of autogenerate), and the
 * database clients (psql, mariadb, sqlite3) that offline scripts are fed to.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestDatabase, TestDialect } from "../support/databases";
import type { TestProject } from "../support/project";

export interface MigrationSource {
  readonly revision: string;
  readonly down: string | readonly string[] | null;
  readonly message: string;
  readonly upgrade: string;
  readonly downgrade: string;
  readonly transactional?: boolean;
}

/** Writes migrations/versions/<revision>_<slug>.ts and returns its path. */
export function writeMigration(p: TestProject, m: MigrationSource): string {
  const dir = join(p.dir, "migrations", "versions");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${m.revision}_${m.message.toLowerCase().replace(/[^a-z0-9]+/g, "_")}.ts`);
  writeFileSync(
    file,
    `/**\n * ${m.message}\n */\nimport type { MigrationContext } from "athanor";\n\n` +
      `export const revision = ${JSON.stringify(m.revision)};\nexport const downRevision = ${JSON.stringify(m.down)};\n` +
      (m.transactional === false ? "export const transactional = false;\n" : "") +
      `\nexport async function upgrade({ op }: MigrationContext) {\n${m.upgrade}\n}\n\n` +
      `export async function downgrade({ op }: MigrationContext) {\n${m.downgrade}\n}\n`,
  );
  return file;
}

/** The integer type as each dialect's IR spells it. */
export const intType = (dialect: TestDialect) => (dialect === "mysql" ? "int" : "integer");

/**
 * Three revisions: create two tables with a foreign key and an index; alter a column (a table
 * rebuild on SQLite) and add one; drop the index, the column, the foreign key and a table.
 */
export function chainWithRebuildAndDrop(dialect: TestDialect): MigrationSource[] {
  const int = intType(dialect);
  return [
    {
      revision: "a1a1a1a1a1a1",
      down: null,
      message: "create sites and devices",
      upgrade: `
  await op.createTable({ name: "sites", columns: [
    { name: "id", type: "${int}", nullable: false, autoIncrement: "increment" },
    { name: "name", type: "varchar", length: 50, nullable: false },
  ], primaryKey: { columns: ["id"] } });
  await op.createTable({ name: "devices", columns: [
    { name: "id", type: "${int}", nullable: false },
    { name: "hostname", type: "varchar", length: 50, nullable: false },
    { name: "site_id", type: "${int}", nullable: true },
  ], primaryKey: { columns: ["id"] },
     indexes: [{ name: "idx_devices_hostname", columns: ["hostname"] }],
     foreignKeys: [{ name: "fk_devices_site", columns: ["site_id"], referencedTable: "sites", referencedColumns: ["id"], onDelete: "CASCADE" }] });`,
      downgrade: `
  await op.dropTable("devices");
  await op.dropTable("sites");`,
    },
    {
      revision: "b2b2b2b2b2b2",
      down: "a1a1a1a1a1a1",
      message: "widen hostname and add vlan",
      upgrade: `
  await op.alterColumn("devices", "hostname", { to: { type: "varchar", length: 100, nullable: false } });
  await op.addColumn("devices", { name: "vlan", type: "${int}", nullable: true, default: "10" });`,
      downgrade: `
  await op.dropColumn("devices", "vlan");
  await op.alterColumn("devices", "hostname", { to: { type: "varchar", length: 50, nullable: false } });`,
    },
    {
      revision: "c3c3c3c3c3c3",
      down: "b2b2b2b2b2b2",
      message: "drop sites",
      upgrade: `
  await op.dropIndex("idx_devices_hostname", "devices");
  await op.dropColumn("devices", "vlan");
  await op.dropForeignKey("fk_devices_site", "devices");
  await op.dropTable("sites");`,
      downgrade: `
  await op.createTable({ name: "sites", columns: [
    { name: "id", type: "${int}", nullable: false, autoIncrement: "increment" },
    { name: "name", type: "varchar", length: 50, nullable: false },
  ], primaryKey: { columns: ["id"] } });
  await op.addForeignKey("fk_devices_site", "devices", ["site_id"], "sites", ["id"], { onDelete: "CASCADE" });
  await op.addColumn("devices", { name: "vlan", type: "${int}", nullable: true, default: "10" });
  await op.createIndex("idx_devices_hostname", "devices", ["hostname"]);`,
    },
  ];
}

export interface ClientResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Feeds `script` to the dialect's own command-line client, stopping at the first error. */
export function feedClient(db: TestDatabase, script: string): ClientResult {
  const file = join(db.dir, `script-${Date.now()}-${Math.random().toString(36).slice(2)}.sql`);
  writeFileSync(file, script);
  const password = db.dialect === "sqlite" ? "" : decodeURIComponent(new URL(db.url).password);
  const env = { ...process.env, ...(password ? { PGPASSWORD: password, MYSQL_PWD: password } : {}) };
  // psql reads the file (-f FILE); mariadb and sqlite3 read it on stdin (`< FILE`).
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { input: cmd === "psql" ? undefined : script, encoding: "utf8", env });
    return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? String(r.error ?? "") };
  };
  const u = db.dialect === "sqlite" ? undefined : new URL(db.url);
  switch (db.dialect) {
    case "postgres":
      return run("psql", ["-h", u!.hostname, "-p", u!.port || "5432", "-U", decodeURIComponent(u!.username) || "postgres", "-d", db.database, "-v", "ON_ERROR_STOP=1", "-q", "-f", file]);
    case "mysql":
      return run("mariadb", [`-h${u!.hostname}`, `-P${u!.port || "3306"}`, `-u${decodeURIComponent(u!.username) || "root"}`, db.database]);
    case "sqlite":
      return run("sqlite3", ["-bail", db.database]);
  }
}
