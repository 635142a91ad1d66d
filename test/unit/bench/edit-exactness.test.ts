/** The benchmark's exactness check: what counts as finding the known edits, for each tool. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { athanorExactness, tablesOfStatement, typeormExactness, upQueriesOf } from "../../../bench/edit-exactness";
import { knownEdits } from "../../../bench/synthetic-project";
import type { Op } from "../../../src/ops/types";
import { int, table } from "../fixtures";

const edits = knownEdits(20);

/** athanor's ops for the eleven edits, as a correct diff has them. */
function exactOps(): Op[] {
  return edits.flatMap((e): Op[] =>
    e.ops.map((kind): Op => {
      switch (kind) {
        case "createTable":
          return { kind: "createTable", table: table(e.table, { columns: [int("id")] }) };
        case "dropTable":
          return { kind: "dropTable", table: table(e.table, { columns: [int("id")] }) };
        case "addColumn":
          return { kind: "addColumn", table: e.table, column: int("x") };
        case "dropColumn":
          return { kind: "dropColumn", table: e.table, column: int("x") };
        case "alterColumn":
          return { kind: "alterColumn", table: e.table, from: int("x"), to: int("x", { nullable: true }) };
        case "createIndex":
          return { kind: "createIndex", table: e.table, index: { name: "ix", columns: ["x"], unique: false } };
        case "dropIndex":
          return { kind: "dropIndex", table: e.table, index: { name: "ix", columns: ["x"], unique: false } };
        default:
          throw new Error(`no op for ${kind}`);
      }
    }),
  );
}

describe("athanor's ops against the known edits", () => {
  it("are exact when each edited table has exactly the edit's op kinds", () => {
    const r = athanorExactness(exactOps(), edits);
    assert.deepEqual([r.exact, r.problems, r.spurious], [true, [], 0]);
  });

  it("are not exact when an edit is missing or an op touches another table", () => {
    const ops = exactOps().filter((op) => op.kind !== "dropIndex");
    ops.push({ kind: "addColumn", table: "item_0015", column: int("y") });
    const r = athanorExactness(ops, edits);
    assert.equal(r.exact, false);
    assert.equal(r.spurious, 1);
    assert.match(r.problems.join("\n"), /item_0008 \(index dropped\): expected dropIndex; got nothing/);
    assert.match(r.problems.join("\n"), /item_0015: unexpected addColumn/);
  });
});

describe("TypeORM's statements against the known edits", () => {
  const owners = new Map([["IDX_abc", "item_0019"], ["FK_def", "item_0019"], ["IDX_other", "item_0015"]]);

  it("reads the up method's statements, unescaping template literals", () => {
    const source = 'export class M {\n  public async up(queryRunner) {\n    await queryRunner.query(`ALTER TABLE "item_0001" ADD "note" character varying(200)`);\n    await queryRunner.query(`SELECT \\`x\\``);\n  }\n  public async down(queryRunner) {\n    await queryRunner.query(`DROP TABLE "item_added"`);\n  }\n}\n';
    assert.deepEqual(upQueriesOf(source), ['ALTER TABLE "item_0001" ADD "note" character varying(200)', "SELECT `x`"]);
  });

  it("attributes a statement to the tables it names, by name or through an index/constraint name, not to a referenced table", () => {
    assert.deepEqual([...tablesOfStatement('DROP INDEX "public"."IDX_abc"', owners)], ["item_0019"]);
    assert.deepEqual([...tablesOfStatement('ALTER TABLE "item_added" ADD CONSTRAINT "FK_x" FOREIGN KEY ("owner_id") REFERENCES "item_0000"("id")', owners)], ["item_added"]);
    assert.deepEqual([...tablesOfStatement('INSERT INTO "temporary_item_0003"("id") SELECT "id" FROM "item_0003"', owners)], ["item_0003"]);
  });

  it("counts statements outside the edited tables as spurious, and names missed edits", () => {
    const queries = edits.filter((e) => e.table !== "item_0019").map((e) => `ALTER TABLE "${e.table}" ADD "x" integer`);
    queries.push('DROP INDEX "public"."IDX_other"');
    const r = typeormExactness(queries, edits, owners);
    assert.equal(r.exact, false);
    assert.equal(r.spurious, 1);
    assert.match(r.problems.join("\n"), /missed: table dropped \(item_0019\)/);
  });

  it("notes a changed column dropped and added again (its data is lost)", () => {
    const queries = edits.map((e) => (e.table === "item_0006" ? `ALTER TABLE "item_0006" DROP COLUMN "title"` : `ALTER TABLE "${e.table}" ADD "x" integer`));
    const r = typeormExactness(queries, edits, owners);
    assert.equal(r.exact, true);
    assert.match(r.notes.join("\n"), /varchar widened \(item_0006\): DROP COLUMN \+ ADD COLUMN/);
  });
});
