/**
 * Entities get the decorator metadata tsc would give them, also when a property's type is declared
 * in another file: `@Column() kind: Kind` with `export type Kind = "ldap" | "email"` imported is
 * `String` for tsc (TypeORM makes it a varchar), where a per-file swc compile says `Object` (and
 * TypeORM rejects the entity). The comparison is table-driven: fixtures/design-types is compiled
 * by tsc and loaded through athanor's loader, and every probed property's design:type must agree.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { withTestDatabase } from "../support/databases";
import { assertTables } from "../support/fixture-tables";
import { createProject, REPO } from "../support/project";

const FIXTURE = join(REPO, "fixtures", "design-types");

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The fixture project in a scratch folder, with `strict` as asked. */
function fixtureCopy(strict: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "athanor-design-types-"));
  cpSync(FIXTURE, dir, { recursive: true });
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
  const tsconfig = join(dir, "tsconfig.json");
  writeFileSync(tsconfig, readFileSync(tsconfig, "utf8").replace('"strict": true', `"strict": ${strict}`));
  return dir;
}

async function designTypes(mode: "tsc" | "athanor", dir: string): Promise<Record<string, string>> {
  const r = await run([join(dir, "probe-runner.cjs"), mode, dir, REPO], dir);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, string>;
}

/** What tsc gives for the cases this work was for, stated outright (the rest is checked against tsc itself). */
const EXPECTED_STRICT: Readonly<Record<string, string>> = {
  "Sample.kind": "function String",
  "Sample.level": "function Number",
  "Sample.flag": "function Boolean",
  "Sample.status": "function String",
  "Sample.color": "function Number",
  "Sample.mixed": "function Object",
  "Sample.direction": "function String",
  "Sample.kindOrNull": "function Object",
  "Sample.optionalKindProp": "function String",
  "Sample.indexKind": "function String",
  "Sample.aliasedKind": "function String",
  "Sample.namespaceKind": "function String",
  "Sample.role": "function String",
  "Sample.databaseType": "function String",
  "Sample.moneyTypeOnly": "function Function",
  "Sample.money": "function Money",
  "Sample.branded": "function String",
  "Sample.lists": "function Object",
  "Sample.ambientStatus": "function String",
  "Sample.label": "function String",
  // A circular import: User is not defined yet while Post is decorated.
  "Post.author": "undefined",
};

describe("design types equal tsc's", () => {
  for (const strict of [true, false]) {
    it(`${strict ? "strict" : "without strictNullChecks"}: each probed property's design:type, and the constructor's paramtypes, equal what tsc emits`, async (t) => {
      const dir = fixtureCopy(strict);
      try {
        const tsc = await run([join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", dir], dir);
        assert.equal(tsc.code, 0, `the fixture compiles with tsc: ${tsc.stdout}`);
        const [theirs, ours] = await Promise.all([designTypes("tsc", dir), designTypes("athanor", dir)]);
        assert.ok(Object.keys(theirs).length >= 110, "the fixture probes every kind of property type");
        assert.deepEqual(Object.keys(ours).sort(), Object.keys(theirs).sort());
        for (const key of Object.keys(theirs)) {
          await t.test(key, () => assert.equal(ours[key], theirs[key]));
        }
        if (strict) for (const [key, want] of Object.entries(EXPECTED_STRICT)) assert.equal(theirs[key], want, key);
        else assert.equal(theirs["Sample.kindOrNull"], "function String", "without strictNullChecks tsc leaves null out of a union");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

const account = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Kind } from "../kinds";

@Entity("accounts")
export class Account {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  kind!: Kind;
}
`;

describe("entities whose column types are declared in other files", () => {
  it("an imported string-literal union column loads as varchar; editing only the alias's file recompiles the entity, and the column becomes integer", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "account.ts": account }, { files: { "kinds.ts": `export type Kind = "ldap" | "email";\n` } });
      let r = await p.cli("revision", "--autogenerate", "-m", "init");
      assert.equal(r.code, 0, r.stderr);
      assert.match(p.read(p.migrationFiles()[0]), /name: "kind",\s*type: "varchar"/);
      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, r.stderr);
      await assertTables(db.url, ["accounts"], "the initial migration");
      assert.deepEqual(await p.typeorm("log"), [], "TypeORM has nothing left to do");

      // The entity file is unchanged: only a cache entry that depends on kinds.ts sees this.
      writeFileSync(join(p.dir, "src", "kinds.ts"), `export type Kind = 1 | 2;\n`);
      r = await p.cli("revision", "--autogenerate", "-m", "kind numbers");
      assert.equal(r.code, 0, r.stderr);
      const second = p.read(p.migrationFiles().find((f) => f.endsWith("kind_numbers.ts")) ?? "missing");
      assert.match(second, /op\.alterColumn\("accounts", "kind"/);
      assert.match(second, /to: \{[^}]*type: "integer"/);
    });
  });

  it("a design type athanor cannot work out keeps swc's and is named in one warning", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const kinds = `type IsText<T> = T extends string ? "text" : "other";\nexport type Kind = IsText<number>;\n`;
      const entity = account.replace("@Column()\n  kind", '@Column({ type: "varchar" })\n  kind');
      const p = createProject(db, { "account.ts": entity, "audit.ts": entity.replace(/Account/g, "Audit").replace('"accounts"', '"audits"') }, { files: { "kinds.ts": kinds } });
      const r = await p.cli("revision", "--autogenerate", "-m", "init");
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr.match(/warning: athanor could not work out the design:type/g)?.length, 1, r.stderr);
      assert.match(r.stderr, /Account\.kind \(.*account\.ts:10\)/);
      assert.match(r.stderr, /Audit\.kind \(.*audit\.ts:10\)/);
    });
  });
});
