import type { IntrospectOptions, Queryable } from "../dialect";
import { quoteLiteral } from "./quote";
import type { Column, ForeignKey, ForeignKeyAction, Index, PrimaryKey, Schema, Table, UniqueConstraint } from "../../schema/types";
import { compact, compareNames, sortTables } from "../../schema/lookup";
import { canonicalDefault, parseFormatType } from "./normalise";
import { readDeferrable } from "./deferrable";
import { readCheck, readExclusion } from "./checks";
import { GENERATED_ROWS_SQL, HAS_METADATA_SQL, readGenerated } from "./generated-columns";
import { readIndex, type IndexRow } from "./index-methods";

/**
 * Reads the tables of `current_schema()` with four catalog queries (and two to switch JIT off
 * and back on, see withoutJit), whatever their number:
 * tables (with comments), columns, constraints (pk/unique/fk/check/exclusion) and indexes. `$1` is the list of excluded tables.
 */
const SCOPE = `n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> ALL($1::text[])`;

const TABLES_SQL = `
SELECT c.relname AS table_name, ds.description AS comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = 0
WHERE ${SCOPE}`;

const COLUMNS_SQL = `
SELECT c.relname AS table_name, a.attname AS column_name, a.attnum,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS raw_type,
  a.attnotnull AS not_null,
  -- A default holds no column reference, so no relation is needed to print it (0 skips opening
  -- every table, a third of this query's time at 2,000 tables); a generated column's does.
  pg_catalog.pg_get_expr(d.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE d.adrelid END) AS default_expr,
  a.attidentity AS identity,
  a.attgenerated AS generated,
  EXISTS (
    SELECT 1 FROM pg_catalog.pg_depend dep
    JOIN pg_catalog.pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
    WHERE dep.classid = 'pg_catalog.pg_class'::regclass AND dep.refobjid = c.oid
      AND dep.refobjsubid = a.attnum AND dep.deptype = 'a'
  ) AS owns_sequence,
  CASE WHEN base.typtype = 'e' THEN base.typname END AS enum_name,
  CASE WHEN base.typtype = 'e' THEN (
    SELECT json_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = base.oid
  ) END AS enum_values,
  ds.description AS comment,
  co.collname AS collation
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
JOIN pg_catalog.pg_type base ON base.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
-- Joins rather than col_description() per row: a function call per column costs more than the join.
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = a.attnum
-- As information_schema.columns.collation_name: the database default collation is no collation.
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation AND co.collname <> 'default'
WHERE ${SCOPE}
ORDER BY c.relname, a.attnum`;

const CONSTRAINTS_SQL = `
SELECT c.relname AS table_name, con.conname AS name, con.contype AS kind,
  con.confdeltype AS on_delete, con.confupdtype AS on_update, rc.relname AS referenced_table,
  con.condeferrable AS is_deferrable, con.condeferred AS is_deferred,
  (SELECT json_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
     JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
  (SELECT json_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
     JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS referenced_columns,
  CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid) END AS check_expr,
  CASE WHEN con.contype = 'x' THEN pg_catalog.pg_get_constraintdef(con.oid) END AS definition
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
WHERE ${SCOPE} AND con.contype IN ('p', 'u', 'f', 'c', 'x')`;

// Indexes that back a primary key, unique or exclusion constraint belong to the constraint.
// Keys come back as column numbers (named from the column query's rows, rather than by a
// subquery per index: a third of this query's time at 6,000 indexes); an index with an
// expression key also brings pg_get_indexdef's text of each key.
const INDEXES_SQL = `
SELECT c.relname AS table_name, i.relname AS name, ix.indisunique AS is_unique, am.amname AS method,
  pg_catalog.pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
  ix.indkey::text AS key_numbers, ix.indnkeyatts AS key_count,
  CASE WHEN 0 = ANY (ix.indkey) THEN
    (SELECT json_agg(pg_catalog.pg_get_indexdef(ix.indexrelid, k.ord, true) ORDER BY k.ord) FROM generate_series(1, ix.indnkeyatts::int) k(ord))
  END AS definitions
FROM pg_catalog.pg_index ix
JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = i.relam
JOIN pg_catalog.pg_class c ON c.oid = ix.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ${SCOPE} AND NOT EXISTS (
  SELECT 1 FROM pg_catalog.pg_constraint con
  WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u', 'x')
)`;

