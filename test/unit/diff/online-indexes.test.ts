import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withOnlineIndexes } from "../../../src/diff/online-indexes";
import type { Op } from "../../../src/ops/types";
import { reverseOp } from "../../../src/ops/reverse";

const index = { name: "idx_a", columns: ["a"], unique: false };
const ops: Op[] = [
  { kind: "createTable", table: { name: "fresh", columns: [], indexes: [], uniques: [], foreignKeys: [] } },
  { kind: "createIndex", table: "fresh", index },
  { kind: "createIndex", table: "old", index },
  { kind: "dropIndex", table: "old", index: { ...index, name: "idx_b" } },
];

describe("withOnlineIndexes", () => {
  it("makes index builds and drops on existing tables online, not those of a table created in the same migration", () => {
    const { ops: out } = withOnlineIndexes(ops, "in-place");
    assert.deepEqual(out.map((op) => ("concurrently" in op ? op.concurrently : undefined)), [undefined, undefined, true, true]);
  });

  it("takes the migration out of its transaction only where online builds need it (PostgreSQL)", () => {
    assert.equal(withOnlineIndexes(ops, "outside-transaction").transactional, false);
    assert.equal(withOnlineIndexes(ops, "in-place").transactional, true);
    assert.equal(withOnlineIndexes(ops.slice(0, 2), "outside-transaction").transactional, true, "nothing online, nothing to opt out of");
  });

  it("changes nothing where the database has no online builds (SQLite)", () => {
    assert.deepEqual(withOnlineIndexes(ops, "none"), { ops, transactional: true });
  });

  it("an online build reverses into an online drop, and back", () => {
    const online = withOnlineIndexes(ops, "in-place").ops[2];
    assert.deepEqual(reverseOp(online), { kind: "dropIndex", table: "old", index, concurrently: true });
    assert.deepEqual(reverseOp(reverseOp(online)), online);
  });
});
