/**
 * SQLite zero-noise, proven by TypeORM itself on the kitchen-sink fixture (CHECKs, generated
 * columns, every default form, a collation, a partial index, an entity comment, type affinity,
 * AUTOINCREMENT and plain rowid keys):
 *  (a) after TypeORM's synchronize, `athanor check` finds nothing;
 *  (b) from an empty database, athanor's initial migration leaves TypeORM's log() empty;
 *  (c) a second autogenerate finds nothing.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withTestDatabase } from "../support/databases";
import { introspectUrl, queryUrl, withoutRaw } from "../support/introspect";
import { createProject, fixtureEntities, opCalls } from "../support/project";
import { assertTables, FIXTURE_TABLES } from "../support/fixture-tables";

const FIXTURE = () => fixtureEntities("kitchen-sink/sqlite");

describe("kitchen sink on SQLite", () => {
  it("(a) a schema TypeORM synchronized is clean to `athanor check`", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, FIXTURE());
      await p.typeorm("sync");
      await assertTables(db.url, FIXTURE_TABLES["kitchen-sink/sqlite"], "TypeORM's synchronize");
      assert.deepEqual(await p.typeorm("log"), [], "TypeORM itself is clean after its own synchronize");
      const r = await p.cli("check");
      assert.equal(r.code, 0, `check found changes after synchronize:\n${r.stdout}${r.stderr}`);
    });
  });

  it("(b) athanor's initial migration leaves TypeORM's log() empty and (c) a second autogenerate is empty", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, FIXTURE());
      let r = await p.cli("revision", "--autogenerate", "-m", "initial");
      assert.equal(r.code, 0, r.stderr);
      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, r.stderr);
      await assertTables(db.url, FIXTURE_TABLES["kitchen-sink/sqlite"], "the initial migration");
      assert.deepEqual(await p.typeorm("log"), []);
      r = await p.cli("revision", "--autogenerate", "-m", "again");
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /No changes in schema detected/);
      assert.equal(p.migrationFiles().length, 1);
      r = await p.cli("downgrade", "base");
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual((await introspectUrl(db.url)).tables.map((t) => t.name), []);
    });
  });
});

interface AccountShape {
  readonly checks?: readonly string[];
  readonly activeDefault?: string;
  readonly currencyDefault?: string;
  /** Extra column declarations (generated columns). */
  readonly extra?: string;
}

const account = (s: AccountShape) => `import { Check, Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("accounts")
${(s.checks ?? []).map((c) => `@Check(${JSON.stringify(c)})`).join("\n")}
export class Account {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column("integer")
  balance!: number;

  @Column({ length: 40 })
  owner!: string;

  @Column({ default: ${s.activeDefault ?? "true"} })
  active!: boolean;

  @Column({ type: "varchar", length: 3, default: ${s.currencyDefault ?? `"EUR"`} })
  currency!: string;
${s.extra ?? ""}
}
`;

const ROWS = `INSERT INTO accounts (balance, owner, active, currency) VALUES (10, 'ann', 1, 'EUR'), (20, 'bob', 0, 'USD'), (30, 'cy', 1, 'GBP')`;
const SELECT_ROWS = `SELECT id, balance, owner, active, currency FROM accounts ORDER BY id`;

/**
 * The change-case protocol: from `start`, autogenerate the change to `next` (its upgrade must be
 * `want`), upgrade, prove TypeORM and athanor both find nothing left to do and the rows are kept,
 * then downgrade and prove the catalog is the start's again, rows kept, TypeORM clean on `start`.
 */
