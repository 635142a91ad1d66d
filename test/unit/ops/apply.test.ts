import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UnsupportedOperationError } from "../../../src/errors";
import { applyOp } from "../../../src/ops/apply";
import { reverseOp } from "../../../src/ops/reverse";
import type { Op } from "../../../src/ops/types";
import type { Schema, Table } from "../../../src/schema/types";
import { baseSchema, devices, fk, int, plain, racks, sampleOps, sites, table, varchar } from "../fixtures";

const tableOf = (s: Schema, name: string): Table => {
  const t = s.tables.find((x) => x.name === name);
  assert.ok(t, `table ${name} exists`);
  return t;
};

describe("applyOp then applyOp(reverseOp) gives back the schema", () => {
  for (const [kind, op] of Object.entries(sampleOps) as [Op["kind"], Op][]) {
    if (kind === "execute") continue;
    it(`for ${kind}`, () => {
      const after = applyOp(baseSchema, op);
      assert.notDeepEqual(plain(after), plain(baseSchema), `${kind} changes the schema`);
      assert.deepEqual(plain(applyOp(after, reverseOp(op))), plain(baseSchema));
    });
  }

  it("for dropColumn of a middle column: the same columns come back, the re-added one last (as ADD COLUMN does)", () => {
    const op: Op = { kind: "dropColumn", table: "devices", column: varchar("hostname", 64) };
    const back = tableOf(applyOp(applyOp(baseSchema, op), reverseOp(op)), "devices");
    assert.deepEqual(
      back.columns.map((c) => c.name),
      ["id", "site_id", "vlan_id", "hostname"],
    );
    const byName = (t: Table) => [...t.columns].sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(byName(back), byName(devices));
  });

  it("does not mutate the input schema", () => {
    const before = plain(baseSchema);
    for (const op of Object.values(sampleOps)) applyOp(baseSchema, op);
    assert.deepEqual(plain(baseSchema), before);
  });
});

describe("applyOp", () => {
  it("execute returns the schema unchanged", () => {
    assert.equal(applyOp(baseSchema, sampleOps.execute), baseSchema);
  });

  it("createTable keeps tables in name order", () => {
    assert.deepEqual(
      applyOp(baseSchema, { kind: "createTable", table: racks }).tables.map((t) => t.name),
      ["audit_log", "devices", "racks", "sites"],
    );
  });

  it("alterColumn replaces the definition and keeps the column's place", () => {
    const after = tableOf(applyOp(baseSchema, sampleOps.alterColumn), "devices");
    assert.deepEqual(
      after.columns.map((c) => c.name),
      ["id", "site_id", "hostname", "vlan_id"],
    );
    assert.equal(after.columns[2].length, 128);
  });

  it("an op on a missing table throws UnsupportedOperationError naming the table", () => {
    assert.throws(
      () => applyOp(baseSchema, { kind: "addColumn", table: "nope", column: int("x") }),
      (e: unknown) => e instanceof UnsupportedOperationError && e.message.includes('"nope"'),
    );
  });
});

describe("applyOp renameColumn", () => {
  const devicesWithKeys = table("devices", {
    columns: [int("id"), int("site_id"), varchar("hostname", 64)],
    primaryKey: { name: "pk_devices", columns: ["id"] },
    indexes: [{ name: "idx_devices_site", columns: ["site_id", "hostname"], unique: false }],
    uniques: [{ name: "uq_devices_site_host", columns: ["site_id", "hostname"] }],
    foreignKeys: [fk("fk_devices_site", ["site_id"], "sites")],
  });
  const ports = table("ports", {
    columns: [int("id"), int("device_id"), int("site_id")],
    foreignKeys: [fk("fk_ports_device", ["device_id"], "devices"), fk("fk_ports_site", ["site_id"], "sites")],
  });
  const schema: Schema = { tables: [devicesWithKeys, ports, sites] };

  it("updates the table's index, unique, foreign-key and primary-key columns", () => {
    const t = tableOf(applyOp(schema, { kind: "renameColumn", table: "devices", from: "site_id", to: "location_id" }), "devices");
    assert.deepEqual(
      t.columns.map((c) => c.name),
      ["id", "location_id", "hostname"],
    );
    assert.deepEqual(t.indexes[0].columns, ["location_id", "hostname"]);
    assert.deepEqual(t.uniques[0].columns, ["location_id", "hostname"]);
    assert.deepEqual(t.foreignKeys[0].columns, ["location_id"]);
    assert.deepEqual(t.foreignKeys[0].referencedColumns, ["id"], "sites.id is not the renamed column");

    const pk = tableOf(applyOp(schema, { kind: "renameColumn", table: "devices", from: "id", to: "device_id" }), "devices");
    assert.deepEqual(pk.primaryKey, { name: "pk_devices", columns: ["device_id"] });
  });

  it("updates foreign keys in other tables that reference the renamed column, and only those", () => {
    const after = applyOp(schema, { kind: "renameColumn", table: "devices", from: "id", to: "device_id" });
    const p = tableOf(after, "ports");
    assert.deepEqual(
      p.foreignKeys.map((x) => [x.name, x.columns, x.referencedTable, x.referencedColumns]),
      [
        ["fk_ports_device", ["device_id"], "devices", ["device_id"]],
        ["fk_ports_site", ["site_id"], "sites", ["id"]],
      ],
    );
    assert.deepEqual(tableOf(after, "sites"), sites);
  });

  it("updates a self-referencing foreign key on both sides", () => {
    const tree = table("nodes", { columns: [int("id"), int("parent_id", { nullable: true })], foreignKeys: [fk("fk_nodes_parent", ["parent_id"], "nodes")] });
    const after = tableOf(applyOp({ tables: [tree] }, { kind: "renameColumn", table: "nodes", from: "id", to: "node_id" }), "nodes");
    assert.deepEqual(after.foreignKeys[0].columns, ["parent_id"]);
    assert.deepEqual(after.foreignKeys[0].referencedColumns, ["node_id"]);
  });
});

describe("applyOp renameTable", () => {
  it("updates foreign keys that reference the table, in every table, and re-sorts", () => {
    const schema: Schema = { tables: [devices, racks, sites] };
    const after = applyOp(schema, { kind: "renameTable", from: "sites", to: "locations" });
    assert.deepEqual(
      after.tables.map((t) => t.name),
      ["devices", "locations", "racks"],
    );
    assert.equal(tableOf(after, "devices").foreignKeys[0].referencedTable, "locations");
    assert.equal(tableOf(after, "racks").foreignKeys[0].referencedTable, "locations");
    assert.deepEqual(tableOf(after, "locations").columns, sites.columns);
  });

  it("leaves foreign keys to other tables alone", () => {
    const after = applyOp({ tables: [devices, racks, sites] }, { kind: "renameTable", from: "devices", to: "hosts" });
    assert.equal(tableOf(after, "hosts").foreignKeys[0].referencedTable, "sites");
    assert.equal(tableOf(after, "racks").foreignKeys[0].referencedTable, "sites");
  });
});
