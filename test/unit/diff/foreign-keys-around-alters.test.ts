/**
 * Where the server cannot alter a column a foreign key uses (capability alterColumnInForeignKey:
 * false, MySQL/MariaDB), compare() drops the keys around the alteration and re-adds them after.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compare } from "../../../src/diff/compare";
import { NO_RENAMES } from "../../../src/diff/renames";
import { reverseOps } from "../../../src/ops/reverse";
import { applyOp } from "../../../src/ops/apply";
import type { Op } from "../../../src/ops/types";
import type { Schema, Table } from "../../../src/schema/types";
import { baseSchema, fkDevicesSite } from "../fixtures";

const MYSQL = { alterColumnInForeignKey: false } as const;

function edit(base: Schema, name: string, fn: (t: Table) => Table): Schema {
  return { tables: base.tables.map((t) => (t.name === name ? fn(t) : t)) };
}
const retype = (t: Table, column: string, type: string): Table => ({ ...t, columns: t.columns.map((c) => (c.name === column ? { ...c, type } : c)) });
const kinds = (ops: readonly Op[]) => ops.map((o) => `${o.kind}${"foreignKey" in o ? ` ${o.foreignKey.name}` : ""}`);

describe("foreign keys around column alterations", () => {
  it("drops and re-adds the key on an altered referencing column", () => {
    const to = edit(baseSchema, "devices", (t) => retype(t, "site_id", "bigint"));
    const ops = compare(baseSchema, to, NO_RENAMES, MYSQL);
    assert.deepEqual(kinds(ops), ["dropForeignKey fk_devices_site", "alterColumn", "addForeignKey fk_devices_site"]);
    assert.deepEqual(ops[0], { kind: "dropForeignKey", table: "devices", foreignKey: fkDevicesSite });
    assert.deepEqual(ops[2], { kind: "addForeignKey", table: "devices", foreignKey: fkDevicesSite });
  });

  it("drops and re-adds the keys of other tables that reference an altered column", () => {
    const to = edit(edit(baseSchema, "sites", (t) => retype(t, "id", "bigint")), "devices", (t) => retype(t, "site_id", "bigint"));
    const ops = compare(baseSchema, to, NO_RENAMES, MYSQL);
    assert.deepEqual(kinds(ops), ["dropForeignKey fk_devices_site", "alterColumn", "alterColumn", "addForeignKey fk_devices_site"]);
  });

  it("leaves keys alone when only a default, a comment or nullability changes", () => {
    const to = edit(baseSchema, "devices", (t) => ({ ...t, columns: t.columns.map((c) => (c.name === "site_id" ? { ...c, default: "1", comment: "x" } : c)) }));
    assert.deepEqual(kinds(compare(baseSchema, to, NO_RENAMES, MYSQL)), ["alterColumn"]);
  });

  it("leaves a key the diff already replaces to the diff (no double drop)", () => {
    const fkCascade = { ...fkDevicesSite, onDelete: "SET NULL" as const };
    const to = edit(baseSchema, "devices", (t) => ({ ...retype(t, "site_id", "bigint"), foreignKeys: [fkCascade] }));
    const ops = compare(baseSchema, to, NO_RENAMES, MYSQL);
    assert.equal(ops.filter((o) => o.kind === "dropForeignKey").length, 1);
    assert.equal(ops.filter((o) => o.kind === "addForeignKey").length, 1);
    assert.ok(ops.findIndex((o) => o.kind === "dropForeignKey") < ops.findIndex((o) => o.kind === "alterColumn"));
    assert.ok(ops.findIndex((o) => o.kind === "addForeignKey") > ops.findIndex((o) => o.kind === "alterColumn"));
  });

  it("does nothing where the database can alter such columns (capability absent or true)", () => {
    const to = edit(baseSchema, "devices", (t) => retype(t, "site_id", "bigint"));
    assert.deepEqual(kinds(compare(baseSchema, to)), ["alterColumn"]);
    assert.deepEqual(kinds(compare(baseSchema, to, NO_RENAMES, { alterColumnInForeignKey: true })), ["alterColumn"]);
  });

  it("the downgrade mirrors it and the round trip lands on the start", () => {
    const to = edit(baseSchema, "devices", (t) => retype(t, "site_id", "bigint"));
    const ops = compare(baseSchema, to, NO_RENAMES, MYSQL);
    const up = ops.reduce(applyOp, baseSchema);
    assert.deepEqual(up, to);
    const down = reverseOps(ops);
    assert.deepEqual(kinds(down), ["dropForeignKey fk_devices_site", "alterColumn", "addForeignKey fk_devices_site"]);
    assert.deepEqual(down.reduce(applyOp, up), baseSchema);
  });

  it("drops and re-adds a key around the drop of the only index it relies on (a OneToOne becoming a ManyToOne)", () => {
    const rel = { name: "REL_devices_site", columns: ["site_id"], unique: true };
    const withRel = edit(baseSchema, "devices", (t) => ({ ...t, indexes: [...t.indexes, rel] }));
    const ops = compare(withRel, baseSchema, NO_RENAMES, MYSQL);
    assert.deepEqual(kinds(ops), ["dropForeignKey fk_devices_site", "dropIndex", "addForeignKey fk_devices_site"]);
    assert.deepEqual(ops.reduce(applyOp, withRel), baseSchema);
  });

  it("leaves the key alone when another index still leads with its columns", () => {
    const rel = { name: "REL_devices_site", columns: ["site_id"], unique: true };
    const other = { name: "idx_devices_site_host", columns: ["site_id", "hostname"], unique: false };
    const from = edit(baseSchema, "devices", (t) => ({ ...t, indexes: [...t.indexes, rel, other] }));
    const to = edit(baseSchema, "devices", (t) => ({ ...t, indexes: [...t.indexes, other] }));
    assert.deepEqual(kinds(compare(from, to, NO_RENAMES, MYSQL)), ["dropIndex"]);
  });
});
