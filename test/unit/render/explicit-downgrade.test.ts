/**
 * A migration file whose downgrade is given (`downgradeOps`, `downgradeError`) instead of derived
 * from the upgrade, as `squash` writes it: SQL pairs' down.sql cannot be derived from their up.sql.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { opCalls } from "../../support/project";
import { DEFAULT_TEMPLATE, renderMigration, type MigrationFileInput } from "../../../src/render/migration-file";

const template = readFileSync(DEFAULT_TEMPLATE, "utf8");
const base: MigrationFileInput = {
  revision: "sq0001",
  downRevisions: [],
  message: "squashed",
  createDate: new Date("2026-11-24T10:00:00.000Z"),
  ops: [
    { kind: "execute", sql: "CREATE TABLE a (id integer)" },
    { kind: "renameTable", from: "a", to: "b" },
  ],
};

describe("explicit downgrade in a migration file", () => {
  it("downgradeOps are rendered as given, not as the reverse of the upgrade", () => {
    const text = renderMigration(template, { ...base, downgradeOps: [{ kind: "renameTable", from: "b", to: "a" }, { kind: "execute", sql: "DROP TABLE a" }] });
    assert.deepEqual(opCalls(text, "downgrade"), ["renameTable", "execute"]);
    assert.match(text, /await op\.execute\("DROP TABLE a"\);\n\}/);
  });

  it("without downgradeOps the downgrade is still the reverse (an execute cannot be reversed, so it throws)", () => {
    const text = renderMigration(template, base);
    assert.match(text, /export async function downgrade[^]*throw new Error\(/);
  });

  it("downgradeError makes the downgrade throw that message", () => {
    const text = renderMigration(template, { ...base, downgradeError: "cannot downgrade sq0001: 002_b has no down.sql" });
    assert.deepEqual(opCalls(text, "downgrade"), []);
    assert.match(text, /throw new Error\("cannot downgrade sq0001: 002_b has no down\.sql"\);/);
  });
});
