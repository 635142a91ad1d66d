/**
 * A rejected command line stops before anything runs: exit 2, the reason (and the closest valid
 * option for a typo) on stderr, and the database and the migrations folder untouched. A reader
 * that closes stdout early ends the command quietly with the exit code it would have had.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { withTestDatabase } from "../support/databases";
import { queryUrl } from "../support/introspect";
import { createProject, REPO } from "../support/project";

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
@Entity("pets")
export class Pet {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "varchar", length: 40 }) label!: string;
}
`;

const REJECTED: readonly { readonly args: readonly string[]; readonly says: RegExp }[] = [
  { args: ["stamp"], says: /Not enough non-option arguments/ },
  { args: ["revision"], says: /Missing required argument: message/ },
  { args: ["revision", "-m", "x", "--autogenerate", "--rename", "pets.label=nickname"], says: /Unknown argument: rename[\s\S]*did you mean --rename-column or --rename-table/ },
  { args: ["downgrade"], says: /Not enough non-option arguments/ },
  { args: ["show"], says: /Not enough non-option arguments/ },
  { args: ["upgrade", "head", "--transaction", "bogus"], says: /Invalid values[\s\S]*transaction/ },
  { args: ["upgrade", "head", "--lock-timeout", "abc"], says: /--lock-timeout must be a number of seconds/ },
  { args: ["upgrade", "head", "--lock-timeout", "-5"], says: /--lock-timeout must be a number of seconds, 0 or more \(got -5\)/ },
  { args: ["history", "--verbos"], says: /did you mean --verbose/ },
];

describe("the command line is parsed strictly", () => {
  for (const { args, says } of REJECTED) {
    it(`\`athanor ${args.join(" ")}\` exits 2, says why and runs nothing`, async () => {
      await withTestDatabase("sqlite", async (db) => {
        const p = createProject(db, { "pet.ts": ENTITY });
        const r = await p.cli(...args);
        assert.equal(r.code, 2, r.stdout + r.stderr);
        assert.match(r.stderr, says);
        assert.match(r.stderr, /Nothing was run/);
        assert.doesNotMatch(r.stderr, /unexpected error|at .*\.js:\d+/, "no stack trace");
        assert.equal(existsSync(db.database), false, "the database file was neither created nor stamped");
        assert.deepEqual(p.migrationFiles(), [], "no migration written");
      });
    });
  }
});

/** An entity whose `check` listing is larger than a pipe's buffer, so the writer meets the closed end. */
function wideEntity(): string {
  const columns = Array.from({ length: 900 }, (_, i) => `  @Column({ type: "varchar", length: 40, nullable: true }) a_rather_long_column_name_to_fill_the_pipe_${i}!: string;`);
  return `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";\n@Entity("wide")\nexport class Wide {\n  @PrimaryGeneratedColumn() id!: number;\n${columns.join("\n")}\n}\n`;
}

describe("a closed stdout", () => {
  it("`athanor check | head -1` exits 1 (changes found) without an EPIPE error", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "wide.ts": wideEntity() });
      await queryUrl(db.url, "SELECT 1"); // the (empty) database file must exist for check
      const { code, stderr, firstLine } = await new Promise<{ code: number | null; stderr: string; firstLine: string }>((done) => {
        const child = spawn(process.execPath, [join(REPO, "bin", "athanor.js"), "check"], { cwd: p.dir, env: { ...process.env, ATHANOR_DATABASE_URL: "" } });
        let err = "";
        let first = "";
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        // Read one chunk, then close our end as `head -1` does.
        child.stdout.once("data", (d: Buffer) => {
          first = d.toString().split("\n")[0];
          child.stdout.destroy();
        });
        child.on("close", (c) => done({ code: c, stderr: err, firstLine: first }));
      });
      assert.match(firstLine, /operation\(s\) needed/);
      assert.equal(code, 1, stderr);
      assert.doesNotMatch(stderr, /EPIPE|unexpected error/);
    });
  });
});
