/**
 * Live catalog → IR for the current database (`DATABASE()`), with a constant number of bulk
 * queries over information_schema, whatever the number of tables.
 * https://mariadb.com/kb/en/information-schema-tables/
 */
import type { IntrospectOptions, Queryable } from "../dialect";
import type { Column, ForeignKey, Index, PrimaryKey, Schema, Table } from "../../schema/types";
import { compact, compareNames } from "../../schema/lookup";
import { canonicalForeignKeyAction } from "./from-models";
import {
  canonicalType,
  catalogDefaultExpression,
  ENUM_TYPES,
  LENGTH_TYPES,
  normaliseDefault,
  TEMPORAL_PRECISION_TYPES,
  parseEnumValues,
} from "./normalise";

interface TableRow {
  TABLE_NAME: string;
}
interface ColumnRow {
  TABLE_NAME: string;
  COLUMN_NAME: string;
  DATA_TYPE: string;
  COLUMN_TYPE: string;
  IS_NULLABLE: string;
  COLUMN_DEFAULT: string | null;
  CHARACTER_MAXIMUM_LENGTH: string | number | null;
  NUMERIC_PRECISION: string | number | null;
  NUMERIC_SCALE: string | number | null;
  DATETIME_PRECISION: string | number | null;
  EXTRA: string;
  COLUMN_COMMENT: string;
}
interface IndexRow {
  TABLE_NAME: string;
  INDEX_NAME: string;
  NON_UNIQUE: string | number;
  COLUMN_NAME: string | null;
}
interface ForeignKeyRow {
  TABLE_NAME: string;
  CONSTRAINT_NAME: string;
  COLUMN_NAME: string;
  REFERENCED_TABLE_NAME: string;
  REFERENCED_COLUMN_NAME: string;
  DELETE_RULE: string;
  UPDATE_RULE: string;
}
interface CheckRow {
  TABLE_NAME: string;
  CHECK_CLAUSE: string;
}

// Column aliases keep the row keys upper-case whatever the server returns for information_schema.
const TABLES_SQL = `SELECT TABLE_NAME AS TABLE_NAME FROM information_schema.TABLES
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'`;
const COLUMNS_SQL = `SELECT TABLE_NAME AS TABLE_NAME, COLUMN_NAME AS COLUMN_NAME, DATA_TYPE AS DATA_TYPE,
    COLUMN_TYPE AS COLUMN_TYPE, IS_NULLABLE AS IS_NULLABLE, COLUMN_DEFAULT AS COLUMN_DEFAULT,
    CHARACTER_MAXIMUM_LENGTH AS CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION AS NUMERIC_PRECISION,
    NUMERIC_SCALE AS NUMERIC_SCALE, DATETIME_PRECISION AS DATETIME_PRECISION, EXTRA AS EXTRA,
    COLUMN_COMMENT AS COLUMN_COMMENT
  FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
  ORDER BY TABLE_NAME, ORDINAL_POSITION`;
