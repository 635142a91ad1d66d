/**
 * A SQLite path that does not exist: read-only commands say so and create nothing; autogenerate
 * diffs against an empty database without creating the file; only upgrade and stamp create it.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { withTestDatabase } from "../support/databases";
import { createProject } from "../support/project";

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
@Entity("pets")
export class Pet {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "varchar", length: 40 }) label!: string;
}
`;

describe("a SQLite database file that does not exist", () => {
  for (const args of [["check"], ["current"], ["history", "--indicate-current"], ["downgrade", "base"]]) {
    it(`\`athanor ${args.join(" ")}\` says the file does not exist, exits 2 and creates nothing`, async () => {
      await withTestDatabase("sqlite", async (db) => {
        const p = createProject(db, { "pet.ts": ENTITY });
        assert.equal((await p.cli("revision", "--autogenerate", "-m", "pets")).code, 0);
        const r = await p.cli(...args);
        assert.equal(r.code, 2, r.stdout + r.stderr);
        assert.match(r.stderr, /SQLite database file .* does not exist \(nothing was created\)/);
        assert.equal(existsSync(db.database), false);
      });
    });
  }

  it("autogenerate diffs against an empty database and leaves no file; upgrade then creates it", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "pet.ts": ENTITY });
      const r = await p.cli("revision", "--autogenerate", "-m", "pets");
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /\(1 operation\(s\)\)/);
      assert.equal(existsSync(db.database), false, "autogenerate created no file");
      assert.equal((await p.cli("upgrade", "head")).code, 0);
      assert.equal(existsSync(db.database), true);
      assert.equal((await p.cli("check")).code, 0);
    });
  });

  it("stamp creates the file (it writes the version table)", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "pet.ts": ENTITY });
      assert.equal((await p.cli("revision", "-m", "empty", "--rev-id", "e1")).code, 0);
      assert.equal((await p.cli("stamp", "e1")).code, 0);
      assert.equal(existsSync(db.database), true);
      assert.equal((await p.cli("current")).stdout, "e1 (head)\n");
    });
  });
});
