/**
 * The README's walk-through, on every dialect: create devices, add `vlan_id` with an index,
 * autogenerate exactly that, upgrade, find nothing more to do, downgrade back to the original.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl, withoutRaw } from "../support/introspect";
import { createProject, fixtureEntities, opCalls } from "../support/project";

const DEVICE = fixtureEntities("devices/src/entities")["device.ts"];

const DEVICE_WITH_VLAN = DEVICE.replace('import { Column, Entity,', 'import { Column, Entity, Index,').replace(
  "  ipAddress!: string | null;\n",
  `  ipAddress!: string | null;

  @Index("idx_devices_vlan")
  @Column({ name: "vlan_id", type: "integer", nullable: true, default: 10 })
  vlanId!: number | null;
`,
);

for (const dialect of DIALECTS) {
  describe(`devices example on ${dialect}`, () => {
    it("autogenerates add-column + create-index, upgrades, finds no more changes, and downgrades to the original schema", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "device.ts": DEVICE });
        let r = await p.cli("revision", "--autogenerate", "-m", "create devices");
        assert.equal(r.code, 0, r.stderr);
        r = await p.cli("upgrade", "head");
        assert.equal(r.code, 0, r.stderr);
        const original = withoutRaw(await introspectUrl(db.url));
        assert.deepEqual(original.tables.map((t) => t.name), ["devices"]);

        p.writeEntity("device.ts", DEVICE_WITH_VLAN);
        r = await p.cli("revision", "--autogenerate", "-m", "add vlan column to devices");
        assert.equal(r.code, 0, r.stderr);
        const files = p.migrationFiles();
        assert.equal(files.length, 2);
        const source = p.read(files.find((f) => f.includes("add_vlan"))!);
        assert.deepEqual(opCalls(source, "upgrade"), ["addColumn", "createIndex"]);
        assert.deepEqual(opCalls(source, "downgrade"), ["dropIndex", "dropColumn"]);
        assert.match(source, /op\.addColumn\("devices", \{\s*name: "vlan_id",\s*type: "(integer|int)",[^}]*nullable: true,\s*default: "10"/);
        // An existing table's index is built online by default where the database can (not SQLite).
        const online = dialect === "sqlite" ? "" : ", \\{ concurrently: true \\}";
        assert.match(source, new RegExp(`op\\.createIndex\\("idx_devices_vlan", "devices", \\["vlan_id"\\]${online}\\)`));

        r = await p.cli("upgrade", "head");
        assert.equal(r.code, 0, r.stderr);
        const upgraded = await introspectUrl(db.url);
        const vlan = upgraded.tables[0].columns.find((c) => c.name === "vlan_id");
        assert.ok(vlan, "vlan_id exists after upgrade");
        assert.deepEqual(upgraded.tables[0].indexes.map((i) => i.name), ["idx_devices_vlan"]);

        r = await p.cli("revision", "--autogenerate", "-m", "nothing");
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /No changes in schema detected/);
        assert.equal(p.migrationFiles().length, 2);

        r = await p.cli("downgrade", "-1");
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(withoutRaw(await introspectUrl(db.url)), original);
        const first = p.read(files.find((f) => f.includes("create_devices"))!).match(/revision = "(\w+)"/)![1];
        r = await p.cli("current");
        assert.equal(r.stdout.trim(), first);
      });
    });
  });
}
