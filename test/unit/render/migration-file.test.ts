import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { runInNewContext } from "node:vm";
import { parseSync, transformSync } from "@swc/core";
import { reverseOps } from "../../../src/ops/reverse";
import type { Op } from "../../../src/ops/types";
import { DEFAULT_TEMPLATE, formatTypeScript, renderMigration, type MigrationFileInput } from "../../../src/render/migration-file";
import { renderOp } from "../../../src/render/render-op";
import { sampleOps } from "../fixtures";

/** The repository root (tests run from dist/test/unit/render). */
const ROOT = resolve(__dirname, "..", "..", "..", "..");
const GOLDEN = join(ROOT, "test", "unit", "render", "golden", "add-vlan.ts.txt");
const template = readFileSync(DEFAULT_TEMPLATE, "utf8");

const addVlan: MigrationFileInput = {
  revision: "3f2a9c1b7d4e",
  downRevisions: ["9b1c0d2e3f4a"],
  message: "add vlan column to devices",
  createDate: new Date("2026-11-24T10:00:00.000Z"),
  ops: [
    { kind: "addColumn", table: "devices", column: { name: "vlan_id", type: "integer", nullable: true, default: "10" } },
    { kind: "createIndex", table: "devices", index: { name: "idx_devices_vlan", columns: ["vlan_id"], unique: false } },
  ],
};

let dir: string;
/** A migration path in a temp project whose (empty) prettier config shields it from any config above /tmp. */
const migrationPath = () => join(dir, "migrations", "versions", "3f2a9c1b7d4e_add_vlan_column_to_devices.ts");
const render = (input: MigrationFileInput) => formatTypeScript(renderMigration(template, input), migrationPath());

before(() => {
  dir = mkdtempSync(join(tmpdir(), "athanor-render-"));
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(join(dir, ".prettierrc.json"), "{}\n");
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Compiles a rendered migration with swc and runs it, with `op` recording each call. */
async function run(code: string, fn: "upgrade" | "downgrade"): Promise<{ calls: unknown[][]; error?: Error }> {
  const js = transformSync(code, { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }).code;
  const mod = { exports: {} as Record<string, unknown> };
  runInNewContext(js, { module: mod, exports: mod.exports, require: () => ({}) });
  const calls: unknown[][] = [];
  // JSON round trip: values made inside the vm context have that context's prototypes.
  const op = new Proxy(
    {},
    {
      get:
        (_t, name) =>
        async (...args: unknown[]) =>
          void calls.push(JSON.parse(JSON.stringify([name, ...args]))),
    },
  );
  try {
    await (mod.exports[fn] as (ctx: unknown) => Promise<void>)({ op, dialect: "postgres" });
    return { calls };
  } catch (e) {
    return { calls, error: e as Error };
  }
}

describe("renderMigration + formatTypeScript", () => {
  it("matches the golden file for the add-vlan migration byte for byte", async () => {
    const text = await render(addVlan);
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, text);
    assert.ok(existsSync(GOLDEN), `golden file ${GOLDEN} exists (UPDATE_GOLDEN=1 writes it)`);
    assert.equal(text, readFileSync(GOLDEN, "utf8"));
  });

  it("renders the same input identically twice", async () => {
    assert.equal(await render(addVlan), await render({ ...addVlan, ops: [...addVlan.ops!] }));
  });

  it("the golden migration's upgrade adds the column then the index; its downgrade undoes them in reverse", async () => {
    const code = readFileSync(GOLDEN, "utf8");
    const up = await run(code, "upgrade");
    assert.deepEqual(up.calls, [
      ["addColumn", "devices", { name: "vlan_id", type: "integer", nullable: true, default: "10" }],
      ["createIndex", "idx_devices_vlan", "devices", ["vlan_id"]],
    ]);
    const down = await run(code, "downgrade");
    assert.deepEqual(down.calls, [
      ["dropIndex", "idx_devices_vlan", "devices"],
      ["dropColumn", "devices", "vlan_id"],
    ]);
  });

  it("a migration of every op kind parses as TypeScript and its functions call the ops in order", async () => {
    const ops = Object.values(sampleOps);
    const code = await render({ ...addVlan, ops });
    assert.doesNotThrow(() => parseSync(code, { syntax: "typescript" }));
    assert.deepEqual(
      (await run(code, "upgrade")).calls.map((c) => c[0]),
      ops.map((o) => o.kind),
    );
    assert.deepEqual(
      (await run(code, "downgrade")).calls.map((c) => c[0]),
      reverseOps(ops).map((o) => o.kind),
    );
  });

  it("an execute op without a reverse gives a downgrade that throws a clear error", async () => {
    const code = await render({ ...addVlan, ops: [{ kind: "execute", sql: "UPDATE devices SET vlan_id = 10" }] });
    assert.doesNotThrow(() => parseSync(code, { syntax: "typescript" }));
    assert.deepEqual((await run(code, "upgrade")).calls, [["execute", "UPDATE devices SET vlan_id = 10"]]);
    const down = await run(code, "downgrade");
    assert.deepEqual(down.calls, [], "the downgrade does nothing before throwing");
    assert.ok(down.error, "the downgrade throws");
    assert.match(down.error.message, /UPDATE devices SET vlan_id = 10/);
    assert.match(down.error.message, /has no reverse: write this downgrade by hand/);
  });

  it("an empty revision (no ops) renders placeholders and parses", async () => {
    const code = await render({ revision: "0a1b2c3d4e5f", downRevisions: [], message: "empty", createDate: addVlan.createDate });
    assert.match(code, /export const downRevision = null;/);
    assert.match(code, /Revises: <base>/);
    assert.match(code, /\/\/ write op\.\* calls here/);
    assert.doesNotThrow(() => parseSync(code, { syntax: "typescript" }));
  });

  it("a merge revision lists both parents", async () => {
    const code = await render({ ...addVlan, downRevisions: ["9b1c0d2e3f4a", "1c2d3e4f5a6b"] });
    assert.match(code, /export const downRevision = \["9b1c0d2e3f4a", "1c2d3e4f5a6b"\];/);
    assert.match(code, /Revises: 9b1c0d2e3f4a, 1c2d3e4f5a6b/);
  });

  it("a message containing */ cannot close the doc comment", async () => {
    const code = await render({ ...addVlan, message: "drop */ console.log(1) /* junk" });
    assert.doesNotThrow(() => parseSync(code, { syntax: "typescript" }));
    assert.equal((await run(code, "upgrade")).calls.length, 2);
  });

  it("honours the user's prettier config", async () => {
    const project = join(dir, "styled");
    mkdirSync(project);
    writeFileSync(join(project, ".prettierrc.json"), JSON.stringify({ semi: false, singleQuote: true }));
    const code = await formatTypeScript(renderMigration(template, addVlan), join(project, "m.ts"));
    assert.match(code, /^export const revision = '3f2a9c1b7d4e'$/m);
  });
});

describe("renderOp", () => {
  for (const [kind, op] of Object.entries(sampleOps) as [Op["kind"], Op][]) {
    it(`renders ${kind} as an await op.${kind}(...) call, optionally after a // comment line`, () => {
      const text = renderOp(op);
      assert.match(text, new RegExp(`^(//[^\\n]*\\n)?await op\\.${kind}\\(.*\\);$`, "s"));
      assert.doesNotThrow(() => parseSync(`async function f(op: any) {\n${text}\n}`, { syntax: "typescript" }));
    });
  }
});
