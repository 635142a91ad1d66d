import type { IntrospectOptions, Queryable } from "../dialect";
import { quoteLiteral } from "./quote";
import type { Check, Column, ForeignKey, Index, Schema, Table, UniqueConstraint, UnmodelledObject } from "../../schema/types";
import { indexWhere, parseCreateTable, type ParsedTable } from "./create-table-sql";
import { canonicalExpression } from "./expression";
import { canonicalCollation, canonicalDefault, parseDeclaredType } from "./normalise";
import { modelForeignKeyAction } from "./from-models";
import { COLUMN_CONSTRAINT, FOREIGN_KEY_CLAUSE, KEY_CLAUSE, TABLE_CONSTRAINT, TABLE_OPTION } from "./unmodelled";

/**
 * Four catalog queries whatever the number of tables: sqlite_master joined with the pragma
 * table-valued functions (https://www.sqlite.org/pragma.html#pragfunc). Constraint names,
 * AUTOINCREMENT, enum CHECKs, named CHECKs, COLLATE and generated columns' expressions are read
 * from the CREATE TABLE text, as TypeORM does; whatever else that text holds goes to
 * `table.unmodelled` verbatim, so a rebuild keeps it.
 */
const USER_TABLES = `m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;

interface TableRow { name: string; sql: string }
/** `hidden` (pragma table_xinfo): 0 a plain column, 1 hidden (virtual tables), 2 VIRTUAL generated, 3 STORED generated. */
interface ColumnRow { tbl: string; cid: number; name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number }
interface IndexRow { tbl: string; idx: string; uniq: number; origin: string; seqno: number; col: string | null; idxsql: string | null }
interface ForeignKeyRow { tbl: string; id: number; seq: number; ref: string; from: string; to: string | null; on_update: string; on_delete: string }

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export async function introspect(conn: Queryable, options: IntrospectOptions): Promise<Schema> {
  const excluded = new Set(options.exclude);
  const tables = (await conn.query<TableRow>(`SELECT m.name, m.sql FROM sqlite_master m WHERE ${USER_TABLES} ORDER BY m.name`))
    .filter((t) => !excluded.has(t.name));
  const columns = await conn.query<ColumnRow>(
    `SELECT m.name AS tbl, p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden
       FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE ${USER_TABLES} AND p.hidden <> 1 ORDER BY m.name, p.cid`,
  );
  const indexes = await conn.query<IndexRow>(
    `SELECT m.name AS tbl, il.name AS idx, il."unique" AS uniq, il.origin, ii.seqno, ii.name AS col, s.sql AS idxsql
       FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
       LEFT JOIN sqlite_master s ON s.type = 'index' AND s.name = il.name
      WHERE ${USER_TABLES} ORDER BY m.name, il.name, ii.seqno`,
  );
  const foreignKeys = await conn.query<ForeignKeyRow>(
    `SELECT m.name AS tbl, f.id, f.seq, f."table" AS ref, f."from", f."to", f.on_update, f.on_delete
       FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE ${USER_TABLES} ORDER BY m.name, f.id, f.seq`,
  );

  const group = <R extends { tbl: string }>(rows: R[]) => {
    const map = new Map<string, R[]>();
    for (const r of rows) map.set(r.tbl, [...(map.get(r.tbl) ?? []), r]);
    return map;
  };
  const colsOf = group(columns);
  const idxOf = group(indexes);
  const fksOf = group(foreignKeys);
  const pkColumns = (table: string) =>
    (colsOf.get(table) ?? []).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);

  const out: Table[] = tables.map((t) => {
    const parsed = parseCreateTable(t.sql ?? "");
    const pk = pkColumns(t.name);
    const checks = readChecks(parsed);
    const foreignKeys = readForeignKeys(t.name, fksOf.get(t.name) ?? [], parsed, pkColumns);
    const unmodelled = readUnmodelled(t.name, parsed, foreignKeys);
    return {
      name: t.name,
      columns: (colsOf.get(t.name) ?? []).map((c) => readColumn(c, parsed, pk)),
      ...(pk.length ? { primaryKey: { columns: pk } } : {}),
      ...readIndexes(idxOf.get(t.name) ?? [], parsed),
      foreignKeys,
      ...(checks.length ? { checks } : {}),
      ...(unmodelled.length ? { unmodelled } : {}),
    };
  });
  return { tables: out };
}

/**
 * A column as pragma table_xinfo and the CREATE TABLE text describe it. An `INTEGER PRIMARY KEY`
 * is the rowid, which is never NULL (https://www.sqlite.org/lang_createtable.html#rowid), though
 * the pragma reports `notnull` 0 unless NOT NULL was written; likewise a WITHOUT ROWID table's key.
 */
function readColumn(row: ColumnRow, parsed: ParsedTable, pk: readonly string[]): Column {
  const parts = parseDeclaredType(row.type ?? "");
  const p = parsed.columns.find((c) => c.name === row.name);
  const autoIncrement = p?.autoIncrement ? ("increment" as const) : undefined;
  const generatedType = row.hidden === 2 ? ("VIRTUAL" as const) : row.hidden === 3 ? ("STORED" as const) : undefined;
  const asExpression = generatedType && p?.generated ? canonicalExpression(p.generated.expression, "generated") : undefined;
  const def = autoIncrement || generatedType ? undefined : canonicalDefault(row.dflt_value);
  const rowid = pk.length === 1 && pk[0] === row.name && parts.type === "integer";
  const withoutRowidKey = pk.includes(row.name) && /WITHOUT\s+ROWID/i.test(parsed.options ?? "");
  const collation = p?.collation !== undefined ? canonicalCollation(p.collation) : undefined;
  return {
    name: row.name,
    type: parts.type,
    rawType: row.type,
    ...(parts.length !== undefined ? { length: parts.length } : {}),
    ...(parts.precision !== undefined ? { precision: parts.precision } : {}),
    ...(parts.scale !== undefined ? { scale: parts.scale } : {}),
    ...(p?.enumValues ? { enumValues: p.enumValues } : {}),
    nullable: row.notnull === 0 && !rowid && !withoutRowidKey,
    ...(def !== undefined ? { default: def } : {}),
    ...(autoIncrement ? { autoIncrement } : {}),
    ...(asExpression !== undefined ? { asExpression, generatedType } : {}),
    ...(collation !== undefined ? { collation } : {}),
  };
}

/** Named CHECK constraints (table- or column-level): TypeORM names every check it writes. */
function readChecks(parsed: ParsedTable): Check[] {
  return parsed.constraints
    .filter((c) => c.kind === "check" && c.name !== undefined && c.expression !== undefined)
    .map((c) => ({ name: c.name!, expression: canonicalExpression(c.expression!, "check") }))
    .sort(byName);
}

function readUnmodelled(table: string, parsed: ParsedTable, foreignKeys: readonly ForeignKey[]): UnmodelledObject[] {
  const out: UnmodelledObject[] = [];
  for (const c of parsed.columns) {
    for (const definition of c.unmodelled) out.push({ kind: COLUMN_CONSTRAINT, name: c.name, definition });
    for (const clause of c.keyClauses) out.push({ kind: KEY_CLAUSE, name: `${c.name}: ${clause}` });
  }
  for (const fk of parsed.constraints) {
    if (fk.kind !== "foreignKey" || fk.clauses === undefined) continue;
    const match = foreignKeys.find((f) => f.referencedTable === fk.referencedTable && sameList(f.columns, fk.columns));
    if (match) out.push({ kind: FOREIGN_KEY_CLAUSE, name: match.name, definition: fk.clauses });
  }
  for (const definition of parsed.unmodelled) out.push({ kind: TABLE_CONSTRAINT, name: table, definition });
  for (const clause of parsed.keyClauses) out.push({ kind: KEY_CLAUSE, name: clause });
  if (parsed.options !== undefined) out.push({ kind: TABLE_OPTION, name: table, definition: parsed.options });
  return out;
}

/**
 * pragma_index_list origins: "c" CREATE INDEX, "u" a UNIQUE constraint (sqlite_autoindex_*),
 * "pk" the primary key. Only "c" are indexes; "u" are unique constraints, named from the
 * CREATE TABLE text (`CONSTRAINT "UQ_..." UNIQUE (...)`) or, unnamed, by their autoindex name.
 * Expression indexes (a column without a name) are not representable and are skipped.
 */
function readIndexes(rows: IndexRow[], parsed: ParsedTable): { indexes: Index[]; uniques: UniqueConstraint[] } {
  const byIdx = new Map<string, IndexRow[]>();
  for (const r of rows) byIdx.set(r.idx, [...(byIdx.get(r.idx) ?? []), r]);
  const indexes: Index[] = [];
  const uniques: UniqueConstraint[] = [];
  const namedUniques = parsed.constraints.filter((c) => c.kind === "unique" && c.name !== undefined);
  for (const [name, cols] of byIdx) {
    if (cols.some((c) => c.col === null)) continue;
    const columns = cols.sort((a, b) => a.seqno - b.seqno).map((c) => c.col as string);
    const first = cols[0]!;
    if (first.origin === "c") {
      const raw = indexWhere(first.idxsql);
      const where = raw === undefined ? undefined : canonicalExpression(raw, "where");
      indexes.push({ name, columns, unique: first.uniq === 1, ...(where !== undefined ? { where } : {}) });
    } else if (first.origin === "u") {
      const named = namedUniques.find((u) => sameList(u.columns, columns));
      uniques.push({ name: named?.name ?? name, columns });
    }
  }
  return { indexes: indexes.sort(byName), uniques: uniques.sort(byName) };
}

function readForeignKeys(
  table: string,
  rows: ForeignKeyRow[],
  parsed: ParsedTable,
  pkColumns: (table: string) => string[],
): ForeignKey[] {
  const byId = new Map<number, ForeignKeyRow[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const named = parsed.constraints.filter((c) => c.kind === "foreignKey");
  const fks: ForeignKey[] = [];
  for (const group of byId.values()) {
    const cols = group.sort((a, b) => a.seq - b.seq);
    const first = cols[0]!;
    const columns = cols.map((c) => c.from);
    // `REFERENCES t` without columns means t's primary key.
    const referencedColumns = cols.some((c) => c.to === null) ? pkColumns(first.ref) : cols.map((c) => c.to as string);
    const match = named.find((n) => n.name !== undefined && n.referencedTable === first.ref && sameList(n.columns, columns));
    fks.push({
      // Unnamed foreign keys get a stable synthetic name; the differ matches FKs by signature.
      name: match?.name ?? `fk_${table}_${columns.join("_")}`,
      columns,
      referencedTable: first.ref,
      referencedColumns,
      onDelete: modelForeignKeyAction(first.on_delete),
      onUpdate: modelForeignKeyAction(first.on_update),
    });
  }
  return fks.sort(byName);
}

/** Whether a table `introspect` reads is named `name` (same scope, one query). */
export async function tableExists(conn: Queryable, name: string): Promise<boolean> {
  const rows = await conn.query<{ found: number }>(`SELECT 1 AS found FROM sqlite_master m WHERE ${USER_TABLES} AND m.name = ${quoteLiteral(name)}`);
  return rows.length > 0;
}
