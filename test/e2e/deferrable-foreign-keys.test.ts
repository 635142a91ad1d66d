/**
 * A relation with `deferrable` on every dialect, judged by TypeORM: after its synchronize athanor
 * finds nothing to do, and after athanor's upgrade TypeORM finds nothing to do. PostgreSQL keeps
 * the option; MySQL/MariaDB have no deferrable keys and SQLite's is never read back by TypeORM or
 * athanor, so there it is left out of the diff.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl } from "../support/introspect";
import { createProject } from "../support/project";

const ENTITIES = {
  "owner.ts": `import { Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("df_owner")
export class Owner {
  @PrimaryGeneratedColumn()
  id!: number;
}
`,
  "pet.ts": `import { Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Owner } from "./owner";

@Entity("df_pet")
export class Pet {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => Owner, { deferrable: "INITIALLY DEFERRED", onDelete: "CASCADE" })
  owner!: Owner;
}
`,
};

for (const dialect of DIALECTS) {
  describe(`deferrable foreign keys on ${dialect}`, () => {
    it("a synchronized deferrable relation autogenerates nothing", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, ENTITIES);
        await p.typeorm("sync");
        const r = await p.cli("check");
        assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
      });
    });

    it("athanor's migration of a deferrable relation leaves TypeORM nothing to do", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, ENTITIES);
        assert.equal((await p.cli("revision", "--autogenerate", "-m", "initial")).code, 0);
        const r = await p.cli("upgrade", "head");
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(await p.typeorm("log"), []);
        assert.equal((await p.cli("check")).code, 0);
        const fk = (await introspectUrl(db.url)).tables.find((x) => x.name === "df_pet")!.foreignKeys[0]!;
        assert.equal(fk.deferrable, dialect === "postgres" ? "INITIALLY DEFERRED" : undefined);
      });
    });
  });
}