async function changeCase(start: AccountShape, next: AccountShape, want: readonly string[], after?: (url: string) => Promise<void>): Promise<void> {
  await withTestDatabase("sqlite", async (db) => {
    const p = createProject(db, { "account.ts": account(start) });
    let r = await p.cli("revision", "--autogenerate", "-m", "start");
    assert.equal(r.code, 0, r.stderr);
    r = await p.cli("upgrade", "head");
    assert.equal(r.code, 0, r.stderr);
    await queryUrl(db.url, ROWS);
    const catalog = withoutRaw(await introspectUrl(db.url));
    const rows = await queryUrl(db.url, SELECT_ROWS);

    p.writeEntity("account.ts", account(next));
    r = await p.cli("revision", "--autogenerate", "-m", "change");
    assert.equal(r.code, 0, r.stderr);
    const source = p.read(p.migrationFiles().find((f) => f.includes("change"))!);
    assert.deepEqual(opCalls(source, "upgrade"), want, source);
    r = await p.cli("upgrade", "head");
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await p.typeorm("log"), [], "TypeORM finds nothing to do after athanor's upgrade");
    r = await p.cli("check");
    assert.equal(r.code, 0, `re-diff after upgrade:\n${r.stdout}${r.stderr}`);
    assert.deepEqual(await queryUrl(db.url, SELECT_ROWS), rows, "rows kept by the upgrade");
    await after?.(db.url);

    r = await p.cli("downgrade", "-1");
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(withoutRaw(await introspectUrl(db.url)), catalog, "downgrade restores the start's catalog");
    assert.deepEqual(await queryUrl(db.url, SELECT_ROWS), rows, "rows kept by the downgrade");
    p.writeEntity("account.ts", account(start));
    assert.deepEqual(await p.typeorm("log"), [], "TypeORM finds the start's schema again");
  });
}

const rejects = async (url: string, sql: string, why: RegExp) => assert.rejects(queryUrl(url, sql), why);

describe("SQLite change cases: generate, upgrade, re-diff empty, downgrade to the start", () => {
  it("adding a CHECK rebuilds the table with it, enforced, and TypeORM sees its own name", async () => {
    await changeCase({}, { checks: [`"balance" >= 0`] }, ["addCheck"], async (url) => {
      await rejects(url, `INSERT INTO accounts (balance, owner) VALUES (-1, 'neg')`, /CHECK constraint failed/);
    });
  });

  it("dropping a CHECK rebuilds the table without it", async () => {
    await changeCase({ checks: [`"balance" >= 0`, `length("owner") > 1`] }, { checks: [`length("owner") > 1`] }, ["dropCheck"], async (url) => {
      await queryUrl(url, `INSERT INTO accounts (balance, owner) VALUES (-1, 'neg')`);
      await queryUrl(url, `DELETE FROM accounts WHERE owner = 'neg'`);
    });
  });

  it("altering a CHECK's expression drops the old one and adds the new one", async () => {
    await changeCase({ checks: [`"balance" >= 0`] }, { checks: [`"balance" >= 5`] }, ["dropCheck", "addCheck"], async (url) => {
      await rejects(url, `INSERT INTO accounts (balance, owner) VALUES (1, 'low')`, /CHECK constraint failed/);
    });
  });

  it("adding a VIRTUAL generated column is an ADD COLUMN, and TypeORM's metadata row comes with it", async () => {
    const extra = `
  @Column({ type: "varchar", asExpression: \`"owner" || '@' || "currency"\`, generatedType: "VIRTUAL" })
  label!: string;`;
    await changeCase({}, { extra }, ["addColumn"], async (url) => {
      assert.deepEqual(await queryUrl(url, `SELECT label FROM accounts ORDER BY id`), [{ label: "ann@EUR" }, { label: "bob@USD" }, { label: "cy@GBP" }]);
      assert.deepEqual(await queryUrl(url, `SELECT "table", name, value FROM typeorm_metadata WHERE type = 'GENERATED_COLUMN'`), [
        { table: "accounts", name: "label", value: `"owner" || '@' || "currency"` },
      ]);
    });
  });

  it("adding a STORED generated column rebuilds the table and computes it for every row", async () => {
    const extra = `
  @Column({ type: "integer", asExpression: \`"balance" * 100\`, generatedType: "STORED" })
  cents!: number;`;
    await changeCase({}, { extra }, ["addColumn"], async (url) => {
      assert.deepEqual(await queryUrl(url, `SELECT cents FROM accounts ORDER BY id`), [{ cents: 1000 }, { cents: 2000 }, { cents: 3000 }]);
    });
  });

  it("dropping and changing generated columns keeps TypeORM's metadata in step", async () => {
    const both = `
  @Column({ type: "integer", asExpression: \`"balance" * 100\`, generatedType: "STORED" })
  cents!: number;

  @Column({ type: "varchar", asExpression: \`upper("owner")\`, generatedType: "VIRTUAL" })
  shout!: string;`;
    const changed = `
  @Column({ type: "integer", asExpression: \`"balance" * 1000\`, generatedType: "STORED" })
  cents!: number;`;
    await changeCase({ extra: both }, { extra: changed }, ["alterColumn", "dropColumn"], async (url) => {
      assert.deepEqual(await queryUrl(url, `SELECT cents FROM accounts ORDER BY id`), [{ cents: 10000 }, { cents: 20000 }, { cents: 30000 }]);
      assert.deepEqual(await queryUrl(url, `SELECT "table", name, value FROM typeorm_metadata`), [{ table: "accounts", name: "cents", value: `"balance" * 1000` }]);
    });
  });

  it("changing defaults (boolean, string) rebuilds with the new defaults", async () => {
    await changeCase({}, { activeDefault: "false", currencyDefault: `"USD"` }, ["alterColumn", "alterColumn"], async (url) => {
      await queryUrl(url, `INSERT INTO accounts (balance, owner) VALUES (1, 'dee')`);
      assert.deepEqual(await queryUrl(url, `SELECT active, currency FROM accounts WHERE owner = 'dee'`), [{ active: 0, currency: "USD" }]);
      await queryUrl(url, `DELETE FROM accounts WHERE owner = 'dee'`);
    });
  });
});

