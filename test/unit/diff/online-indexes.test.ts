import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Capabilities } from "../../../src/dialects/dialect";
import { withOnlinePatterns } from "../../../src/diff/online-indexes";
import type { Op } from "../../../src/ops/types";
import { reverseOp } from "../../../src/ops/reverse";
import type { Column } from "../../../src/schema/types";

const POSTGRES: Capabilities = { transactionalDdl: true, onlineIndexes: "outside-transaction", onlineConstraints: true };
const MYSQL: Capabilities = { transactionalDdl: false, onlineIndexes: "in-place", alterColumnInForeignKey: false };
const SQLITE: Capabilities = { transactionalDdl: true, onlineIndexes: "none" };

const index = { name: "idx_a", columns: ["a"], unique: false };
const fk = { name: "fk_a", columns: ["a"], referencedTable: "fresh", referencedColumns: ["id"], onDelete: "NO ACTION", onUpdate: "NO ACTION" } as const;
const check = { name: "chk_a", expression: "a > 0" };
const a: Column = { name: "a", type: "integer", nullable: true };
const ops: Op[] = [
  { kind: "createTable", table: { name: "fresh", columns: [], indexes: [], uniques: [], foreignKeys: [] } },
  { kind: "createIndex", table: "fresh", index },
  { kind: "addForeignKey", table: "fresh", foreignKey: fk },
  { kind: "createIndex", table: "old", index },
  { kind: "dropIndex", table: "old", index: { ...index, name: "idx_b" } },
  { kind: "addForeignKey", table: "old", foreignKey: fk },
  { kind: "addCheck", table: "old", check },
  { kind: "alterColumn", table: "old", from: a, to: { ...a, nullable: false } },
  { kind: "alterColumn", table: "old", from: a, to: { ...a, comment: "x" } },
];

const flags = (out: readonly Op[]) =>
  out.map((op) => {
    const o = op as { concurrently?: boolean; validate?: string; online?: boolean };
    return o.concurrently ?? o.validate ?? o.online;
  });

describe("withOnlinePatterns", () => {
  it("on PostgreSQL makes index builds, constraints and NOT NULL of existing tables online, not those of a table created in the same migration", () => {
    assert.deepEqual(flags(withOnlinePatterns(ops, POSTGRES)), [undefined, undefined, undefined, true, true, "separately", "separately", true, undefined]);
  });

  it("on MySQL only index builds are online (LOCK=NONE): constraints have no online form there", () => {
    assert.deepEqual(flags(withOnlinePatterns(ops, MYSQL)), [undefined, undefined, undefined, true, true, undefined, undefined, undefined, undefined]);
  });

  it("changes nothing where the database has no online forms (SQLite)", () => {
    assert.deepEqual(withOnlinePatterns(ops, SQLITE), ops);
  });

  it("an index dropped and built again under its name becomes one online replacement at the build's place", () => {
    const old = { ...index, columns: ["a"] };
    const wider = { ...index, columns: ["a", "b"] };
    const out = withOnlinePatterns(
      [
        { kind: "dropIndex", table: "old", index: old },
        { kind: "addColumn", table: "other", column: a },
        { kind: "createIndex", table: "old", index: wider },
      ],
      POSTGRES,
    );
    assert.deepEqual(out, [
      { kind: "addColumn", table: "other", column: a },
      { kind: "createIndex", table: "old", index: wider, replaces: old, concurrently: true },
    ]);
  });

  it("an index whose column is dropped in between is not replaced: it must go before its column", () => {
    const input: Op[] = [
      { kind: "dropIndex", table: "old", index },
      { kind: "dropColumn", table: "old", column: a },
      { kind: "createIndex", table: "old", index: { ...index, columns: ["b"] } },
    ];
    assert.deepEqual(
      withOnlinePatterns(input, POSTGRES).map((op) => op.kind),
      ["dropIndex", "dropColumn", "createIndex"],
    );
  });

  it("online ops reverse into online ops, and back", () => {
    for (const op of withOnlinePatterns(ops, POSTGRES)) {
      if (op.kind === "createTable") continue;
      assert.deepEqual(reverseOp(reverseOp(op)), op, op.kind);
    }
    const [online] = withOnlinePatterns([ops[3]], MYSQL);
    assert.deepEqual(reverseOp(online), { kind: "dropIndex", table: "old", index, concurrently: true });
    const replacement: Op = { kind: "createIndex", table: "old", index: { ...index, columns: ["b"] }, replaces: index, concurrently: true };
    assert.deepEqual(reverseOp(replacement), { kind: "createIndex", table: "old", index, replaces: { ...index, columns: ["b"] }, concurrently: true });
    assert.deepEqual(reverseOp(reverseOp(replacement)), replacement);
  });
});
