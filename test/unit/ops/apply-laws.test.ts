/**
 * The laws of the one op simulator (src/ops/apply.ts): every op kind undone by its reverse, the
 * cascades of dropColumn, renames reaching every reference, and SQLite's rebuild writing the
 * table the shared simulation predicts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rebuiltTable, type RebuildOp } from "../../../src/dialects/sqlite/rebuild";
import { UnsupportedOperationError } from "../../../src/errors";
import { applyOp } from "../../../src/ops/apply";
import { expressionUses } from "../../../src/ops/expression-identifiers";
import { reverseOp } from "../../../src/ops/reverse";
import type { Op } from "../../../src/ops/types";
import type { Schema, Table } from "../../../src/schema/types";
import { fk, int, plain, table, varchar } from "../fixtures";
import { throwsWith } from "../throws-with";

const sites = table("sites", {
  columns: [int("id", { autoIncrement: "increment" }), varchar("name", 100), varchar("code", 8)],
  primaryKey: { name: "pk_sites", columns: ["id"] },
  uniques: [{ name: "uq_sites_code", columns: ["code"] }],
  checks: [{ name: "chk_sites_name", expression: "name <> ''" }],
});
const devices = table("devices", {
  columns: [int("id"), int("site_id"), varchar("hostname", 64), int("rack"), int("vlan_id", { nullable: true })],
  primaryKey: { name: "pk_devices", columns: ["id"] },
  indexes: [{ name: "idx_devices_site_host", columns: ["site_id", "hostname"], unique: false }],
  uniques: [{ name: "uq_devices_rack", columns: ["site_id", "rack"] }],
  foreignKeys: [fk("fk_devices_site", ["site_id"], "sites")],
  checks: [{ name: "chk_devices_rack", expression: `"rack" > 0 AND site_id IS NOT NULL` }],
  comment: "network devices",
});
const ports = table("ports", {
  columns: [int("id"), int("device_id"), int("parent_id", { nullable: true })],
  primaryKey: { name: "pk_ports", columns: ["id", "device_id"] },
  indexes: [{ name: "idx_ports_parent", columns: ["parent_id"], unique: false, where: "parent_id IS NOT NULL" }],
  foreignKeys: [fk("fk_ports_device", ["device_id"], "devices"), fk("fk_ports_parent", ["parent_id", "device_id"], "ports", ["id", "device_id"])],
});
const auditLog = table("audit_log", { columns: [int("id"), { name: "message", type: "text", nullable: true }] });
const start: Schema = { tables: [auditLog, devices, ports, sites] };

const tableOf = (s: Schema, name: string): Table => {
  const t = s.tables.find((x) => x.name === name);
  assert.ok(t, `table ${name} exists`);
  return t;
};
const col = (t: Table, name: string) => t.columns.find((c) => c.name === name);

/**
 * Ops of every kind against `start`, several where a kind has cases that differ (a rename that
 * reaches keys on both sides, an alteration that renames). A `Record` over `Op["kind"]`: a new
 * kind fails the build here until it has its cases.
 */