describe("SQLite keeps what athanor does not model", () => {
  it("a hand-made CHECK(json_valid(\"info\")) survives an unrelated autogenerated alterColumn, up and down", async () => {
    await withTestDatabase("sqlite", async (db) => {
      await queryUrl(db.url, `CREATE TABLE "notes" ("id" INTEGER PRIMARY KEY, "title" varchar(20) NOT NULL, "info" text, CHECK(json_valid("info")))`);
      await queryUrl(db.url, `INSERT INTO notes (id, title, info) VALUES (1, 'a', '{"k":1}')`);
      const note = (length: number) => `import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("notes")
export class Note {
  @PrimaryColumn("integer")
  id!: number;

  @Column({ length: ${length} })
  title!: string;

  @Column("text", { nullable: true })
  info!: string | null;
}
`;
      const p = createProject(db, { "note.ts": note(20) });
      let r = await p.cli("check");
      assert.equal(r.code, 0, `a hand-made INTEGER PRIMARY KEY and an unnamed CHECK are no difference:\n${r.stdout}${r.stderr}`);
      p.writeEntity("note.ts", note(200));
      r = await p.cli("revision", "--autogenerate", "-m", "longer");
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(opCalls(p.read(p.migrationFiles()[0]!), "upgrade"), ["alterColumn"]);
      for (const direction of ["upgrade", "downgrade"] as const) {
        r = await p.cli(direction, direction === "upgrade" ? "head" : "-1");
        assert.equal(r.code, 0, r.stderr);
        const [{ sql }] = await queryUrl<{ sql: string }>(db.url, `SELECT sql FROM sqlite_master WHERE name = 'notes'`);
        assert.match(sql, /CHECK\(json_valid\("info"\)\)/, `after ${direction}: ${sql}`);
        await assert.rejects(queryUrl(db.url, `INSERT INTO notes (id, title, info) VALUES (2, 'b', 'not json')`), /CHECK constraint failed/);
        assert.deepEqual(await queryUrl(db.url, `SELECT id, title, info FROM notes`), [{ id: 1, title: "a", info: '{"k":1}' }]);
      }
    });
  });
});
