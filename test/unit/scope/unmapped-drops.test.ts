import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compare } from "../../../src/diff/compare";
import type { Op } from "../../../src/ops/types";
import { describeUnmappedDrops, excludeTableFlag, keepConfigLines } from "../../../src/scope/keep-instructions";
import { unmappedDrops } from "../../../src/scope/unmapped-drops";
import { auditLog, baseSchema, devices, idxDevicesHostname, int, table } from "../fixtures";

const legacy = table("legacy_orders", { columns: [int("id")] });

describe("unmapped drops", () => {
  it("lists dropped tables then dropped indexes, each by name, whatever the op order", () => {
    const ops: Op[] = [
      { kind: "dropIndex", table: "devices", index: idxDevicesHostname },
      { kind: "dropTable", table: legacy },
      { kind: "dropTable", table: auditLog },
    ];
    assert.deepEqual(unmappedDrops(ops), [
      { kind: "table", table: "audit_log", name: "audit_log" },
      { kind: "table", table: "legacy_orders", name: "legacy_orders" },
      { kind: "index", table: "devices", name: "idx_devices_hostname" },
    ]);
  });

  it("does not list an index dropped and created again under its name (a changed definition)", () => {
    const from = baseSchema;
    const to = { tables: baseSchema.tables.map((t) => (t.name === "devices" ? { ...devices, indexes: [{ ...idxDevicesHostname, unique: true }] } : t)) };
    const ops = compare(from, to);
    assert.ok(ops.some((op) => op.kind === "dropIndex"));
    assert.deepEqual(unmappedDrops(ops), []);
  });

  it("gives the --exclude-table flag a shell reads as one word", () => {
    assert.equal(excludeTableFlag("audit_log"), "--exclude-table audit_log");
    assert.equal(excludeTableFlag("it's here"), `--exclude-table 'it'\\''s here'`);
    assert.equal(excludeTableFlag("tmp[1]"), "--exclude-table 'tmp?1?'", "brackets, which patterns refuse, become ?");
  });

  it("gives config lines for tables (exclude) and indexes (includeObject)", () => {
    assert.deepEqual(
      keepConfigLines([
        { kind: "table", table: "a", name: "a" },
        { kind: "index", table: "t", name: "idx_x" },
      ]),
      ['exclude: ["a"],', 'includeObject: (o) => !(o.kind === "index" && ["idx_x"].includes(o.name)),'],
    );
    assert.deepEqual(keepConfigLines([{ kind: "table", table: "a", name: "a" }, { kind: "table", table: "b", name: "b" }]), ['exclude: ["a", "b"],']);
  });

  it("describes the drops loudly with the flag, the config line and the synchronize: false declaration", () => {
    const text = describeUnmappedDrops([
      { kind: "table", table: "audit_log", name: "audit_log" },
      { kind: "table", table: "legacy_orders", name: "legacy_orders" },
      { kind: "index", table: "users", name: "idx_birthday" },
    ]).join("\n");
    assert.match(text, /^WARNING: this drops 2 table\(s\) that no entity maps \(their rows are lost\) and 1 index\(es\) that no entity declares/);
    assert.match(text, /--exclude-table audit_log --exclude-table legacy_orders/);
    assert.match(text, /exclude: \["audit_log", "legacy_orders"\],/);
    assert.match(text, /@Index\("idx_birthday", \{ synchronize: false \}\)/);
    assert.deepEqual(describeUnmappedDrops([]), []);
    assert.match(describeUnmappedDrops([{ kind: "table", table: "odd table", name: "odd table" }]).join("\n"), /\n {2}table "odd table"\n/, "a name with a space is quoted");
  });
});
