/**
 * A name longer than the database keeps stops `revision --autogenerate` and `check` before
 * anything is written: PostgreSQL would truncate it silently (and every later diff would drop and
 * re-create the object), MariaDB would refuse it half-way through a migration.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { catalogDump } from "../support/catalog-dump";
import { unavailable, withTestDatabase, type TestDialect } from "../support/databases";
import { connectUrl, queryUrl } from "../support/introspect";
import { createProject } from "../support/project";

const device = (index?: string) => `import { Column, Entity, Index, PrimaryColumn } from "typeorm";

@Entity("devices")
${index ? `@Index(${JSON.stringify(index)}, ["hostname"])` : ""}
export class Device {
  @PrimaryColumn({ type: "int" })
  id!: number;

  @Column({ type: "varchar", length: 100 })
  hostname!: string;
}
`;

async function dump(url: string, dialect: TestDialect): Promise<string[]> {
  const conn = await connectUrl(url);
  try {
    return await catalogDump(dialect, conn);
  } finally {
    await conn.close();
  }
}

const CASES = [
  { dialect: "postgres", limit: 63, unit: "bytes", database: "PostgreSQL keeps 63" },
  { dialect: "mysql", limit: 64, unit: "characters", database: "MySQL/MariaDB allows 64" },
] as const;

for (const c of CASES) {
  describe(`identifier limits on ${c.dialect}`, () => {
    it(`an index name of 70 ${c.unit} stops autogenerate and check with the limit named; nothing is written`, async (t) => {
      const why = await unavailable(c.dialect);
      if (why) return t.skip(why);
      await withTestDatabase(c.dialect, async (db) => {
        const p = createProject(db, { "device.ts": device() });
        assert.equal((await p.cli("revision", "--autogenerate", "-m", "devices")).code, 0);
        assert.equal((await p.cli("upgrade", "head")).code, 0);
        const before = await dump(db.url, c.dialect);
        const files = p.migrationFiles();

        const long = `IDX_devices_hostname_${"x".repeat(70 - "IDX_devices_hostname_".length)}`;
        assert.equal(long.length, 70);
        p.writeEntity("device.ts", device(long));
        for (const args of [["revision", "--autogenerate", "-m", "long index"], ["check"]]) {
          const r = await p.cli(...args);
          assert.equal(r.code, 2, `${args[0]}: ${r.stderr}`);
          assert.match(r.stderr, new RegExp(`error: index "${long}" on table "devices" is 70 ${c.unit}; ${c.database.replace("/", "\\/")}`));
          assert.match(r.stderr, /@Index\("short_name"/);
          assert.doesNotMatch(r.stderr, /unexpected error|\n\s+at /, "a typed error, no stack trace");
        }
        assert.deepEqual(p.migrationFiles(), files, "no migration file written");
        assert.deepEqual(await dump(db.url, c.dialect), before, "the database is unchanged");
      });
    });

    it(`a hand-written op whose index name is 70 ${c.unit} stops before it runs, with the limit named`, async (t) => {
      const why = await unavailable(c.dialect);
      if (why) return t.skip(why);
      await withTestDatabase(c.dialect, async (db) => {
        const p = createProject(db, { "device.ts": device() });
        assert.equal((await p.cli("revision", "--autogenerate", "-m", "devices", "--rev-id", "r1")).code, 0);
        assert.equal((await p.cli("upgrade", "head")).code, 0);
        const before = await dump(db.url, c.dialect);
        const long = `idx_devices_hostname_${"x".repeat(70 - "idx_devices_hostname_".length)}`;
        const versions = join(p.dir, "migrations", "versions");
        mkdirSync(versions, { recursive: true });
        writeFileSync(
          join(versions, "r2_long.ts"),
          `export const revision = "r2";\nexport const downRevision = "r1";\n` +
            `export async function upgrade({ op }: any) {\n  await op.createIndex(${JSON.stringify(long)}, "devices", ["hostname"]);\n}\n` +
            `export async function downgrade({ op }: any) {\n  await op.dropIndex(${JSON.stringify(long)}, "devices");\n}\n`,
        );
        const r = await p.cli("upgrade", "head");
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, new RegExp(`index "${long}" on table "devices" is 70 ${c.unit}; ${c.database.replace("/", "\\/")}`));
        assert.match(r.stderr, /Shorten the name in the migration/);
        assert.deepEqual(await dump(db.url, c.dialect), before, "the database is unchanged");
      });
    });

    it(`an index name of exactly ${c.limit} ${c.unit} is kept as written: generated, applied, and check finds nothing`, async (t) => {
      const why = await unavailable(c.dialect);
      if (why) return t.skip(why);
      await withTestDatabase(c.dialect, async (db) => {
        const p = createProject(db, { "device.ts": device() });
        assert.equal((await p.cli("revision", "--autogenerate", "-m", "devices")).code, 0);
        assert.equal((await p.cli("upgrade", "head")).code, 0);
        const exact = `IDX_devices_hostname_${"x".repeat(c.limit - "IDX_devices_hostname_".length)}`;
        p.writeEntity("device.ts", device(exact));
        let r = await p.cli("revision", "--autogenerate", "-m", "exact index");
        assert.equal(r.code, 0, r.stderr);
        r = await p.cli("upgrade", "head");
        assert.equal(r.code, 0, r.stderr);
        const names =
          c.dialect === "postgres"
            ? await queryUrl<{ name: string }>(db.url, "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'devices'")
            : await queryUrl<{ name: string }>(
                db.url,
                "SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'devices'",
              );
        assert.ok(
          names.some((n) => n.name === exact),
          names.map((n) => n.name).join(", "),
        );
        r = await p.cli("check");
        assert.equal(r.code, 0, r.stdout + r.stderr);
      });
    });
  });
}

describe("identifier limits count bytes on PostgreSQL", () => {
  it("a 32-character table name of 2-byte characters (64 bytes) stops autogenerate on PostgreSQL", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const name = "é".repeat(32);
      const p = createProject(db, { "device.ts": device().replace('@Entity("devices")', `@Entity("${name}")`) });
      const r = await p.cli("revision", "--autogenerate", "-m", "accents");
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`table "${name}" is 64 bytes`));
      assert.match(r.stderr, /@Entity\("short_name"\)/);
      assert.deepEqual(p.migrationFiles(), []);
    });
  });
});