interface ColumnRow {
  table_name: string;
  column_name: string;
  attnum: number;
  raw_type: string;
  not_null: boolean;
  default_expr: string | null;
  identity: string;
  generated: string;
  owns_sequence: boolean;
  enum_name: string | null;
  enum_values: string[] | null;
  comment: string | null;
  collation: string | null;
}

interface ConstraintRow {
  table_name: string;
  name: string;
  kind: "p" | "u" | "f" | "c" | "x";
  on_delete: string;
  on_update: string;
  is_deferrable: boolean;
  is_deferred: boolean;
  referenced_table: string | null;
  columns: string[];
  referenced_columns: string[] | null;
  check_expr: string | null;
  definition: string | null;
}


/** pg_constraint.confdeltype / confupdtype codes. */
const ACTIONS: Record<string, ForeignKeyAction> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

export async function introspect(conn: Queryable, options: IntrospectOptions): Promise<Schema> {
  return withoutJit(conn, () => readSchema(conn, options));
}

/**
 * The catalog queries with JIT compilation off, as it was before. Their correlated subqueries
 * give estimates far above jit_above_cost on a large schema, and compiling them costs more than
 * running them: at 2,000 tables, 0.8 s of JIT per query against 0.1–0.6 s of work. `jit` does
 * not exist before PostgreSQL 11 (current_setting(…, true) is null then): nothing to switch.
 */
async function withoutJit<T>(conn: Queryable, read: () => Promise<T>): Promise<T> {
  // One query reads the setting and, when on, turns it off (a CASE branch not taken is not run).
  const [row] = await conn.query<{ jit: string | null }>(
    "SELECT pg_catalog.current_setting('jit', true) AS jit, CASE WHEN pg_catalog.current_setting('jit', true) = 'on' THEN pg_catalog.set_config('jit', 'off', false) END AS switched",
  );
  if (row?.jit !== "on") return read();
  let result: T;
  try {
    result = await read();
  } catch (e) {
    // In a transaction the failure aborted, SET cannot run, and the rollback restores jit anyway.
    await conn.query("SET jit = on").catch(() => undefined);
    throw e;
  }
  await conn.query("SET jit = on");
  return result;
}

async function readSchema(conn: Queryable, options: IntrospectOptions): Promise<Schema> {
  const params = [[...options.exclude]];
  const tableRows = await conn.query<{ table_name: string; comment: string | null }>(TABLES_SQL, params);
  const columnRows = await conn.query<ColumnRow>(COLUMNS_SQL, params);
  const constraintRows = await conn.query<ConstraintRow>(CONSTRAINTS_SQL, params);
  const rawIndexRows = await conn.query<RawIndexRow>(INDEXES_SQL, params);
  const generatedTexts = await readGeneratedTexts(conn, columnRows);

  const columns = groupBy(columnRows, (r) => r.table_name);
  const constraints = groupBy(constraintRows, (r) => r.table_name);
  const indexes = groupBy(namedKeys(rawIndexRows, columnRows), (r) => r.table_name);

  const tables: Table[] = tableRows.map(({ table_name: name, comment }) => {
    const cons = constraints.get(name) ?? [];
    const pk = cons.find((c) => c.kind === "p");
    const primaryKey: PrimaryKey | undefined = pk ? { name: pk.name, columns: pk.columns } : undefined;
    const uniques: UniqueConstraint[] = cons
      .filter((c) => c.kind === "u")
      .map((c) => ({ name: c.name, columns: c.columns }))
      .sort(byName);
    const foreignKeys: ForeignKey[] = cons
      .filter((c) => c.kind === "f")
      .map((c) =>
        compact<ForeignKey>({
          name: c.name,
          columns: c.columns,
          referencedTable: c.referenced_table ?? "",
          referencedColumns: c.referenced_columns ?? [],
          onDelete: ACTIONS[c.on_delete] ?? "NO ACTION",
          onUpdate: ACTIONS[c.on_update] ?? "NO ACTION",
          deferrable: readDeferrable(c.is_deferrable, c.is_deferred),
        }),
      )
      .sort(byName);
    const idx: Index[] = (indexes.get(name) ?? []).map(readIndex).sort(byName);
    const checks = cons.filter((c) => c.kind === "c").map((c) => readCheck(c.name, c.check_expr ?? "")).sort(byName);
    const unmodelled = cons.filter((c) => c.kind === "x").map((c) => readExclusion(c.name, c.definition ?? "")).sort(byName);
    return compact<Table>({
      name,
      columns: (columns.get(name) ?? []).map((r) => readColumn(r, generatedTexts.get(`${name}\u0000${r.column_name}`))),
      primaryKey,
      indexes: idx,
      uniques,
      foreignKeys,
      checks: checks.length ? checks : undefined,
      comment: comment ? comment : undefined,
      unmodelled: unmodelled.length ? unmodelled : undefined,
    });
  });
  return { tables: sortTables(tables) };
}

