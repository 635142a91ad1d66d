/**
 * Live catalog → IR for the current database (`DATABASE()`), with a constant number of bulk
 * queries over information_schema, whatever the number of tables.
 * https://mariadb.com/kb/en/information-schema-tables/
 */
import type { IntrospectOptions, Queryable } from "../dialect";
import { quoteLiteral } from "./quote";
import type { Check, Column, ForeignKey, Index, PrimaryKey, Schema, Table } from "../../schema/types";
import { compact, compareNames } from "../../schema/lookup";
import { canonicalForeignKeyAction } from "./from-models";
import { canonicalExpression } from "./expression";
import { GENERATED_COLUMN, TYPEORM_METADATA } from "./typeorm-metadata";
import { numericVersion, versionAtLeast } from "./model-driver";
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
  TABLE_COMMENT: string | null;
  TABLE_COLLATION: string | null;
  TABLE_CHARSET: string | null;
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
  GENERATION_EXPRESSION: string | null;
  CHARACTER_SET_NAME: string | null;
  COLLATION_NAME: string | null;
  /** The default collation of the column's character set. */
  CHARSET_DEFAULT_COLLATION: string | null;
}
interface IndexRow {
  TABLE_NAME: string;
  INDEX_NAME: string;
  NON_UNIQUE: string | number;
  COLUMN_NAME: string | null;
  INDEX_TYPE: string;
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
  CONSTRAINT_NAME: string;
  CHECK_CLAUSE: string;
}
interface GeneratedRow {
  TABLE_NAME: string;
  COLUMN_NAME: string;
  VALUE: string | null;
}

// Column aliases keep the row keys upper-case whatever the server returns for information_schema.
const TABLES_SQL = `SELECT t.TABLE_NAME AS TABLE_NAME, t.TABLE_COMMENT AS TABLE_COMMENT,
    t.TABLE_COLLATION AS TABLE_COLLATION, co.CHARACTER_SET_NAME AS TABLE_CHARSET
  FROM information_schema.TABLES t
  LEFT JOIN information_schema.COLLATIONS co ON co.COLLATION_NAME = t.TABLE_COLLATION
  WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'`;
const COLUMNS_SQL = `SELECT c.TABLE_NAME AS TABLE_NAME, c.COLUMN_NAME AS COLUMN_NAME, c.DATA_TYPE AS DATA_TYPE,
    c.COLUMN_TYPE AS COLUMN_TYPE, c.IS_NULLABLE AS IS_NULLABLE, c.COLUMN_DEFAULT AS COLUMN_DEFAULT,
    c.CHARACTER_MAXIMUM_LENGTH AS CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION AS NUMERIC_PRECISION,
    c.NUMERIC_SCALE AS NUMERIC_SCALE, c.DATETIME_PRECISION AS DATETIME_PRECISION, c.EXTRA AS EXTRA,
    c.COLUMN_COMMENT AS COLUMN_COMMENT, c.GENERATION_EXPRESSION AS GENERATION_EXPRESSION,
    c.CHARACTER_SET_NAME AS CHARACTER_SET_NAME, c.COLLATION_NAME AS COLLATION_NAME,
    co.COLLATION_NAME AS CHARSET_DEFAULT_COLLATION
  FROM information_schema.COLUMNS c
  LEFT JOIN information_schema.COLLATIONS co ON co.CHARACTER_SET_NAME = c.CHARACTER_SET_NAME AND co.IS_DEFAULT = 'Yes'
  WHERE c.TABLE_SCHEMA = DATABASE()
  ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`;
const INDEXES_SQL = `SELECT TABLE_NAME AS TABLE_NAME, INDEX_NAME AS INDEX_NAME, NON_UNIQUE AS NON_UNIQUE,
    COLUMN_NAME AS COLUMN_NAME, INDEX_TYPE AS INDEX_TYPE
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
// MariaDB (10.2+) keeps TABLE_NAME in CHECK_CONSTRAINTS; MySQL (8.0.16+) only in TABLE_CONSTRAINTS.
// https://mariadb.com/kb/en/information-schema-check_constraints-table/
// https://dev.mysql.com/doc/refman/8.0/en/information-schema-check-constraints-table.html
const MARIADB_CHECKS_SQL = `SELECT TABLE_NAME AS TABLE_NAME, CONSTRAINT_NAME AS CONSTRAINT_NAME, CHECK_CLAUSE AS CHECK_CLAUSE
  FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
  ORDER BY TABLE_NAME, CONSTRAINT_NAME`;
const MYSQL_CHECKS_SQL = `SELECT tc.TABLE_NAME AS TABLE_NAME, cc.CONSTRAINT_NAME AS CONSTRAINT_NAME, cc.CHECK_CLAUSE AS CHECK_CLAUSE
  FROM information_schema.TABLE_CONSTRAINTS tc
  JOIN information_schema.CHECK_CONSTRAINTS cc
    ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
  WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK'
  ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME`;
// TypeORM keeps each generated column's expression as the entity wrote it, and compares that text.
const GENERATED_SQL = `SELECT \`table\` AS TABLE_NAME, \`name\` AS COLUMN_NAME, \`value\` AS VALUE
  FROM ${TYPEORM_METADATA} WHERE \`type\` = '${GENERATED_COLUMN}' AND \`schema\` = DATABASE()`;

