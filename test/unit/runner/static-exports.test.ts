/**
 * Graph-only loading (heads, history, show, branches) reads generated migration files without
 * running them: it must give the same revisions as requiring them, for every form the generator
 * writes, leave every other form to the compiler, and report a broken file exactly as before when
 * its functions are needed.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { MigrationFileError } from "../../../src/errors";
import { registerTypeScript } from "../../../src/loader/register";
import { DEFAULT_TEMPLATE, formatTypeScript, renderMigration, type MigrationFileInput } from "../../../src/render/migration-file";
import { loadMigrations, type MigrationScript } from "../../../src/runner/load-migrations";
import { staticExports } from "../../../src/runner/static-exports";

let root: string;
let projects = 0;
before(() => {
  root = mkdtempSync(join(tmpdir(), "athanor-static-exports-"));
  registerTypeScript(root);
});
after(() => rmSync(root, { recursive: true, force: true }));

/** A fresh project with its own prettier config (which the generator honours) and migration files. */
function project(prettierConfig: Record<string, unknown> = {}): { dir: string; versions: string } {
  const dir = join(root, `p${++projects}`);
  const versions = join(dir, "migrations", "versions");
  mkdirSync(versions, { recursive: true });
  writeFileSync(join(dir, ".prettierrc.json"), JSON.stringify(prettierConfig));
  return { dir, versions };
}

/** What the graph and the runner read of a script, without its functions. */
const described = (s: MigrationScript) => ({ ...s, upgrade: undefined, downgrade: undefined });

const date = new Date("2026-01-01T00:00:00Z");
const longId = (n: number) => `${n}`.padStart(12, "f") + "_with_a_long_suffix";

/** Revisions in every shape the generator gives the graph exports. */
const INPUTS: readonly MigrationFileInput[] = [
  { revision: "aa01", downRevisions: [], message: "create devices", createDate: date, server: "PostgreSQL 16.4" },
  { revision: "bb02", downRevisions: ["aa01"], message: "networks */ and more", createDate: date, branchLabels: ["networking"] },
  { revision: "cc03", downRevisions: ["aa01"], message: "carts", createDate: date, branchLabels: ["shop", "carts"], dependsOn: ["bb02"] },
  { revision: "dd04", downRevisions: ["bb02", "cc03"], message: "merge", createDate: date, emptyBody: "// merge revision: nothing to do" },
  { revision: "ee05", downRevisions: ["dd04"], message: "concurrent index", createDate: date, transactional: false, dependsOn: ["cc03"] },
  {
    revision: "ff06",
    downRevisions: ["ee05", longId(1), longId(2), longId(3)],
    message: "a merge whose parents break over several lines",
    createDate: date,
    dependsOn: [longId(4), longId(5), longId(6)],
  },
  {
    revision: "0007",
    downRevisions: ["ff06"],
    message: "with ops",
    createDate: date,
    ops: [{ kind: "execute", sql: "UPDATE devices SET\nname = 'x'", reverseSql: "SELECT 1" } as never],
  },
];

