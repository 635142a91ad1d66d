import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IrreversibleOperationError } from "../../../src/errors";
import { reverseOp, reverseOps } from "../../../src/ops/reverse";
import type { Op } from "../../../src/ops/types";
import { sampleOps } from "../fixtures";

describe("reverseOp", () => {
  for (const [kind, op] of Object.entries(sampleOps) as [Op["kind"], Op][]) {
    it(`reverse(reverse(${kind})) equals the original op`, () => {
      assert.deepEqual(reverseOp(reverseOp(op)), op);
    });
  }

  it("pairs create/drop and add/drop kinds, and swaps from/to of renames, alterations and executes", () => {
    const pairs: [Op["kind"], Op["kind"]][] = [
      ["createTable", "dropTable"],
      ["addColumn", "dropColumn"],
      ["createIndex", "dropIndex"],
      ["addUnique", "dropUnique"],
      ["addForeignKey", "dropForeignKey"],
      ["addPrimaryKey", "dropPrimaryKey"],
    ];
    for (const [a, b] of pairs) {
      assert.equal(reverseOp(sampleOps[a]).kind, b);
      assert.equal(reverseOp(sampleOps[b]).kind, a);
    }
    assert.deepEqual(reverseOp(sampleOps.renameTable), { kind: "renameTable", from: "locations", to: "sites" });
    const alter = sampleOps.alterColumn;
    assert.deepEqual(reverseOp(alter), { kind: "alterColumn", table: "devices", from: alter.to, to: alter.from });
    assert.deepEqual(reverseOp(sampleOps.execute), {
      kind: "execute",
      sql: "UPDATE devices SET vlan_id = NULL",
      reverseSql: "UPDATE devices SET vlan_id = 10",
    });
  });

  it("drop ops carry the whole object so their reverse can recreate it", () => {
    const dropTable = sampleOps.dropTable;
    assert.deepEqual(reverseOp(dropTable), { kind: "createTable", table: dropTable.table });
    const dropColumn = sampleOps.dropColumn;
    assert.deepEqual(reverseOp(dropColumn), { kind: "addColumn", table: "devices", column: dropColumn.column });
  });

  it("execute without reverseSql throws IrreversibleOperationError naming the SQL", () => {
    const op: Op = { kind: "execute", sql: "DELETE FROM devices WHERE vlan_id IS NULL" };
    assert.throws(
      () => reverseOp(op),
      (e: unknown) => e instanceof IrreversibleOperationError && /DELETE FROM devices/.test(e.message) && /no reverse/.test(e.message),
    );
  });
});

describe("reverseOps", () => {
  it("reverses the order and reverses each op", () => {
    const ops = [sampleOps.createTable, sampleOps.addColumn, sampleOps.createIndex];
    assert.deepEqual(reverseOps(ops), [reverseOp(sampleOps.createIndex), reverseOp(sampleOps.addColumn), reverseOp(sampleOps.createTable)]);
  });

  it("does not mutate its input", () => {
    const ops = [sampleOps.addColumn, sampleOps.createIndex];
    const copy = [...ops];
    reverseOps(ops);
    assert.deepEqual(ops, copy);
  });

  it("of all sample ops, reversed twice, gives the ops back", () => {
    const ops = Object.values(sampleOps);
    assert.deepEqual(reverseOps(reverseOps(ops)), ops);
  });

  it("throws IrreversibleOperationError when any op is an execute without reverseSql", () => {
    assert.throws(() => reverseOps([sampleOps.addColumn, { kind: "execute", sql: "VACUUM" }]), IrreversibleOperationError);
  });
});