const lawOps: { readonly [K in Op["kind"]]: readonly Extract<Op, { kind: K }>[] } = {
  createTable: [{ kind: "createTable", table: table("racks", { columns: [int("id"), int("site_id")], foreignKeys: [fk("fk_racks_site", ["site_id"], "sites")] }) }],
  dropTable: [
    { kind: "dropTable", table: ports },
    { kind: "dropTable", table: auditLog },
  ],
  renameTable: [
    { kind: "renameTable", from: "sites", to: "locations" },
    { kind: "renameTable", from: "ports", to: "interfaces" },
  ],
  addColumn: [{ kind: "addColumn", table: "devices", column: varchar("serial", 40, { nullable: true }) }],
  dropColumn: [{ kind: "dropColumn", table: "devices", column: int("vlan_id", { nullable: true }) }],
  alterColumn: [
    { kind: "alterColumn", table: "devices", from: varchar("hostname", 64), to: varchar("hostname", 128, { nullable: true, default: "'unnamed'" }) },
    { kind: "alterColumn", table: "devices", from: int("site_id"), to: int("location_id", { nullable: true }) },
    { kind: "alterColumn", table: "ports", from: int("id"), to: int("port_id") },
  ],
  renameColumn: [
    { kind: "renameColumn", table: "devices", from: "id", to: "device_id" },
    { kind: "renameColumn", table: "ports", from: "device_id", to: "host_id" },
    { kind: "renameColumn", table: "sites", from: "code", to: "short_code" },
  ],
  createIndex: [{ kind: "createIndex", table: "devices", index: { name: "idx_devices_vlan", columns: ["vlan_id"], unique: true, where: "vlan_id > 1" } }],
  dropIndex: [{ kind: "dropIndex", table: "ports", index: ports.indexes[0] }],
  addUnique: [{ kind: "addUnique", table: "devices", unique: { name: "uq_devices_hostname", columns: ["hostname"] } }],
  dropUnique: [{ kind: "dropUnique", table: "devices", unique: devices.uniques[0] }],
  addForeignKey: [{ kind: "addForeignKey", table: "audit_log", foreignKey: fk("fk_audit_log_device", ["id"], "devices", ["id"], { onDelete: "SET NULL" }) }],
  dropForeignKey: [
    { kind: "dropForeignKey", table: "ports", foreignKey: ports.foreignKeys[1] },
    { kind: "dropForeignKey", table: "devices", foreignKey: devices.foreignKeys[0] },
  ],
  addPrimaryKey: [{ kind: "addPrimaryKey", table: "audit_log", primaryKey: { name: "pk_audit_log", columns: ["id"] } }],
  dropPrimaryKey: [
    { kind: "dropPrimaryKey", table: "ports", primaryKey: ports.primaryKey! },
    { kind: "dropPrimaryKey", table: "sites", primaryKey: sites.primaryKey! },
  ],
  addCheck: [{ kind: "addCheck", table: "audit_log", check: { name: "chk_audit_log_id", expression: "id > 0" } }],
  dropCheck: [{ kind: "dropCheck", table: "devices", check: devices.checks![0] }],
  setTableComment: [
    { kind: "setTableComment", table: "sites", to: "where devices live" },
    { kind: "setTableComment", table: "devices", from: "network devices", to: "hosts" },
    { kind: "setTableComment", table: "devices", from: "network devices" },
  ],
  execute: [{ kind: "execute", sql: "UPDATE devices SET vlan_id = 10", reverseSql: "UPDATE devices SET vlan_id = NULL" }],
};

describe("apply law: an op then its reverse gives back the starting schema, as plain data", () => {
  for (const [kind, ops] of Object.entries(lawOps) as [Op["kind"], readonly Op[]][]) {
    ops.forEach((op, i) => {
      it(`${kind} #${i + 1}`, () => {
        const after = applyOp(start, op);
        if (kind === "execute") assert.equal(after, start, "raw SQL is opaque: the schema is left as it is");
        else assert.notDeepEqual(plain(after), plain(start), `${kind} changes the schema`);
        assert.deepEqual(plain(applyOp(after, reverseOp(op))), plain(start));
      });
    });
  }

  it("does not mutate the input schema", () => {
    const before = plain(start);
    for (const op of Object.values(lawOps).flat()) applyOp(start, op);
    assert.deepEqual(plain(start), before);
  });
});