const INDEXES_SQL = `SELECT TABLE_NAME AS TABLE_NAME, INDEX_NAME AS INDEX_NAME, NON_UNIQUE AS NON_UNIQUE,
    COLUMN_NAME AS COLUMN_NAME
  FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
  ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;
const FOREIGN_KEYS_SQL = `SELECT kcu.TABLE_NAME AS TABLE_NAME, kcu.CONSTRAINT_NAME AS CONSTRAINT_NAME,
    kcu.COLUMN_NAME AS COLUMN_NAME, kcu.REFERENCED_TABLE_NAME AS REFERENCED_TABLE_NAME,
    kcu.REFERENCED_COLUMN_NAME AS REFERENCED_COLUMN_NAME, rc.DELETE_RULE AS DELETE_RULE,
    rc.UPDATE_RULE AS UPDATE_RULE
  FROM information_schema.KEY_COLUMN_USAGE kcu
  JOIN information_schema.REFERENTIAL_CONSTRAINTS rc
    ON rc.CONSTRAINT_SCHEMA = kcu.CONSTRAINT_SCHEMA AND rc.TABLE_NAME = kcu.TABLE_NAME
   AND rc.CONSTRAINT_NAME = kcu.CONSTRAINT_NAME
  WHERE kcu.TABLE_SCHEMA = DATABASE() AND kcu.REFERENCED_TABLE_NAME IS NOT NULL
  ORDER BY kcu.TABLE_NAME, kcu.CONSTRAINT_NAME, kcu.ORDINAL_POSITION`;
// MariaDB only (MySQL's CHECK_CONSTRAINTS has no TABLE_NAME, and MySQL has a real JSON type).
const CHECKS_SQL = `SELECT TABLE_NAME AS TABLE_NAME, CHECK_CLAUSE AS CHECK_CLAUSE
  FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()`;

export async function introspect(conn: Queryable, options: IntrospectOptions): Promise<Schema> {
  const excluded = new Set(options.exclude);
  const [{ VERSION: version }] = await conn.query<{ VERSION: string }>("SELECT VERSION() AS VERSION");
  const isMariaDb = /mariadb/i.test(version);
  const tableRows = await conn.query<TableRow>(TABLES_SQL);
  const names = tableRows.map((r) => r.TABLE_NAME).filter((n) => !excluded.has(n));
  // Always the same statements, even for an empty schema, so the count never varies.
  const [columnRows, indexRows, fkRows] = [
    await conn.query<ColumnRow>(COLUMNS_SQL),
    await conn.query<IndexRow>(INDEXES_SQL),
    await conn.query<ForeignKeyRow>(FOREIGN_KEYS_SQL),
  ];
  const checkRows = isMariaDb ? await conn.query<CheckRow>(CHECKS_SQL) : [];

  const wanted = new Set(names);
  const columnsByTable = groupBy(columnRows, (r) => r.TABLE_NAME, wanted);
  const indexesByTable = groupBy(indexRows, (r) => r.TABLE_NAME, wanted);
  const fksByTable = groupBy(fkRows, (r) => r.TABLE_NAME, wanted);
  const jsonColumns = new Set<string>();
  for (const r of checkRows) {
    // MariaDB's JSON is LONGTEXT plus an automatic CHECK (json_valid(`col`)).
    const m = /^json_valid\(`((?:[^`]|``)+)`\)$/i.exec(r.CHECK_CLAUSE.trim());
    if (m) jsonColumns.add(`${r.TABLE_NAME}\u0000${m[1].replaceAll("``", "`")}`);
  }

  const tables: Table[] = [...names].sort(compareNames).map((name) => {
    const columns = (columnsByTable.get(name) ?? []).map((r) =>
      readColumn(r, isMariaDb, jsonColumns.has(`${name}\u0000${r.COLUMN_NAME}`)),
    );
    const foreignKeys = readForeignKeys(fksByTable.get(name) ?? []);
    const { primaryKey, indexes } = readIndexes(
      indexesByTable.get(name) ?? [],
      new Set(foreignKeys.map((f) => f.name)),
    );
    return compact<Table>({ name, columns, primaryKey, indexes, uniques: [], foreignKeys });
  });
  return { tables };
}

function readColumn(r: ColumnRow, isMariaDb: boolean, isJson: boolean): Column {
  let type = canonicalType(r.DATA_TYPE);
  if (isJson && type === "longtext") type = "json";
  const columnType = r.COLUMN_TYPE;
  let length: number | undefined;
  let precision: number | undefined;
  let scale: number | undefined;
  if (LENGTH_TYPES.has(type)) {
    length = num(r.CHARACTER_MAXIMUM_LENGTH);
  } else if (type === "decimal") {
    precision = num(r.NUMERIC_PRECISION);
    scale = num(r.NUMERIC_SCALE);
  } else if (type === "float" || type === "double") {
    // Only an explicit `(p,s)` is part of the type; NUMERIC_PRECISION is always filled in.
    const m = /^\w+\((\d+),(\d+)\)/.exec(columnType);
    if (m) {
      precision = Number(m[1]);
      scale = Number(m[2]);
    }
  } else if (TEMPORAL_PRECISION_TYPES.has(type)) {
    const p = num(r.DATETIME_PRECISION);
    precision = p ? p : undefined;
  }
  const autoIncrement = /auto_increment/i.test(r.EXTRA) ? "increment" : undefined;
  const nullable = r.IS_NULLABLE === "YES";
  return compact<Column>({
    name: r.COLUMN_NAME,
    type,
    rawType: columnType,
    length,
    precision,
    scale,
    unsigned: /\bunsigned\b/i.test(columnType) ? true : undefined,
    enumValues: ENUM_TYPES.has(type) ? parseEnumValues(columnType) : undefined,
    nullable,
    default: autoIncrement
      ? undefined
      : normaliseDefault(catalogDefaultExpression(r.COLUMN_DEFAULT, r.EXTRA, isMariaDb, type), type),
    autoIncrement,
    // EXTRA reads "on update current_timestamp(6)" (MariaDB) or "DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6)".
    onUpdate: normaliseDefault(/\bon update (\S+)/i.exec(r.EXTRA)?.[1], type),
    comment: r.COLUMN_COMMENT ? r.COLUMN_COMMENT : undefined,
  });
}

/**
 * Indexes of one table. PRIMARY becomes the primary key (MySQL's is always named PRIMARY, so the IR
 * leaves the name out). An index named like one of the table's foreign keys is the one InnoDB
 * creates by itself when the FK has no usable index; TypeORM never creates it and skips it too
 * (MysqlQueryRunner.loadTables), so it is not reported.
 * https://mariadb.com/kb/en/foreign-keys/
 */
function readIndexes(
  rows: readonly IndexRow[],
  fkNames: ReadonlySet<string>,
): { primaryKey?: PrimaryKey; indexes: Index[] } {
  let primaryKey: PrimaryKey | undefined;
  const byName = new Map<string, { unique: boolean; columns: string[] }>();
  for (const r of rows) {
    let entry = byName.get(r.INDEX_NAME);
    if (!entry) {
      entry = { unique: Number(r.NON_UNIQUE) === 0, columns: [] };
      byName.set(r.INDEX_NAME, entry);
    }
    // Functional key parts (MySQL 8) have no column; the IR cannot describe them.
    if (r.COLUMN_NAME !== null) entry.columns.push(r.COLUMN_NAME);
  }
  const indexes: Index[] = [];
  for (const [name, entry] of byName) {
    if (name === "PRIMARY") primaryKey = { columns: entry.columns };
    else if (!fkNames.has(name)) indexes.push({ name, columns: entry.columns, unique: entry.unique });
  }
  indexes.sort((a, b) => compareNames(a.name, b.name));
  return { primaryKey, indexes };
}

function readForeignKeys(rows: readonly ForeignKeyRow[]): ForeignKey[] {
  const byName = new Map<string, ForeignKeyRow[]>();
  for (const r of rows) {
    const list = byName.get(r.CONSTRAINT_NAME) ?? [];
    list.push(r);
    byName.set(r.CONSTRAINT_NAME, list);
  }
  return [...byName.entries()]
    .map(([name, list]) => ({
      name,
      columns: list.map((r) => r.COLUMN_NAME),
      referencedTable: list[0].REFERENCED_TABLE_NAME,
      referencedColumns: list.map((r) => r.REFERENCED_COLUMN_NAME),
      onDelete: canonicalForeignKeyAction(list[0].DELETE_RULE),
      onUpdate: canonicalForeignKeyAction(list[0].UPDATE_RULE),
    }))
    .sort((a, b) => compareNames(a.name, b.name));
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string, wanted: ReadonlySet<string>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (!wanted.has(k)) continue;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

function num(v: string | number | null): number | undefined {
  if (v === null || v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
