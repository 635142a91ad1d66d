/**
 * The revision graph through the CLI on real databases: two labelled branches from one revision,
 * upgraded branch by branch and with `heads`, merged with `merge heads`, upgraded with `head`
 * after the merge; identifiers relative to the database (+N, -N, LABEL@±N); graph errors as
 * exit-2 messages naming the files.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl } from "../support/introspect";
import { createProject, type CliResult, type TestProject } from "../support/project";

/** Tables athanor manages, sorted. */
async function tables(url: string): Promise<string[]> {
  return (await introspectUrl(url)).tables.map((t) => t.name).sort();
}

async function ok(p: TestProject, ...args: string[]): Promise<CliResult> {
  const r = await p.cli(...args);
  assert.equal(r.code, 0, `athanor ${args.join(" ")} failed:\n${r.stderr}`);
  return r;
}

async function fails(p: TestProject, args: string[], parts: (string | RegExp)[]): Promise<CliResult> {
  const r = await p.cli(...args);
  assert.equal(r.code, 2, `athanor ${args.join(" ")} should exit 2; stdout: ${r.stdout} stderr: ${r.stderr}`);
  for (const part of parts) {
    if (typeof part === "string") assert.ok(r.stderr.includes(part), `stderr of athanor ${args.join(" ")} mentions ${part}:\n${r.stderr}`);
    else assert.match(r.stderr, part);
  }
  return r;
}

const currentOf = async (p: TestProject) => JSON.parse((await ok(p, "current", "--json")).stdout).current as string[];
const headsOf = async (p: TestProject) => JSON.parse((await ok(p, "heads", "--json")).stdout).heads as string[];

/** Fills a generated (empty) revision with a table it creates and drops. */
function fillWithTable(p: TestProject, revision: string, table: string): void {
  const file = p.migrationFiles().find((f) => f.includes(`${revision}_`))!;
  const text = p
    .read(file)
    .replace("// write op.* calls here", `await op.execute("CREATE TABLE ${table} (id integer PRIMARY KEY)");`)
    .replace("// write the op.* calls that undo upgrade() here", `await op.execute("DROP TABLE ${table}");`);
  writeFileSync(file, text);
}

/**
 * devices (aa0001) ─┬─ networks (bb0002, label networking) ── vlans (bb0004)
 *                   └─ carts (cc0003, label shoppingcart)
 */
async function branchedProject(p: TestProject): Promise<void> {
  await ok(p, "revision", "-m", "create devices", "--rev-id", "aa0001");
  fillWithTable(p, "aa0001", "devices");
  await ok(p, "revision", "-m", "networks", "--rev-id", "bb0002", "--head", "aa0001", "--branch-label", "networking");
  fillWithTable(p, "bb0002", "networks");
  // aa0001 is no longer a head: branching from it needs --splice.
  await fails(p, ["revision", "-m", "carts", "--rev-id", "cc0003", "--head", "aa0001", "--branch-label", "shoppingcart"], ["aa0001", "not a head", "--splice"]);
  await ok(p, "revision", "-m", "carts", "--rev-id", "cc0003", "--head", "aa0001", "--splice", "--branch-label", "shoppingcart");
  fillWithTable(p, "cc0003", "carts");
  await ok(p, "revision", "-m", "vlans", "--rev-id", "bb0004", "--head", "networking@head");
  fillWithTable(p, "bb0004", "vlans");
}

