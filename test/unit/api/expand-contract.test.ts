/**
 * The expand/contract split (src/api/expand-contract.ts) without a database: which ops go to the
 * expand revision and which wait for the contract, for a column rename, a column drop, a table
 * drop and a NOT NULL column added to an existing table; and the two rendered files, golden.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseSync } from "@swc/core";
import { renderPhaseFile, splitExpandContract, type Phase, type Step } from "../../../src/api/expand-contract";
import type { SyncTriggers } from "../../../src/dialects/dialect";
import { UnsupportedOperationError } from "../../../src/errors";
import type { Op } from "../../../src/ops/types";
import { DEFAULT_TEMPLATE, formatTypeScript } from "../../../src/render/migration-file";
import type { Schema } from "../../../src/schema/types";
import { int, table, varchar } from "../fixtures";
import { throwsWith } from "../throws-with";

const ROOT = resolve(__dirname, "..", "..", "..", "..");
const golden = (name: string) => join(ROOT, "test", "unit", "render", "golden", name);

const triggers = (fillsNotNull: boolean): SyncTriggers => ({ fillsNotNull, create: () => [], drop: () => [] });

const pk = { name: "pk_devices", columns: ["id"] };
const before_: Schema = {
  tables: [table("devices", { columns: [int("id"), varchar("ip", 45), varchar("legacy", 10, { nullable: true })], primaryKey: pk, indexes: [{ name: "idx_legacy", columns: ["legacy"], unique: false }] })],
};
const after_: Schema = {
  tables: [table("devices", { columns: [int("id"), varchar("mgmt_ip", 45, { default: "'0.0.0.0'" }), varchar("region", 20)], primaryKey: pk })],
};
const renameOps: Op[] = [{ kind: "renameColumn", table: "devices", from: "ip", to: "mgmt_ip" }];

/** A phase as short strings: `op:kind(table.column)`, `backfill(column<-source)`, `sync`, `unsync`, `note`. */
function shape(steps: readonly Step[]): string[] {
  return steps.map((s) => {
    switch (s.kind) {
      case "op": {
        const op = s.op;
        const column = "column" in op ? `.${op.column.name}${op.column.nullable ? "?" : ""}` : op.kind === "alterColumn" ? `.${op.to.name}${op.from.nullable ? "?" : "!"}->${op.to.nullable ? "?" : "!"}` : "";
        return `${op.kind}(${"table" in op && typeof op.table === "string" ? op.table : ""}${column})`;
      }
      case "backfill":
        return `backfill(${s.column}<-${"todo" in s.value ? "TODO" : s.value.column})`;
      case "syncColumns":
        return `sync(${s.from},${s.to})`;
      case "dropSyncColumns":
        return `unsync(${s.from},${s.to})`;
      case "note":
        return "note";
    }
  });
}

