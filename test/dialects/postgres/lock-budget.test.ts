/**
 * The lock estimate (src/dialects/postgres/lock-budget.ts) against the real server: each table
 * shape is created (or dropped) inside an open transaction, and the objects the transaction then
 * holds locks on, as pg_locks lists them, are counted. The estimate is never below the real count
 * (a part sized by it cannot overflow where the estimate says it fits) and at most 1 above
 * (it does not split far more than needed). The settings are read from the server in one query.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Connection } from "../../../src/dialects/dialect";
import { postgresDialect } from "../../../src/dialects/postgres";
import { locksOf } from "../../../src/dialects/postgres/lock-budget";
import type { Op } from "../../../src/ops/types";
import type { Column, Table } from "../../../src/schema/types";
import { live } from "./helpers";

const col = (name: string, type: string, extra: Partial<Column> = {}): Column => ({ name, type, nullable: true, ...extra });
const serialId = col("id", "integer", { nullable: false, autoIncrement: "increment" });
const intId = col("id", "integer", { nullable: false });
const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
  name,
  columns,
  primaryKey: { name: `pk_${name}`, columns: ["id"] },
  indexes: [],
  uniques: [],
  foreignKeys: [],
  ...extra,
});
const index = (name: string, columns: string[], unique = false) => ({ name, columns, unique });

const parent = table("parent", [serialId]);
const entity = table("entity", [serialId, col("name", "text")], { indexes: [index("ix_entity_name", ["name"])] });

const checked = table("checked", [intId, col("parent_id", "integer"), col("qty", "integer", { default: "1" }), col("code", "varchar", { length: 10 })], {
  uniques: [{ name: "uq_checked_code", columns: ["code"] }],
  checks: [{ name: "chk_checked_qty", expression: "qty > 0" }],
  foreignKeys: [{ name: "fk_checked_parent", columns: ["parent_id"], referencedTable: "parent", referencedColumns: ["id"], onDelete: "NO ACTION", onUpdate: "NO ACTION" }],
});

/** Shapes; `before` ops run (and commit) first, the counted ones in a transaction of their own. */
const SHAPES: { what: string; before?: Op[]; ops: Op[] }[] = [
  { what: "serial pk, text, index (the e2e test's entity)", ops: [{ kind: "createTable", table: entity }] },
  {
    what: "identity pk, varchar(50), index",
    ops: [{ kind: "createTable", table: table("t", [col("id", "integer", { nullable: false, autoIncrement: "identity" }), col("name", "varchar", { length: 50 })], { indexes: [index("ix_t", ["name"])] }) }],
  },
  {
    what: "uuid pk, varchar(255), varchar(255), varchar(300): TOAST by size",
    ops: [{ kind: "createTable", table: table("t", [col("id", "uuid", { nullable: false }), col("a", "varchar", { length: 255 }), col("b", "varchar", { length: 255 }), col("c", "varchar", { length: 300 })]) }],
  },
  { what: "int pk, varchar(20), varchar(30): no TOAST", ops: [{ kind: "createTable", table: table("t", [intId, col("a", "varchar", { length: 20 }), col("b", "varchar", { length: 30 })]) }] },
  { what: "int pk, numeric(10,2)", ops: [{ kind: "createTable", table: table("t", [intId, col("amount", "numeric", { precision: 10, scale: 2 })]) }] },
  { what: "int pk, numeric", ops: [{ kind: "createTable", table: table("t", [intId, col("amount", "numeric")]) }] },
  { what: "int pk, jsonb, inet", ops: [{ kind: "createTable", table: table("t", [intId, col("doc", "jsonb"), col("ip", "inet")]) }] },
  {
    what: "serial pk, text, varchar(20) unique constraint, text[], index, unique index",
    ops: [
      {
        kind: "createTable",
        table: table("t", [serialId, col("name", "text"), col("code", "varchar", { length: 20 }), col("tags", "text", { array: true })], {
          uniques: [{ name: "uq_t_code", columns: ["code"] }],
          indexes: [index("ix_t_name", ["name"]), index("ux_t_name_code", ["name", "code"], true)],
        }),
      },
    ],
  },
  { what: "int pk, enum", ops: [{ kind: "createTable", table: table("t", [intId, col("status", "enum", { enumName: "t_status", enumValues: ["on", "off"] })]) }] },
  { what: "no primary key, int only", ops: [{ kind: "createTable", table: { ...table("t", [intId]), primaryKey: undefined } }] },
  {
    what: "child with a foreign key to an existing table, text, index",
    before: [{ kind: "createTable", table: parent }],
    ops: [
      {
        kind: "createTable",
        table: table("child", [serialId, col("parent_id", "integer"), col("note", "text")], {
          indexes: [index("ix_child_parent", ["parent_id"])],
          foreignKeys: [{ name: "fk_child_parent", columns: ["parent_id"], referencedTable: "parent", referencedColumns: ["id"], onDelete: "CASCADE", onUpdate: "NO ACTION" }],
        }),
      },
    ],
  },
  { what: "drop of the e2e test's entity", before: [{ kind: "createTable", table: entity }], ops: [{ kind: "dropTable", table: entity }] },
  {
    what: "drop of a table with a default, a check, a unique constraint and a foreign key",
    before: [{ kind: "createTable", table: parent }, { kind: "createTable", table: checked }],
    ops: [{ kind: "dropTable", table: checked }],
  },
  { what: "createIndex on an existing table", before: [{ kind: "createTable", table: entity }], ops: [{ kind: "createIndex", table: "entity", index: index("ix_entity_id_name", ["id", "name"]) }] },
  { what: "addColumn text to an existing table without TOAST", before: [{ kind: "createTable", table: parent }], ops: [{ kind: "addColumn", table: "parent", column: col("note", "text") }] },
];