for (const dialect of DIALECTS) {
  describe(`revision graph on ${dialect}`, () => {
    it("two labelled branches are upgraded with LABEL@head and heads, merged with `merge heads`, then upgraded with head", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db);
        await branchedProject(p);
        assert.match(p.read(p.migrationFiles().find((f) => f.includes("cc0003_"))!), /export const branchLabels = "shoppingcart";/);
        assert.deepEqual(await headsOf(p), ["bb0004", "cc0003"]);
        const branches = await ok(p, "branches");
        assert.match(branches.stdout, /aa0001 \(branchpoint\)[^\n]*\n\s+-> bb0002 \(networking\)[^\n]*\n\s+-> cc0003 \(shoppingcart\) \(head\)/);

        // Several heads: `head`, a plain revision and autogenerate all refuse, naming the files.
        await fails(p, ["upgrade", "head"], ["2 heads", "bb0004_vlans.ts", "cc0003_carts.ts", "merge heads"]);
        await fails(p, ["revision", "-m", "more"], ["bb0004", "cc0003", "--head", "merge"]);
        await fails(p, ["revision", "--autogenerate", "-m", "more"], ["2 heads", "--head", "merge"]);

        await ok(p, "upgrade", "networking@head");
        assert.deepEqual(await currentOf(p), ["bb0004"]);
        assert.deepEqual(await tables(db.url), ["devices", "networks", "vlans"]);
        await ok(p, "upgrade", "heads");
        assert.deepEqual(await currentOf(p), ["bb0004", "cc0003"]);
        assert.deepEqual(await tables(db.url), ["carts", "devices", "networks", "vlans"]);

        const merge = await ok(p, "merge", "heads", "-m", "merge branches", "--rev-id", "dd0005");
        assert.match(merge.stdout, /merges bb0004, cc0003/);
        assert.match(p.read(p.migrationFiles().find((f) => f.includes("dd0005_"))!), /export const downRevision = \["bb0004", "cc0003"\];/);
        assert.deepEqual(await headsOf(p), ["dd0005"]);
        await ok(p, "upgrade", "head");
        assert.deepEqual(await currentOf(p), ["dd0005"]);

        const shown = JSON.parse((await ok(p, "show", "dd0005", "--json")).stdout).revisions[0];
        assert.deepEqual(shown.downRevisions, ["bb0004", "cc0003"]);
        assert.deepEqual(shown.branches, ["networking", "shoppingcart"]);
        const history = JSON.parse((await ok(p, "history", "--indicate-current", "--json")).stdout).revisions as { revision: string; isCurrent: boolean; appliedAt?: string }[];
        assert.deepEqual(history.map((r) => r.revision), ["dd0005", "cc0003", "bb0004", "bb0002", "aa0001"]);
        assert.deepEqual(history.filter((r) => r.isCurrent).map((r) => r.revision), ["dd0005"]);
        assert.ok(history.every((r) => typeof r.appliedAt === "string"), "each applied revision says when it was applied");
        const range = JSON.parse((await ok(p, "history", "-r", "bb0002:head", "--json")).stdout).revisions.map((r: { revision: string }) => r.revision);
        assert.deepEqual(range, ["dd0005", "bb0004", "bb0002"]);
        const verbose = await ok(p, "history", "--verbose", "-r", "cc0003:cc0003");
        assert.match(verbose.stdout, /Rev: cc0003 \(shoppingcart\)\nParent: aa0001\nChild: dd0005\nBranch names: shoppingcart\nPath: migrations\/versions\/cc0003_carts\.ts/);

        // Downgrading one branch to its base reverts the merge and that branch only.
        await ok(p, "downgrade", "networking@base");
        assert.deepEqual(await currentOf(p), ["cc0003"]);
        assert.deepEqual(await tables(db.url), ["carts", "devices"]);
        await ok(p, "upgrade", "head");
        assert.deepEqual(await tables(db.url), ["carts", "devices", "networks", "vlans"]);
        await ok(p, "downgrade", "base");
        assert.deepEqual(await tables(db.url), []);
        assert.deepEqual(await currentOf(p), []);
      });
    });

    it("--head base starts a second root; --depends-on makes upgrade apply the other branch first, and both stay heads", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db);
        await ok(p, "revision", "-m", "accounts", "--rev-id", "ac0001", "--head", "base", "--branch-label", "accounts");
        fillWithTable(p, "ac0001", "accounts");
        await ok(p, "revision", "-m", "billing", "--rev-id", "bi0001", "--head", "base", "--branch-label", "billing", "--depends-on", "accounts");
        fillWithTable(p, "bi0001", "invoices");
        const billing = p.read(p.migrationFiles().find((f) => f.includes("bi0001_"))!);
        assert.match(billing, /export const downRevision = null;\nexport const branchLabels = "billing";\nexport const dependsOn = "ac0001";/);
        assert.deepEqual(await headsOf(p), ["ac0001", "bi0001"]);
        const up = await ok(p, "upgrade", "billing@head");
        assert.ok(up.stderr.indexOf("ac0001") < up.stderr.indexOf("bi0001"), `the dependency runs first:\n${up.stderr}`);
        assert.deepEqual(await currentOf(p), ["ac0001", "bi0001"]);
        assert.deepEqual(await tables(db.url), ["accounts", "invoices"]);
        await ok(p, "downgrade", "accounts@base");
        assert.deepEqual(await currentOf(p), [], "reverting the dependency reverts its dependent first");
        assert.deepEqual(await tables(db.url), []);
      });
    });

    it("+N, -N and LABEL@±N move from the database's current revision; at a branch point a bare step is an error", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db);
        await branchedProject(p);
        await ok(p, "upgrade", "+1");
        assert.deepEqual(await currentOf(p), ["aa0001"]);
        await fails(p, ["upgrade", "+1"], ["branches after aa0001", "bb0002", "cc0003", "ambiguous"]);
        await ok(p, "upgrade", "networking@+2");
        assert.deepEqual(await currentOf(p), ["bb0004"]);
        await ok(p, "downgrade", "-1");
        assert.deepEqual(await currentOf(p), ["bb0002"]);
        await ok(p, "upgrade", "shoppingcart@+1");
        assert.deepEqual(await currentOf(p), ["bb0002", "cc0003"]);
        await fails(p, ["downgrade", "-1"], ["several heads", "bb0002", "cc0003"]);
        await ok(p, "downgrade", "shoppingcart@-1");
        assert.deepEqual(await currentOf(p), ["bb0002"]);
        assert.deepEqual(await tables(db.url), ["devices", "networks"]);
        // A range relative to the database.
        const range = JSON.parse((await ok(p, "history", "-r-1:current", "--json")).stdout).revisions.map((r: { revision: string }) => r.revision);
        assert.deepEqual(range, ["bb0002", "aa0001"]);
        await ok(p, "downgrade", "-2");
        assert.deepEqual(await currentOf(p), []);
        await fails(p, ["downgrade", "-1"], ["cannot go down 1", "only 0"]);
      });
    });
  });
}