describe("expand/contract split", () => {
  it("a column rename: expand adds the new column loose, syncs and backfills; contract unsyncs, drops the old one and gives the new one its definition", () => {
    const plan = splitExpandContract(renameOps, before_, after_, triggers(true))!;
    assert.deepEqual(shape(plan.expand.upgrade), ["addColumn(devices.mgmt_ip?)", "sync(ip,mgmt_ip)", "backfill(mgmt_ip<-ip)"]);
    assert.deepEqual(shape(plan.expand.downgrade), ["unsync(ip,mgmt_ip)", "dropColumn(devices.mgmt_ip?)"]);
    assert.deepEqual(shape(plan.contract.upgrade), ["unsync(ip,mgmt_ip)", "dropColumn(devices.ip)", "alterColumn(devices.mgmt_ip?->!)"]);
    assert.deepEqual(shape(plan.contract.downgrade), [
      "alterColumn(devices.mgmt_ip!->?)",
      "addColumn(devices.ip?)",
      "sync(ip,mgmt_ip)",
      "backfill(ip<-mgmt_ip)",
      "alterColumn(devices.ip?->!)",
    ]);
    const added = plan.expand.upgrade[0] as Extract<Step, { kind: "op" }>;
    assert.equal((added.op as Extract<Op, { kind: "addColumn" }>).column.default, undefined, "the new column's default waits for the contract: the trigger copies only into NULL");
  });

  it("where triggers cannot fill NOT NULL (SQLite), expand makes the old column nullable and its downgrade restores it", () => {
    const plan = splitExpandContract(renameOps, before_, after_, triggers(false))!;
    assert.deepEqual(shape(plan.expand.upgrade), ["addColumn(devices.mgmt_ip?)", "alterColumn(devices.ip!->?)", "sync(ip,mgmt_ip)", "backfill(mgmt_ip<-ip)"]);
    assert.deepEqual(shape(plan.expand.downgrade), ["unsync(ip,mgmt_ip)", "alterColumn(devices.ip?->!)", "dropColumn(devices.mgmt_ip?)"]);
    assert.deepEqual(shape(plan.contract.upgrade), ["unsync(ip,mgmt_ip)", "dropColumn(devices.ip?)", "alterColumn(devices.mgmt_ip?->!)"]);
    // No table rebuild after the triggers are created: it would drop them.
    assert.deepEqual(shape(plan.contract.downgrade), ["alterColumn(devices.mgmt_ip!->?)", "addColumn(devices.ip?)", "sync(ip,mgmt_ip)", "backfill(ip<-mgmt_ip)"]);
  });

  it("triggers are created after, and dropped before, every other change (a SQLite rebuild would drop them)", () => {
    const widen: Op = { kind: "alterColumn", table: "devices", from: varchar("legacy", 10, { nullable: true }), to: varchar("legacy", 20, { nullable: true }) };
    const plan = splitExpandContract([...renameOps, widen], before_, after_, triggers(false))!;
    assert.deepEqual(shape(plan.expand.upgrade), ["addColumn(devices.mgmt_ip?)", "alterColumn(devices.ip!->?)", "alterColumn(devices.legacy?->?)", "sync(ip,mgmt_ip)", "backfill(mgmt_ip<-ip)"]);
    assert.deepEqual(shape(plan.expand.downgrade), ["unsync(ip,mgmt_ip)", "alterColumn(devices.legacy?->?)", "alterColumn(devices.ip?->!)", "dropColumn(devices.mgmt_ip?)"]);
  });

  it("a column drop waits for the contract with the index on it; expand only announces it; additive ops stay in expand", () => {
    const legacy = before_.tables[0].columns[2];
    const ops: Op[] = [
      { kind: "dropIndex", table: "devices", index: { name: "idx_legacy", columns: ["legacy"], unique: false } },
      { kind: "dropColumn", table: "devices", column: legacy },
      { kind: "addColumn", table: "devices", column: varchar("note", 10, { nullable: true }) },
    ];
    const plan = splitExpandContract(ops, before_, before_, triggers(true))!;
    assert.deepEqual(shape(plan.expand.upgrade), ["note", "addColumn(devices.note?)"]);
    assert.deepEqual(shape(plan.expand.downgrade), ["dropColumn(devices.note?)"]);
    assert.deepEqual(shape(plan.contract.upgrade), ["dropIndex(devices)", "dropColumn(devices.legacy?)"]);
    assert.deepEqual(shape(plan.contract.downgrade), ["addColumn(devices.legacy?)", "createIndex(devices)"]);
  });

  it("a table drop waits for the contract, with the foreign keys that reference it", () => {
    const sites = table("sites", { columns: [int("id")], primaryKey: { name: "pk_sites", columns: ["id"] } });
    const fk = { name: "fk_site", columns: ["site_id"], referencedTable: "sites", referencedColumns: ["id"], onDelete: "NO ACTION", onUpdate: "NO ACTION" } as const;
    const ops: Op[] = [
      { kind: "dropForeignKey", table: "devices", foreignKey: fk },
      { kind: "dropTable", table: sites },
    ];
    const plan = splitExpandContract(ops, { tables: [sites] }, { tables: [] }, triggers(true))!;
    assert.deepEqual(shape(plan.expand.upgrade), ["note"]);
    assert.deepEqual(shape(plan.contract.upgrade), ["dropForeignKey(devices)", "dropTable()"]);
  });

  it("a NOT NULL column without a default added to an existing table: expand adds it nullable and backfills from the reviewer's placeholder; contract backfills again and sets NOT NULL", () => {
    const region = varchar("region", 20);
    const plan = splitExpandContract([{ kind: "addColumn", table: "devices", column: region }], before_, after_, triggers(true))!;
    assert.deepEqual(shape(plan.expand.upgrade), ["addColumn(devices.region?)", "backfill(region<-TODO)"]);
    assert.deepEqual(shape(plan.expand.downgrade), ["dropColumn(devices.region?)"]);
    assert.deepEqual(shape(plan.contract.upgrade), ["backfill(region<-TODO)", "alterColumn(devices.region?->!)"]);
    assert.deepEqual(shape(plan.contract.downgrade), ["alterColumn(devices.region!->?)"]);
  });

  it("nothing to split: additive changes, a column added with a default, a new table's NOT NULL columns", () => {
    const ops: Op[] = [
      { kind: "addColumn", table: "devices", column: varchar("site", 10, { default: "'x'" }) },
      { kind: "createTable", table: table("racks", { columns: [int("id")] }) },
      { kind: "addColumn", table: "racks", column: int("size") },
    ];
    assert.equal(splitExpandContract(ops, before_, after_, triggers(true)), undefined);
  });

  it("refuses to split the rename of a column an index uses, saying what to do instead", () => {
    const indexed: Schema = { tables: [{ ...before_.tables[0], indexes: [{ name: "idx_ip", columns: ["ip"], unique: false }] }] };
    throwsWith(() => splitExpandContract(renameOps, indexed, after_, triggers(true)), UnsupportedOperationError, ["devices.ip", 'index "idx_ip"']);
  });

  it("refuses a rename where the dialect has no sync triggers", () => {
    throwsWith(() => splitExpandContract(renameOps, before_, after_, undefined), UnsupportedOperationError, ["no sync triggers"]);
  });
});