describe("apply: dropColumn takes with it what uses the column, as the databases do", () => {
  const drop = (t: Table, name: string) => tableOf(applyOp(start, { kind: "dropColumn", table: t.name, column: col(t, name)! }), t.name);

  it("a column in a multi-column index, unique constraint and CHECK: all three go, the rest stays", () => {
    const after = drop(devices, "site_id");
    assert.deepEqual(
      after.columns.map((c) => c.name),
      ["id", "hostname", "rack", "vlan_id"],
    );
    assert.deepEqual(after.indexes, []);
    assert.deepEqual(after.uniques, []);
    assert.deepEqual(after.foreignKeys, [], "the table's own foreign key on the column goes");
    assert.equal(after.checks, undefined, "the CHECK naming site_id goes; no empty list is left");
    assert.deepEqual(after.primaryKey, devices.primaryKey);
    assert.equal(after.comment, "network devices");
  });

  it("a column of a composite primary key takes the whole key (PostgreSQL drops the constraint; MySQL is compiled to)", () => {
    const after = tableOf(applyOp(start, { kind: "dropColumn", table: "ports", column: int("device_id") }), "ports");
    assert.equal(after.primaryKey, undefined);
    assert.equal("primaryKey" in after, false, "an absent key, never an undefined one");
    assert.deepEqual(after.foreignKeys, [], "fk_ports_device and the self-reference fk_ports_parent both use device_id");
    assert.deepEqual(after.indexes, ports.indexes, "idx_ports_parent does not use device_id");
  });

  it("a column named only by a partial index's predicate takes the index", () => {
    const t = table("t", { columns: [int("a"), int("b")], indexes: [{ name: "idx_t_a", columns: ["a"], unique: false, where: `"b" > 0` }] });
    const after = tableOf(applyOp({ tables: [t] }, { kind: "dropColumn", table: "t", column: int("b") }), "t");
    assert.deepEqual(after.indexes, []);
  });

  it("a column a self-referencing foreign key points at takes that key", () => {
    const t = table("nodes", {
      columns: [int("id"), int("code"), int("parent_code", { nullable: true })],
      uniques: [{ name: "uq_nodes_code", columns: ["code"] }],
      foreignKeys: [fk("fk_nodes_parent", ["parent_code"], "nodes", ["code"])],
    });
    const after = tableOf(applyOp({ tables: [t] }, { kind: "dropColumn", table: "nodes", column: int("code") }), "nodes");
    assert.deepEqual(after.foreignKeys, []);
    assert.deepEqual(after.uniques, []);
  });

  it("a CHECK that only mentions the name inside a string or as a function keeps standing", () => {
    const t = table("t", {
      columns: [int("a"), int("b"), varchar("upper", 5)],
      checks: [
        { name: "chk_literal", expression: "a <> 'b'" },
        { name: "chk_function", expression: "upper(a) = a" },
      ],
    });
    assert.deepEqual(tableOf(applyOp({ tables: [t] }, { kind: "dropColumn", table: "t", column: int("b") }), "t").checks, t.checks);
    assert.deepEqual(tableOf(applyOp({ tables: [t] }, { kind: "dropColumn", table: "t", column: varchar("upper", 5) }), "t").checks, t.checks);
  });

  it("is refused while another table's foreign key references the column, naming the key", () => {
    throwsWith(() => applyOp(start, { kind: "dropColumn", table: "devices", column: int("id") }), UnsupportedOperationError, ["fk_ports_device", "ports", '"id"']);
  });
});

describe("apply: dropTable and renames", () => {
  it("dropTable is refused while another table's foreign key references it (self-references do not count)", () => {
    throwsWith(() => applyOp(start, { kind: "dropTable", table: sites }), UnsupportedOperationError, ["fk_devices_site", "devices", '"sites"']);
    assert.deepEqual(
      applyOp(start, { kind: "dropTable", table: ports }).tables.map((t) => t.name),
      ["audit_log", "devices", "sites"],
    );
  });

  it("alterColumn to a new name keeps the position and renames the key, indexes, uniques and foreign keys on both sides", () => {
    const after = applyOp(start, { kind: "alterColumn", table: "devices", from: int("id"), to: int("device_id") });
    const d = tableOf(after, "devices");
    assert.deepEqual(
      d.columns.map((c) => c.name),
      ["device_id", "site_id", "hostname", "rack", "vlan_id"],
    );
    assert.deepEqual(d.primaryKey?.columns, ["device_id"]);
    assert.deepEqual(tableOf(after, "ports").foreignKeys[0].referencedColumns, ["device_id"]);
  });

  it("the altered column is the new definition, name included (no old name left behind)", () => {
    const to = varchar("host", 200, { nullable: true });
    const d = tableOf(applyOp(start, { kind: "alterColumn", table: "devices", from: varchar("hostname", 64), to }), "devices");
    assert.deepEqual(d.columns[2], to);
    assert.deepEqual(d.indexes[0].columns, ["site_id", "host"]);
  });

  it("renames leave expressions as written (the database rewrites them in its own spelling)", () => {
    const d = tableOf(applyOp(start, { kind: "renameColumn", table: "devices", from: "rack", to: "rack_no" }), "devices");
    assert.deepEqual(d.uniques[0].columns, ["site_id", "rack_no"]);
    assert.deepEqual(d.checks, devices.checks);
  });
});

