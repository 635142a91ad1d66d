/**
 * PostgreSQL online patterns, the default of `revision --autogenerate` on tables that already
 * hold rows: an index built CONCURRENTLY, a foreign key and a check added NOT VALID and validated
 * after a commit, SET NOT NULL through a validated check. After the upgrade every constraint is
 * VALID and the index valid, TypeORM sees nothing left to do, and the downgrade works. A VALIDATE
 * that fails stops with what committed before it reported as remaining (like a MySQL partial
 * failure), and an INVALID index left by a failed earlier build is dropped and rebuilt.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unavailable, withTestDatabase } from "../support/databases";
import { queryUrl } from "../support/introspect";
import { createProject, type TestProject } from "../support/project";

const site = `import { Entity, PrimaryColumn } from "typeorm";

@Entity("sites")
export class Site {
  @PrimaryColumn({ type: "int" })
  id!: number;
}
`;

const device = (online: boolean) => `import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { Site } from "./site";

@Entity("devices")
${online ? '@Check("CHK_devices_vlan", `"vlan" > 0`)\n' : ""}export class Device {
  @PrimaryColumn({ type: "int" })
  id!: number;

  ${online ? '@Index("idx_devices_hostname")\n  ' : ""}@Column({ type: "varchar", length: 100 })
  hostname!: string;

  @Column({ type: "int", nullable: ${online ? "false" : "true"} })
  vlan!: number | null;

  @Column({ name: "site_id", type: "int", nullable: true })
  siteId!: number | null;
${online ? '\n  @ManyToOne(() => Site)\n  @JoinColumn({ name: "site_id" })\n  site!: Site;\n' : ""}}
`;

const ROWS = "INSERT INTO sites (id) VALUES (1); INSERT INTO devices (id, hostname, vlan, site_id) VALUES (1, 'a', 10, 1), (2, 'b', 20, NULL)";

/** A project whose tables exist (with rows) and whose second revision is the online change. */
async function existingTablesThenChange(p: TestProject): Promise<{ first: string; source: string }> {
  assert.equal((await p.cli("revision", "--autogenerate", "-m", "devices")).code, 0);
  const first = /export const revision = "(\w+)"/.exec(p.read(p.migrationFiles()[0]))![1];
  assert.equal((await p.cli("upgrade", "head")).code, 0);
  await queryUrl(p.db.url, ROWS);
  p.writeEntity("device.ts", device(true));
  const r = await p.cli("revision", "--autogenerate", "-m", "online change");
  assert.equal(r.code, 0, r.stderr);
  return { first, source: p.read(p.migrationFiles().find((f) => f.includes("online_change"))!) };
}

async function constraintsValidated(url: string): Promise<Record<string, boolean>> {
  const rows = await queryUrl<{ conname: string; convalidated: boolean }>(
    url,
    "SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'devices'::regclass AND contype IN ('f', 'c') ORDER BY conname",
  );
  return Object.fromEntries(rows.map((r) => [r.conname, r.convalidated]));
}