export async function introspect(conn: Queryable, options: IntrospectOptions): Promise<Schema> {
  const excluded = new Set(options.exclude);
  const [{ VERSION: version }] = await conn.query<{ VERSION: string }>("SELECT VERSION() AS VERSION");
  const isMariaDb = /mariadb/i.test(version);
  const tableRows = await conn.query<TableRow>(TABLES_SQL);
  const names = tableRows.map((r) => r.TABLE_NAME).filter((n) => !excluded.has(n));
  const tableInfo = new Map(tableRows.map((r) => [r.TABLE_NAME, r]));
  // Always the same statements, even for an empty schema, so the count never varies.
  const [columnRows, indexRows, fkRows] = [
    await conn.query<ColumnRow>(COLUMNS_SQL),
    await conn.query<IndexRow>(INDEXES_SQL),
    await conn.query<ForeignKeyRow>(FOREIGN_KEYS_SQL),
  ];
  // CHECK_CONSTRAINTS exists from MariaDB 10.2.22 and MySQL 8.0.16.
  const hasChecks = versionAtLeast(numericVersion(version), isMariaDb ? "10.2.22" : "8.0.16");
  const checkRows = hasChecks ? await conn.query<CheckRow>(isMariaDb ? MARIADB_CHECKS_SQL : MYSQL_CHECKS_SQL) : [];
  // Read only where TypeORM made the table (an extra query only then, whatever the number of tables).
  const generatedRows = tableInfo.has(TYPEORM_METADATA) ? await conn.query<GeneratedRow>(GENERATED_SQL) : [];
  const recorded = new Map(generatedRows.map((r) => [`${r.TABLE_NAME}\u0000${r.COLUMN_NAME}`, r.VALUE ?? ""]));

  const wanted = new Set(names);
  const columnsByTable = groupBy(columnRows, (r) => r.TABLE_NAME, wanted);
  const indexesByTable = groupBy(indexRows, (r) => r.TABLE_NAME, wanted);
  const fksByTable = groupBy(fkRows, (r) => r.TABLE_NAME, wanted);
  const jsonColumns = new Set<string>();
  const checksByTable = new Map<string, Check[]>();
  for (const r of checkRows) {
    // MariaDB's JSON is LONGTEXT plus an automatic column CHECK (json_valid(`col`)) named after the
    // column: part of the column's type, never a check of its own.
    const m = /^json_valid\(`((?:[^`]|``)+)`\)$/i.exec(r.CHECK_CLAUSE.trim());
    if (m && m[1].replaceAll("``", "`") === r.CONSTRAINT_NAME) {
      jsonColumns.add(`${r.TABLE_NAME}\u0000${r.CONSTRAINT_NAME}`);
      continue;
    }
    if (!wanted.has(r.TABLE_NAME)) continue;
    const list = checksByTable.get(r.TABLE_NAME) ?? [];
    list.push({ name: r.CONSTRAINT_NAME, expression: canonicalExpression(r.CHECK_CLAUSE) });
    checksByTable.set(r.TABLE_NAME, list);
  }

  const tables: Table[] = [...names].sort(compareNames).map((name) => {
    const info = tableInfo.get(name)!;
    const columns = (columnsByTable.get(name) ?? []).map((r) =>
      readColumn(r, {
        isMariaDb,
        isJson: jsonColumns.has(`${name}\u0000${r.COLUMN_NAME}`),
        recordedExpression: recorded.get(`${name}\u0000${r.COLUMN_NAME}`),
        tableCharset: info.TABLE_CHARSET,
        tableCollation: info.TABLE_COLLATION,
      }),
    );
    const checks = (checksByTable.get(name) ?? []).sort((a, b) => compareNames(a.name, b.name));
    const foreignKeys = readForeignKeys(fksByTable.get(name) ?? []);
    const { primaryKey, indexes } = readIndexes(
      indexesByTable.get(name) ?? [],
      new Set(foreignKeys.map((f) => f.name)),
    );
    return compact<Table>({
      name,
      columns,
      primaryKey,
      indexes,
      uniques: [],
      foreignKeys,
      checks: checks.length > 0 ? checks : undefined,
      comment: info.TABLE_COMMENT ? info.TABLE_COMMENT : undefined,
    });
  });
  return { tables };
}

interface ColumnContext {
  readonly isMariaDb: boolean;
  /** MariaDB: the column carries its automatic json_valid CHECK. */
  readonly isJson: boolean;
  /** The expression TypeORM recorded for this column in typeorm_metadata, if any. */
  readonly recordedExpression: string | undefined;
  readonly tableCharset: string | null;
  readonly tableCollation: string | null;
}