describe("expand/contract files", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "athanor-ec-"));
    mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
    writeFileSync(join(dir, ".prettierrc.json"), "{}\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const render = (phase: "expand" | "contract", steps: Phase) =>
    formatTypeScript(
      renderPhaseFile(readFileSync(DEFAULT_TEMPLATE, "utf8"), {
        phase,
        revision: phase === "expand" ? "e1" : "c1",
        downRevisions: phase === "expand" ? ["b0"] : ["e1"],
        message: "rename ip, add region",
        createDate: new Date("2026-11-24T10:00:00.000Z"),
        steps,
        partner: phase === "expand" ? "c1" : "e1",
      }),
      join(dir, "migrations", "versions", `${phase}.ts`),
    );

  for (const phase of ["expand", "contract"] as const) {
    it(`the ${phase} file of a rename and a NOT NULL addition matches its golden file and parses`, async () => {
      const ops: Op[] = [...renameOps, { kind: "addColumn", table: "devices", column: varchar("region", 20) }];
      const plan = splitExpandContract(ops, before_, after_, triggers(true))!;
      const text = await render(phase, plan[phase]);
      const file = golden(`expand-contract-${phase}.ts.txt`);
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, text);
      assert.ok(existsSync(file), `golden file ${file} exists (UPDATE_GOLDEN=1 writes it)`);
      assert.equal(text, readFileSync(file, "utf8"));
      assert.doesNotThrow(() => parseSync(text, { syntax: "typescript" }));
      assert.match(text, new RegExp(`export const phase = "${phase}";`));
      // The placeholder comes before any op, so an unwritten one stops the migration before a change.
      const body = text.slice(text.indexOf("export async function upgrade"));
      assert.ok(body.indexOf("op.backfillTodo(") < body.indexOf("await op."), "placeholder first");
    });
  }
});