describe("PostgreSQL online patterns", () => {
  it("a generated migration adds an index, a foreign key, a check and NOT NULL online; all valid after, TypeORM sees no change, the downgrade works", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db, { "site.ts": site, "device.ts": device(false) });
      const { first, source } = await existingTablesThenChange(p);
      assert.match(source, /op\.createIndex\("idx_devices_hostname", "devices", \["hostname"\], \{ concurrently: true \}\)/);
      assert.match(source, /op\.addForeignKey\([^;]*validate: "separately"/);
      assert.match(source, /op\.addCheck\("CHK_devices_vlan", "devices", [^;]*\{ validate: "separately" \}\)/);
      assert.match(source, /op\.alterColumn\("devices", "vlan", \{[^;]*online: true,?\s*\}\)/);
      assert.doesNotMatch(source, /transactional/, "the runner commits where it must: the migration stays transactional");

      let r = await p.cli("upgrade", "head", "--sql");
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /COMMIT;\nCREATE INDEX CONCURRENTLY "idx_devices_hostname" ON "devices" \("hostname"\);\nBEGIN;/);
      assert.match(r.stdout, /NOT VALID;\nCOMMIT;\nBEGIN;\nALTER TABLE "devices" VALIDATE CONSTRAINT/);

      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, r.stderr);
      const validated = await constraintsValidated(db.url);
      assert.equal(validated.CHK_devices_vlan, true);
      assert.equal(Object.keys(validated).length, 2, `one check and one foreign key, no helper check left: ${JSON.stringify(validated)}`);
      assert.ok(Object.values(validated).every((v) => v), JSON.stringify(validated));
      const [index] = await queryUrl<{ indisvalid: boolean }>(db.url, "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'idx_devices_hostname'");
      assert.deepEqual(index, { indisvalid: true });
      const [vlan] = await queryUrl<{ attnotnull: boolean }>(db.url, "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'devices'::regclass AND attname = 'vlan'");
      assert.deepEqual(vlan, { attnotnull: true });
      assert.deepEqual(await p.typeorm("log"), []);
      assert.equal((await p.cli("check")).code, 0);

      r = await p.cli("downgrade", first);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await constraintsValidated(db.url), {});
      assert.deepEqual(await queryUrl(db.url, "SELECT 1 FROM pg_class WHERE relname = 'idx_devices_hostname'"), []);
      assert.equal((await queryUrl(db.url, "SELECT * FROM devices")).length, 2);
    });
  });

  it("a VALIDATE that fails stops the upgrade with what committed before it reported as remaining, and upgrade refuses until a stamp", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db, { "site.ts": site, "device.ts": device(false) });
      await existingTablesThenChange(p);
      // A device of a site that does not exist: the foreign key's VALIDATE must refuse it.
      await queryUrl(db.url, "INSERT INTO devices (id, hostname, vlan, site_id) VALUES (3, 'c', 30, 99)");
      let r = await p.cli("upgrade", "head");
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /commit as they go/);
      assert.match(r.stderr, /ran and remain applied/);
      assert.match(r.stderr, /CREATE INDEX CONCURRENTLY "idx_devices_hostname"/, "the index built before the failure is named");
      assert.match(r.stderr, /NOT VALID/);
      assert.doesNotMatch(r.stderr.split("remain applied")[1] ?? "", /VALIDATE CONSTRAINT "FK_/, "the failed VALIDATE is not among what remains");
      // The foreign key stays NOT VALID (its ADD committed), the version table did not move.
      const validated = await constraintsValidated(db.url);
      assert.ok(Object.entries(validated).some(([name, v]) => name.startsWith("FK_") && v === false), JSON.stringify(validated));
      assert.equal((await queryUrl(db.url, "SELECT * FROM athanor_version")).length, 1);
      const current = await p.cli("current");
      assert.match(current.stdout + current.stderr, /failed partway/);
      r = await p.cli("upgrade", "head");
      assert.notEqual(r.code, 0, "upgrade refuses until the partial state is settled");
    });
  });

  it("an INVALID index left by a failed earlier concurrent build is dropped and built again", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db, { "site.ts": site, "device.ts": device(false) });
      await existingTablesThenChange(p);
      // A failed earlier build: a unique concurrent build over duplicates leaves an INVALID index.
      await queryUrl(db.url, "INSERT INTO devices (id, hostname, vlan, site_id) VALUES (3, 'a', 30, 1)");
      await assert.rejects(queryUrl(db.url, 'CREATE UNIQUE INDEX CONCURRENTLY "idx_devices_hostname" ON devices (hostname)'));
      const leftover = await queryUrl<{ indisvalid: boolean }>(db.url, "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'idx_devices_hostname'");
      assert.deepEqual(leftover, [{ indisvalid: false }]);

      const r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, r.stderr);
      const rebuilt = await queryUrl<{ indisvalid: boolean; indisunique: boolean }>(
        db.url,
        "SELECT i.indisvalid, i.indisunique FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'idx_devices_hostname'",
      );
      assert.deepEqual(rebuilt, [{ indisvalid: true, indisunique: false }], "the migration's index, valid, in place of the leftover");
      assert.deepEqual(await p.typeorm("log"), []);
    });
  });
});