describe("expressionUses", () => {
  const cases: [string, string, boolean][] = [
    ["rack > 0", "rack", true],
    [`"Rack" > 0`, "rack", true],
    ["`site id` IS NOT NULL", "site id", true],
    ["[b] = 1", "b", true],
    ["a <> 'b'", "b", false],
    ["a <> 'it''s b'", "b", false],
    ["lower(a) = a", "lower", false],
    ["a > 1e5", "e5", false],
    ["coalesce(x, 0) > 0", "x", true],
    ["(site_id)::text <> ''", "site_id", true],
  ];
  for (const [expression, column, want] of cases) {
    it(`${JSON.stringify(expression)} ${want ? "uses" : "does not use"} ${column}`, () => {
      assert.equal(expressionUses(expression, column), want);
    });
  }
});

describe("SQLite's rebuild writes the table the shared apply predicts", () => {
  const rebuildKinds = ["addColumn", "dropColumn", "alterColumn", "addUnique", "dropUnique", "addForeignKey", "dropForeignKey", "addPrimaryKey", "dropPrimaryKey", "addCheck", "dropCheck"] as const;
  const cascading: RebuildOp[] = [
    { kind: "dropColumn", table: "devices", column: int("site_id") },
    { kind: "dropColumn", table: "devices", column: int("rack") },
    { kind: "alterColumn", table: "devices", from: int("site_id"), to: int("location_id", { nullable: true }) },
  ];
  const ops = [...rebuildKinds.flatMap((k) => lawOps[k] as readonly RebuildOp[]), ...cascading];
  for (const op of ops) {
    it(`${op.kind} on ${op.table}`, () => {
      const t = tableOf(start, op.table);
      const shared = tableOf(applyOp({ tables: [t] }, op), op.table);
      const expected = op.kind === "dropPrimaryKey" ? { ...shared, columns: shared.columns.map(({ autoIncrement: _a, ...c }) => c) } : shared;
      assert.deepEqual(plain(rebuiltTable(t, op).table), plain(expected));
    });
  }

  it("a rebuild after dropPrimaryKey writes no AUTOINCREMENT, though the runner's model (the shared apply) still marks the column", () => {
    const keyless = tableOf(applyOp({ tables: [sites] }, { kind: "dropPrimaryKey", table: "sites", primaryKey: sites.primaryKey! }), "sites");
    assert.equal(col(keyless, "id")?.autoIncrement, "increment", "PostgreSQL keeps a serial column's sequence: the shared apply keeps the mark");
    const next = rebuiltTable(keyless, { kind: "addCheck", table: "sites", check: { name: "chk_sites_id", expression: "id > 0" } }).table;
    assert.equal(col(next, "id")?.autoIncrement, undefined);
    const keyed = rebuiltTable(sites, { kind: "addCheck", table: "sites", check: { name: "chk_sites_id", expression: "id > 0" } }).table;
    assert.equal(col(keyed, "id")?.autoIncrement, "increment", "kept while the key stands");
  });

  it("the rows of a renamed column come from its old name; a dropped column's from nowhere", () => {
    const sources = rebuiltTable(devices, cascading[2]).sources;
    assert.equal(sources.get("location_id"), "site_id");
    assert.equal(sources.has("site_id"), false);
    assert.equal(rebuiltTable(devices, cascading[0]).sources.has("site_id"), false);
  });
});