/** A migration file written by hand. */
function migration(revision: string, downRevision: string | string[] | null, extra = ""): string {
  return (
    `export const revision = ${JSON.stringify(revision)};\n` +
    `export const downRevision = ${JSON.stringify(downRevision)};\n${extra}\n` +
    "export async function upgrade() {}\nexport async function downgrade() {}\n"
  );
}

describe("graph errors through the CLI", () => {
  const cases: { name: string; files: Record<string, string>; args: string[]; parts: string[] }[] = [
    {
      name: "a cycle names every file in it",
      files: { "a1_one.ts": migration("a1", "c3"), "b2_two.ts": migration("b2", "a1"), "c3_three.ts": migration("c3", "b2") },
      args: ["heads"],
      parts: ["revision cycle", "a1_one.ts", "b2_two.ts", "c3_three.ts"],
    },
    {
      name: "a duplicate id names both files",
      files: { "a1_one.ts": migration("a1", null), "a1_copy.ts": migration("a1", null) },
      args: ["history"],
      parts: ["a1 is used twice", "a1_one.ts", "a1_copy.ts"],
    },
    {
      name: "an unknown downRevision names the file and the id",
      files: { "a1_one.ts": migration("a1", null), "b2_two.ts": migration("b2", "zz99") },
      args: ["heads"],
      parts: ["b2", "b2_two.ts", "zz99"],
    },
    {
      name: "an unknown dependsOn names the file and the id",
      files: { "a1_one.ts": migration("a1", null), "b2_two.ts": migration("b2", "a1", 'export const dependsOn = "yy88";') },
      args: ["heads"],
      parts: ["b2_two.ts", "depends on yy88"],
    },
    {
      name: "an ambiguous partial id names the matching revisions and files",
      files: { "ab01_one.ts": migration("ab01", null), "ab02_two.ts": migration("ab02", "ab01") },
      args: ["show", "ab"],
      parts: ["ambiguous", "ab01", "ab02", "ab01_one.ts", "ab02_two.ts"],
    },
    {
      name: "a duplicate branch label names both files",
      files: { "a1_one.ts": migration("a1", null, 'export const branchLabels = "x";'), "b2_two.ts": migration("b2", null, 'export const branchLabels = ["x"];') },
      args: ["heads"],
      parts: ['branch label "x"', "a1_one.ts", "b2_two.ts"],
    },
    {
      name: "several heads where one is needed name each head's file",
      files: { "a1_one.ts": migration("a1", null), "b2_two.ts": migration("b2", "a1"), "c3_three.ts": migration("c3", "a1") },
      args: ["upgrade", "head"],
      parts: ["2 heads", "b2_two.ts", "c3_three.ts"],
    },
  ];
  for (const c of cases) {
    it(`${c.name} (exit 2)`, async () => {
      await withTestDatabase("sqlite", async (db) => {
        const p = createProject(db);
        const dir = join(p.dir, "migrations", "versions");
        mkdirSync(dir, { recursive: true });
        for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
        await fails(p, c.args, c.parts);
      });
    });
  }
});
