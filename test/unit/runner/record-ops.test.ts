/**
 * Recording a migration's ops without running them (src/runner/record-ops.ts), as `squash` does:
 * each op in call order, drops reading the schema as it stands after the earlier ops, and the
 * two things that cannot be recorded (reading rows, asking the dialect) refused by name.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getDialect } from "../../../src/dialects";
import { MigrationFailedError, UnrecordableMigrationError } from "../../../src/errors";
import type { MigrationContext } from "../../../src/ops/migration-context";
import { recordOps } from "../../../src/runner/record-ops";
import type { MigrationScript } from "../../../src/runner/migration-script";
import { throwsWith } from "../throws-with";

const sqlite = getDialect("sqlite");
const script = (upgrade: (ctx: MigrationContext) => Promise<void>): MigrationScript => ({
  revision: "b1",
  downRevisions: [],
  file: "migrations/versions/b1_x.ts",
  checksum: "",
  upgrade,
  downgrade: async () => {
    throw new Error("no way back");
  },
  transactional: true,
});
const rejects = async (p: Promise<unknown>, type: new (...args: never[]) => Error, parts: readonly string[]) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  throwsWith(() => {
    if (e) throw e;
  }, type, parts);
};

describe("recordOps", () => {
  it("records each op in order; a drop finds the column an earlier op added", async () => {
    const ops = await recordOps(
      script(async ({ op }) => {
        await op.execute("CREATE TABLE t (id integer)");
        await op.createTable({ name: "u", columns: [{ name: "id", type: "integer", nullable: false }] });
        await op.addColumn("u", { name: "n", type: "integer", nullable: true });
        await op.renameColumn("u", "n", "m");
        await op.dropColumn("u", "m");
      }),
      "upgrade",
      sqlite,
      { tables: [] },
    );
    assert.deepEqual(ops.map((o) => o.kind), ["execute", "createTable", "addColumn", "renameColumn", "dropColumn"]);
    assert.deepEqual(ops[4], { kind: "dropColumn", table: "u", column: { name: "m", type: "integer", nullable: true } });
  });

  it("op.query is refused, naming the revision", async () => {
    await rejects(recordOps(script(async ({ op }) => void (await op.query("SELECT 1"))), "upgrade", sqlite, { tables: [] }), UnrecordableMigrationError, ["b1 (migrations/versions/b1_x.ts)", "reads the database"]);
  });

  it("reading ctx.dialect is refused, naming the revision", async () => {
    await rejects(
      recordOps(script(async (ctx) => void (ctx.dialect === "sqlite" && (await ctx.op.execute("SELECT 1")))), "upgrade", sqlite, { tables: [] }),
      UnrecordableMigrationError,
      ["b1", "asks which dialect"],
    );
  });

  it("a function that throws is a MigrationFailedError with its message", async () => {
    await rejects(recordOps(script(async () => undefined), "downgrade", sqlite, { tables: [] }), MigrationFailedError, ["downgrade of b1", "no way back"]);
  });
});