function readColumn(r: ColumnRow, ctx: ColumnContext): Column {
  const { isMariaDb } = ctx;
  let type = canonicalType(r.DATA_TYPE);
  if (ctx.isJson && type === "longtext") type = "json";
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
  const generated = readGenerated(r, ctx.recordedExpression);
  // Generated columns: MariaDB rejects NULL/NOT NULL on them and TypeORM writes neither there, so
  // their nullability is not managed (both readers say nullable). See normalise.ts.
  const nullable = generated ? true : r.IS_NULLABLE === "YES";
  // MariaDB's JSON is utf8mb4_bin by definition: part of the type, not a declared collation.
  const { charset, collation } = type === "json" ? { charset: undefined, collation: undefined } : readCharset(r, ctx);
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
    default:
      autoIncrement || generated
        ? undefined
        : normaliseDefault(catalogDefaultExpression(r.COLUMN_DEFAULT, r.EXTRA, isMariaDb, type), type),
    autoIncrement,
    // EXTRA reads "on update current_timestamp(6)" (MariaDB) or "DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6)".
    onUpdate: normaliseDefault(/\bon update (\S+)/i.exec(r.EXTRA)?.[1], type),
    comment: r.COLUMN_COMMENT ? r.COLUMN_COMMENT : undefined,
    asExpression: generated?.expression,
    generatedType: generated?.type,
    charset,
    collation,
  });
}

/**
 * A generated column's expression and kind. EXTRA reads "VIRTUAL GENERATED" / "STORED GENERATED"
 * (MariaDB also "PERSISTENT GENERATED", its older name for STORED). The expression is the one
 * TypeORM recorded in typeorm_metadata when that still describes the column (the text the entity
 * wrote, which TypeORM compares verbatim); else the server's GENERATION_EXPRESSION, canonicalised.
 * https://mariadb.com/kb/en/generated-columns/
 */
function readGenerated(r: ColumnRow, recorded: string | undefined): { expression: string; type: "VIRTUAL" | "STORED" } | undefined {
  const server = r.GENERATION_EXPRESSION;
  if (server === null || server === undefined || server === "" || !/\bGENERATED\b/i.test(r.EXTRA)) return undefined;
  const type = /\bVIRTUAL\b/i.test(r.EXTRA) ? "VIRTUAL" : "STORED";
  const canonical = canonicalExpression(server);
  if (recorded !== undefined && canonicalExpression(recorded) === canonical) return { expression: recorded.trim(), type };
  return { expression: canonical, type };
}

/**
 * A column's character set and collation, kept only where they differ from the table's: the
 * collation when it is not its character set's default (it names the character set too), the
 * character set when it is not the table's. So `charset: "latin1"` reads back as written, and
 * `collation: "utf8mb4_bin"` too (with its character set, which the model side derives the same way).
 */
function readCharset(r: ColumnRow, ctx: ColumnContext): { charset?: string; collation?: string } {
  if (!r.CHARACTER_SET_NAME || !r.COLLATION_NAME) return {};
  if (r.CHARACTER_SET_NAME === ctx.tableCharset && r.COLLATION_NAME === ctx.tableCollation) return {};
  const collation = r.COLLATION_NAME !== r.CHARSET_DEFAULT_COLLATION ? r.COLLATION_NAME : undefined;
  return { charset: r.CHARACTER_SET_NAME, collation };
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
  const byName = new Map<string, { unique: boolean; method?: string; columns: string[] }>();
  for (const r of rows) {
    let entry = byName.get(r.INDEX_NAME);
    if (!entry) {
      // INDEX_TYPE: BTREE, HASH, FULLTEXT, SPATIAL (RTREE on old servers). Plain b-tree is the default.
      const kind = (r.INDEX_TYPE ?? "").toUpperCase();
      const method = kind === "FULLTEXT" ? "fulltext" : kind === "SPATIAL" || kind === "RTREE" ? "spatial" : undefined;
      entry = { unique: Number(r.NON_UNIQUE) === 0, ...(method ? { method } : {}), columns: [] };
      byName.set(r.INDEX_NAME, entry);
    }
    // Functional key parts (MySQL 8) have no column; the IR cannot describe them.
    if (r.COLUMN_NAME !== null) entry.columns.push(r.COLUMN_NAME);
  }
  const indexes: Index[] = [];
  for (const [name, entry] of byName) {
    if (name === "PRIMARY") primaryKey = { columns: entry.columns };
    else if (!fkNames.has(name)) indexes.push({ name, columns: entry.columns, unique: entry.unique, ...(entry.method ? { method: entry.method } : {}) });
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

/** Whether a table `introspect` reads is named `name` (same scope, one query). */
export async function tableExists(conn: Queryable, name: string): Promise<boolean> {
  const rows = await conn.query<{ found: number }>(
    `SELECT 1 AS found FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME = ${quoteLiteral(name)}`,
  );
  return rows.length > 0;
}
