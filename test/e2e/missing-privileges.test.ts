/**
 * A database user without the privileges a migration needs gets a typed error that names the
 * grant to run (exit 2, no stack trace, nothing applied), on PostgreSQL (15+: no CREATE on
 * `public` for ordinary users) and MariaDB/MySQL ("CREATE command denied").
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { unavailable, withTestDatabase, type TestDatabase } from "../support/databases";
import { introspectUrl, queryUrl } from "../support/introspect";
import { createProject } from "../support/project";

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
@Entity("pets")
export class Pet {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "varchar", length: 40 }) label!: string;
}
`;

/** `db.url` with another user (no password) in it. */
function asUser(db: TestDatabase, user: string): string {
  const u = new URL(db.url);
  u.username = user;
  u.password = "";
  return u.toString();
}

const CASES = [
  {
    dialect: "postgres",
    create: (user: string) => `CREATE ROLE ${user} LOGIN`,
    drop: (user: string) => `DROP ROLE IF EXISTS ${user}`,
    says: /permission denied for schema public[\s\S]*GRANT USAGE, CREATE ON SCHEMA public TO "athanor_np_\w+"/,
  },
  {
    dialect: "mysql",
    create: (user: string, db: string) => [`CREATE USER '${user}'@'%'`, `GRANT SELECT ON \`${db}\`.* TO '${user}'@'%'`],
    drop: (user: string) => `DROP USER IF EXISTS '${user}'@'%'`,
    says: /CREATE command denied[\s\S]*GRANT CREATE ON `athanor_t_\w+`\.\* TO 'athanor_np_\w+'@'%'/,
  },
] as const;

describe("missing privileges", () => {
  for (const c of CASES) {
    it(`on ${c.dialect}: upgrade names the grant needed, exits 2 and applies nothing`, async (t) => {
      const why = await unavailable(c.dialect);
      if (why) return t.skip(why);
      await withTestDatabase(c.dialect, async (db) => {
        const user = `athanor_np_${randomBytes(4).toString("hex")}`;
        const create = c.create(user, db.database);
        for (const sql of Array.isArray(create) ? create : [create]) await queryUrl(db.url, sql);
        try {
          const p = createProject(db, { "pet.ts": ENTITY });
          assert.equal((await p.cli("revision", "--autogenerate", "-m", "pets")).code, 0);
          const r = await p.cli("upgrade", "head", "--url", asUser(db, user));
          assert.equal(r.code, 2, r.stdout + r.stderr);
          assert.match(r.stderr, c.says);
          assert.doesNotMatch(r.stderr, /unexpected error|a bug in athanor/);
          assert.deepEqual((await introspectUrl(db.url, [])).tables, [], "nothing was created");
        } finally {
          await queryUrl(db.url, c.drop(user));
        }
      });
    });
  }
});
