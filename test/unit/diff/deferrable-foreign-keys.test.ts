/**
 * ForeignKey.deferrable (PostgreSQL `DEFERRABLE INITIALLY …`): a change of it is a change of the key
 * (dropped and re-added, as any other change of definition), the migration file says it, and the
 * MySQL/SQLite model readers drop it (their TypeORM drivers never read it back).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compare } from "../../../src/diff/compare";
import { mysqlDialect } from "../../../src/dialects/mysql";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import { renderOp } from "../../../src/render/render-op";
import type { Schema } from "../../../src/schema/types";
import { baseSchema, fkDevicesSite } from "../fixtures";

const withKey = (deferrable?: "INITIALLY IMMEDIATE" | "INITIALLY DEFERRED"): Schema => ({
  tables: baseSchema.tables.map((t) =>
    t.name === "devices" ? { ...t, foreignKeys: [{ ...fkDevicesSite, ...(deferrable ? { deferrable } : {}) }] } : t,
  ),
});

test("making a foreign key deferrable drops and re-adds it; the same deferrable key gives no op", () => {
  const ops = compare(withKey(), withKey("INITIALLY DEFERRED"));
  assert.deepEqual(
    ops.map((o) => o.kind),
    ["dropForeignKey", "addForeignKey"],
  );
  assert.deepEqual(compare(withKey("INITIALLY DEFERRED"), withKey("INITIALLY DEFERRED")), []);
  assert.equal(compare(withKey("INITIALLY DEFERRED"), withKey("INITIALLY IMMEDIATE")).length, 2);
});

test("the migration file names the deferrable mode of an added key, and nothing for a plain one", () => {
  const [, add] = compare(withKey(), withKey("INITIALLY DEFERRED"));
  assert.match(renderOp(add!), /\{ onDelete: "CASCADE", onUpdate: "NO ACTION", deferrable: "INITIALLY DEFERRED" \}\);$/);
  const [, plain] = compare(withKey("INITIALLY DEFERRED"), withKey());
  assert.doesNotMatch(renderOp(plain!), /deferrable/);
});

test("MySQL and SQLite models drop a deferrable option their catalogs cannot show", () => {
  const devices = withKey("INITIALLY DEFERRED").tables.find((t) => t.name === "devices")!;
  for (const dialect of [mysqlDialect, sqliteDialect]) {
    const modelled = dialect.modelTable!(devices);
    assert.deepEqual(modelled.foreignKeys, [fkDevicesSite], dialect.name);
    assert.equal("deferrable" in modelled.foreignKeys[0]!, false);
  }
});