function readColumn(r: ColumnRow, typeormText: string | undefined): Column {
  const nullable = !r.not_null;
  const isEnum = r.enum_name !== null;
  const parts = isEnum ? { type: "enum", array: r.raw_type.endsWith("[]") || undefined } : parseFormatType(r.raw_type);
  let autoIncrement: Column["autoIncrement"];
  let def: string | undefined;
  const generated = r.generated === "s" ? readGenerated(r.default_expr ?? "", typeormText) : undefined;
  if (r.identity === "a" || r.identity === "d") autoIncrement = "identity";
  else if (r.owns_sequence && r.default_expr !== null && /^nextval\(/i.test(r.default_expr)) autoIncrement = "increment";
  else if (!generated) def = canonicalDefault(r.default_expr, parts.type, nullable);
  return compact<Column>({
    name: r.column_name,
    type: parts.type,
    rawType: r.raw_type,
    length: "length" in parts ? parts.length : undefined,
    precision: "precision" in parts ? parts.precision : undefined,
    scale: "scale" in parts ? parts.scale : undefined,
    enumValues: isEnum ? (r.enum_values ?? []) : undefined,
    enumName: r.enum_name ?? undefined,
    array: parts.array ? true : undefined,
    nullable,
    default: def,
    autoIncrement,
    comment: r.comment ? r.comment : undefined,
    collation: r.collation ?? undefined,
    ...generated,
  });
}

interface RawIndexRow extends Omit<IndexRow, "columns" | "expressions"> {
  readonly table_name: string;
  /** pg_index.indkey as text: the key columns' numbers, then the INCLUDE columns', 0 for an expression. */
  readonly key_numbers: string;
  readonly key_count: number;
  /** pg_get_indexdef of each key, only when one is an expression. */
  readonly definitions: readonly string[] | null;
}

/** Each index's key columns by name, from the numbers and the columns' rows. */
function namedKeys(rows: readonly RawIndexRow[], columns: readonly ColumnRow[]): (IndexRow & { table_name: string })[] {
  const names = new Map<string, string>();
  for (const c of columns) names.set(`${c.table_name}\u0000${c.attnum}`, c.column_name);
  return rows.map(({ key_numbers, key_count, definitions, ...row }) => {
    const numbers = key_numbers.split(" ").slice(0, key_count).map(Number);
    return {
      ...row,
      columns: numbers.map((n, i) => (n === 0 ? (definitions?.[i] ?? "") : (names.get(`${row.table_name}\u0000${n}`) ?? String(n)))),
      expressions: numbers.map((n) => n === 0),
    };
  });
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return compareNames(a.name, b.name);
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/**
 * TypeORM's text of each generated column (see generated-columns.ts), keyed by table and column:
 * two more queries, only when a generated column exists, whatever the number of tables.
 */
async function readGeneratedTexts(conn: Queryable, rows: readonly ColumnRow[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (!rows.some((r) => r.generated === "s")) return texts;
  const [has] = await conn.query<{ present: boolean }>(HAS_METADATA_SQL);
  if (!has?.present) return texts;
  for (const r of await conn.query<{ table_name: string; column_name: string; value: string | null }>(GENERATED_ROWS_SQL)) {
    if (r.value !== null) texts.set(`${r.table_name}\u0000${r.column_name}`, r.value);
  }
  return texts;
}

/** Whether a table `introspect` reads is named `name` (same scope, one query). */
export async function tableExists(conn: Queryable, name: string): Promise<boolean> {
  const rows = await conn.query<{ found: number }>(
    `SELECT 1 AS found FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE ${SCOPE} AND c.relname = ${quoteLiteral(name)}`,
    [[]],
  );
  return rows.length > 0;
}