/** Objects this session holds locks on in the shared lock table (one entry each, whatever the modes), and pg_locks' rows. */
async function held(conn: Connection): Promise<{ objects: number; rows: number }> {
  const [row] = await conn.query<{ objects: string; rows: string }>(
    `SELECT count(DISTINCT (locktype, database, relation, classid, objid, objsubid, transactionid::text, virtualxid)) FILTER (WHERE NOT fastpath) AS objects,
            count(*) AS rows
     FROM pg_locks WHERE pid = pg_backend_pid()`,
  );
  return { objects: Number(row.objects), rows: Number(row.rows) };
}

async function run(conn: Connection, ops: readonly Op[]): Promise<void> {
  for (const op of ops) for (const sql of await postgresDialect.compile(op, { currentTable: async () => undefined })) await conn.query(sql);
}

test("the lock estimate of each table shape is the objects PostgreSQL locks for it, or at most one more", (t) =>
  live(async (conn) => {
    const report: string[] = [];
    for (const shape of SHAPES) {
      await conn.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
      await run(conn, shape.before ?? []);
      await conn.query("BEGIN");
      try {
        // The transaction's own entries (its id, the schema) come with its first DDL: a table
        // without columns takes them, and two of its own (itself and its row type).
        await conn.query("CREATE TABLE lock_probe ()");
        const before = await held(conn);
        await run(conn, shape.ops);
        const after = await held(conn);
        const real = after.objects - before.objects;
        const estimate = shape.ops.reduce((n, op) => n + locksOf(op), 0);
        report.push(`${shape.what}: estimate ${estimate}, locked objects ${real}, pg_locks rows ${after.rows - before.rows}`);
        assert.ok(estimate >= real && estimate <= real + 1, `${shape.what}: estimate ${estimate}, but PostgreSQL locked ${real} objects`);
      } finally {
        await conn.query("ROLLBACK");
      }
    }
    for (const line of report) t.diagnostic(line);
  }, t));

test("the budget comes from the server's three settings in one query: half of the lock table, less what every migration's transaction takes", (t) =>
  live(async (conn) => {
    const [s] = await conn.query<{ per_tx: string; conns: string; prepared: string }>(
      "SELECT current_setting('max_locks_per_transaction') AS per_tx, current_setting('max_connections') AS conns, current_setting('max_prepared_transactions') AS prepared",
    );
    const total = Number(s.per_tx) * (Number(s.conns) + Number(s.prepared));
    const queries = conn.queryCount;
    const budget = await postgresDialect.lockBudget!.read(conn);
    assert.equal(conn.queryCount - queries, 1);
    assert.equal(budget.perRevision, Math.floor(total / 2) - 16);
    assert.match(budget.describe, new RegExp(`max_locks_per_transaction ${s.per_tx} × `));
    assert.doesNotMatch(budget.describe, /defaults/);
  }, t));