describe("graph-only loading of generated migration files", () => {
  for (const [name, config] of [
    ["prettier's defaults", {}],
    ["single quotes, no semicolons, narrow lines", { singleQuote: true, semi: false, printWidth: 40 }],
    ["tabs and no trailing commas", { useTabs: true, trailingComma: "none" }],
  ] as const) {
    it(`reads the same revisions as requiring the files (${name})`, async () => {
      const { dir, versions } = project(config);
      const template = readFileSync(DEFAULT_TEMPLATE, "utf8");
      for (const input of INPUTS) {
        const path = join(versions, `${input.revision}_m.ts`);
        writeFileSync(path, await formatTypeScript(renderMigration(template, input), path));
        assert.ok(staticExports(readFileSync(path, "utf8")) !== undefined, `${input.revision} is read without running it:\n${readFileSync(path, "utf8")}`);
      }
      const graphOnly = loadMigrations(join(dir, "migrations"), dir, { graphOnly: true });
      const required = loadMigrations(join(dir, "migrations"), dir);
      assert.deepEqual(graphOnly.map(described), required.map(described));
      assert.ok(graphOnly.some((s) => s.transactional === false) && graphOnly.some((s) => (s.downRevisions.length ?? 0) > 2));
    });
  }

  it("runs a file's functions, required on their first call", async () => {
    const { dir, versions } = project();
    writeFileSync(
      join(versions, "aa01_m.ts"),
      'import type { MigrationContext } from "athanor";\n\nexport const revision = "aa01";\nexport const downRevision = null;\n\n' +
        "export async function upgrade({ op }: MigrationContext): Promise<void> {\n  await op.execute(`CREATE TABLE t (\nid integer)`);\n}\n\n" +
        'export async function downgrade({ op }: MigrationContext): Promise<void> {\n  await op.execute("DROP TABLE t");\n}\n',
    );
    const [script] = loadMigrations(join(dir, "migrations"), dir, { graphOnly: true });
    const sql: string[] = [];
    const ctx = { op: { execute: async (s: string) => void sql.push(s) }, dialect: "sqlite" } as never;
    await script.upgrade(ctx);
    await script.downgrade(ctx);
    assert.deepEqual(sql, ["CREATE TABLE t (\nid integer)", "DROP TABLE t"]);
  });

  it("reports a malformed export with the message requiring the file gives", () => {
    const { dir, versions } = project();
    writeFileSync(join(versions, "zz_bad.ts"), "export const revision = 42;\nexport async function upgrade() {}\n");
    const message = (graphOnly: boolean) => {
      try {
        loadMigrations(join(dir, "migrations"), dir, { graphOnly });
      } catch (e) {
        assert.ok(e instanceof MigrationFileError, String(e));
        return e.message;
      }
      assert.fail("a malformed file loads");
    };
    assert.match(message(true), /migration migrations\/versions\/zz_bad\.ts has no string `revision` export/);
    assert.equal(message(true), message(false));
  });

  it("reports a syntax error in a function's body when the function is needed, with the message requiring the file gives", async () => {
    const { dir, versions } = project();
    writeFileSync(
      join(versions, "aa01_m.ts"),
      'export const revision = "aa01";\nexport const downRevision = null;\n\nexport async function upgrade({ op }: any): Promise<void> {\n  await op.execute("x";\n}\n\nexport async function downgrade(): Promise<void> {\n  // nothing\n}\n',
    );
    const migrations = join(dir, "migrations");
    const expected = (() => {
      try {
        loadMigrations(migrations, dir);
      } catch (e) {
        return e as Error;
      }
      assert.fail("a file with a syntax error loads");
    })();
    assert.match(expected.message, /^cannot load migration migrations\/versions\/aa01_m\.ts: /);
    const [script] = loadMigrations(migrations, dir, { graphOnly: true });
    assert.equal(script.revision, "aa01");
    // swc's message ends with a backtrace of the call that met the error: the rest is the same.
    const firstLine = (message: string) => message.split("\n")[0];
    await assert.rejects(script.upgrade({} as never), (e: unknown) => e instanceof MigrationFileError && firstLine(e.message) === firstLine(expected.message));
  });
});

describe("staticExports", () => {
  const generated = (header: string) =>
    `/**\n * m\n */\nimport type { MigrationContext } from "athanor";\n\n${header}\n\n` +
    "export async function upgrade({ op }: MigrationContext): Promise<void> {\n  // write op.* calls here\n}\n\n" +
    "export async function downgrade({ op }: MigrationContext): Promise<void> {\n  // write op.* calls here\n}\n";

  it("reads literal graph exports in the generator's form", () => {
    assert.deepEqual(staticExports(generated('export const revision = "bb02";\nexport const downRevision = ["aa01", "cc03"];\nexport const transactional = false;')), {
      revision: "bb02",
      downRevision: ["aa01", "cc03"],
      transactional: false,
    });
    assert.deepEqual(staticExports(generated("export const revision = 'bb02'\nexport const downRevision = [\n  'aa01',\n  'cc03',\n]\nexport const branchLabels = null")), {
      revision: "bb02",
      downRevision: ["aa01", "cc03"],
      branchLabels: null,
    });
  });

  it("leaves every other form to the compiler", () => {
    const others: Record<string, string> = {
      "a number": generated('export const revision = 42;\nexport const downRevision = null;'),
      "a computed value": generated('export const revision = "bb" + "02";'),
      "a template literal": generated("export const revision = `bb02`;"),
      "a type annotation": generated('export const revision: string = "bb02";'),
      "an escape": generated('export const revision = "bb\\u0030";'),
      "as const": generated('export const downRevision = ["aa01"] as const;'),
      "a name declared twice": generated('export const revision = "bb02";\nexport const revision = "bb03";'),
      "another export": generated('export const revision = "bb02";\nexport const seed = 1;'),
      "a value import": generated('import { seed } from "../seed";\nexport const revision = "bb02";'),
      "a statement": generated('export const revision = "bb02";\nconsole.log("loaded");'),
      "CommonJS exports": generated('exports.revision = "bb02";'),
      "code after a comment": generated('/* id */ export const revision = "bb02";'),
      "a comment after the value": generated('export const revision = "bb02"; // id'),
      "a body line in column 0": generated('export const revision = "bb02";').replace("  // write op.* calls here", "  const s = `\nexport const revision = \"zz\";\n`;"),
      "a function missing": generated('export const revision = "bb02";').replace(/export async function downgrade[^]*$/, ""),
      "a function declared twice": generated('export const revision = "bb02";') + "\nexport async function upgrade() {\n}\n",
      "an unclosed list": 'export const downRevision = [\n  "aa01",\n',
      "an unclosed function": 'export const revision = "bb02";\nexport async function upgrade() {\n  // x\n',
    };
    for (const [what, source] of Object.entries(others)) assert.equal(staticExports(source), undefined, what);
  });
});
