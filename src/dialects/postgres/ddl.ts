import type { CompileContext, CompiledStatement } from "../dialect";
import type { Op } from "../../ops/types";
import type { Column, ForeignKey, Index, Table } from "../../schema/types";
import { UnsupportedOperationError } from "../../errors";
import { quoteIdentifier as q } from "./quote";
import { deferrableSql } from "./deferrable";
import { columnSql, commentSql, needsUuidOssp } from "./column-sql";
import { alterColumnTypeSql, columnTypeChanges } from "./alter-column-type";
import { dropEnumIfUnusedSql, ensureEnumSql, enumTypesOf } from "./enum-types";
import { autoIncrementAfterSql, autoIncrementBeforeSql } from "./identity";
import { checkSql, exclusionSql } from "./checks";
import { forgetGeneratedSql, recordGeneratedSql, renameGeneratedSql } from "./generated-columns";
import { alterGeneration, generationChanged } from "./alter-generation";
import { alterSequence, renameSequencesSql } from "./serial-sequence";
import { tableCommentSql } from "./table-comment";
import { defaultSql } from "./defaults";
import { addValidatedSeparately, dropInvalidIndex, outside, replacementIndexName, setNotNullOnline } from "./online";

const UUID_OSSP = `CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`;

/** The SQL statements that perform `op`, in order. */
export async function compile(op: Op, ctx: CompileContext): Promise<string[]> {
  return (await compileStatements(op, ctx)).map((s) => s.sql);
}

/**
 * `compile` with transaction boundaries: the online forms (see online.ts) of index builds and
 * drops, a replaced index, constraints validated separately and SET NOT NULL through a check.
 */
export async function compileStatements(op: Op, ctx: CompileContext): Promise<CompiledStatement[]> {
  switch (op.kind) {
    case "createIndex": {
      const columns = (await ctx.currentTable(op.table))?.columns.map((c) => c.name) ?? op.index.columns;
      if (!op.concurrently) {
        const drop = op.replaces ? [`DROP INDEX ${q(op.replaces.name)}`] : [];
        return [...drop, createIndexSql(op.table, op.index, columns)].map((sql) => ({ sql }));
      }
      if (!op.replaces) return [...(await dropInvalidIndex(ctx, op.index.name)), outside(createIndexSql(op.table, op.index, columns, true))];
      // Build the new one beside the old, then swap: queries have an index at every moment.
      const temporary = replacementIndexName(op.index.name);
      return [
        ...(await dropInvalidIndex(ctx, temporary)),
        outside(createIndexSql(op.table, { ...op.index, name: temporary }, columns, true)),
        outside(`DROP INDEX CONCURRENTLY ${q(op.replaces.name)}`),
        { sql: `ALTER INDEX ${q(temporary)} RENAME TO ${q(op.index.name)}` },
      ];
    }
    case "dropIndex":
      return op.concurrently ? [outside(`DROP INDEX CONCURRENTLY ${q(op.index.name)}`)] : [{ sql: `DROP INDEX ${q(op.index.name)}` }];
    case "addForeignKey":
      if (op.validate === "separately") return addValidatedSeparately(op.table, foreignKeySql(op.foreignKey), op.foreignKey.name);
      break;
    case "addCheck":
      if (op.validate === "separately") return addValidatedSeparately(op.table, checkSql(op.check), op.check.name);
      break;
    case "alterColumn":
      if (op.online && op.from.nullable && !op.to.nullable && !generationChanged(op.from, op.to)) {
        const rest = await compilePlain({ ...op, to: { ...op.to, nullable: true } }, ctx);
        return [...rest.map((sql) => ({ sql })), ...setNotNullOnline(op.table, op.to)];
      }
      break;
    default:
      break;
  }
  return (await compilePlain(op, ctx)).map((sql) => ({ sql }));
}

/** The statements of `op` as one transaction runs them (online forms aside). */
async function compilePlain(op: Op, ctx: CompileContext): Promise<string[]> {
  switch (op.kind) {
    case "createTable":
      return createTable(op.table);
    case "dropTable":
      return [
        `DROP TABLE ${q(op.table.name)}`,
        ...enumTypesOf(op.table.columns).map((e) => dropEnumIfUnusedSql(e.name)),
        ...op.table.columns.flatMap((c) => forgetGeneratedSql(op.table.name, c)),
      ];
    case "renameTable":
      return [
        `ALTER TABLE ${q(op.from)} RENAME TO ${q(op.to)}`,
        ...renameSequencesSql(op.to, (await ctx.currentTable(op.from))?.columns ?? []),
        ...renameGeneratedSql(op.from, await generatedColumns(ctx, op.from), { table: op.to }),
      ];
    case "addColumn":
      return [
        ...prerequisites([op.column]),
        `ALTER TABLE ${q(op.table)} ADD COLUMN ${columnSql(op.column)}`,
        ...(op.column.comment ? [commentSql(op.table, op.column.name, op.column.comment)] : []),
        ...recordGeneratedSql(op.table, op.column),
      ];
    case "dropColumn":
      return [
        `ALTER TABLE ${q(op.table)} DROP COLUMN ${q(op.column.name)}`,
        ...enumTypesOf([op.column]).map((e) => dropEnumIfUnusedSql(e.name)),
        ...forgetGeneratedSql(op.table, op.column),
      ];
    case "alterColumn":
      if (generationChanged(op.from, op.to)) {
        const statements = alterGeneration(op.table, op.from, op.to, (f, t) => alterColumn(op.table, f, t));
        if (!statements.some((sql) => sql.startsWith(`ALTER TABLE ${q(op.table)} DROP COLUMN`))) return statements;
        // Dropping the column dropped its indexes: build them again on the recomputed column.
        const current = await ctx.currentTable(op.table);
        const names = current?.columns.map((c) => c.name) ?? [];
        const onColumn = (current?.indexes ?? []).filter((i) => i.columns.includes(op.to.name));
        return [...statements, ...onColumn.map((i) => createIndexSql(op.table, i, names))];
      }
      return [...alterColumn(op.table, op.from, op.to), ...alterSequence(op.table, op.from, op.to)];
    case "renameColumn":
      return [
        `ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from)} TO ${q(op.to)}`,
        ...renameGeneratedSql(op.table, await generatedColumns(ctx, op.table), { column: [op.from, op.to] }),
      ];
    case "createIndex": {
      const columns = (await ctx.currentTable(op.table))?.columns.map((c) => c.name) ?? op.index.columns;
      return [createIndexSql(op.table, op.index, columns, op.concurrently === true)];
    }
    case "dropIndex":
      return [`DROP INDEX ${op.concurrently ? "CONCURRENTLY " : ""}${q(op.index.name)}`];
    case "addUnique":
      return [`ALTER TABLE ${q(op.table)} ADD CONSTRAINT ${q(op.unique.name)} UNIQUE (${names(op.unique.columns)})`];
    case "dropUnique":
      return [dropConstraintSql(op.table, op.unique.name)];
    case "addForeignKey":
      return [`ALTER TABLE ${q(op.table)} ADD ${foreignKeySql(op.foreignKey)}`];
    case "dropForeignKey":
      return [dropConstraintSql(op.table, op.foreignKey.name)];
    case "addPrimaryKey": {
      const name = op.primaryKey.name ? `CONSTRAINT ${q(op.primaryKey.name)} ` : "";
      return [`ALTER TABLE ${q(op.table)} ADD ${name}PRIMARY KEY (${names(op.primaryKey.columns)})`];
    }
    case "dropPrimaryKey": {
      // An unnamed key got PostgreSQL's default name; the live catalog knows it for sure.
      const name = op.primaryKey.name ?? (await ctx.currentTable(op.table))?.primaryKey?.name ?? `${op.table}_pkey`;
      return [dropConstraintSql(op.table, name)];
    }
    case "addCheck":
      return [`ALTER TABLE ${q(op.table)} ADD ${checkSql(op.check)}`];
    case "dropCheck":
      return [dropConstraintSql(op.table, op.check.name)];
    case "setTableComment":
      return [tableCommentSql(op.table, op.to)];
    case "execute":
      return [op.sql];
    default: {
      const never: never = op;
      throw new UnsupportedOperationError(`unknown op ${JSON.stringify(never)}`);
    }
  }
}

/** The table's generated columns, whose TypeORM rows a rename must follow. */
async function generatedColumns(ctx: CompileContext, table: string): Promise<string[]> {
  return ((await ctx.currentTable(table))?.columns ?? []).filter((c) => c.asExpression !== undefined).map((c) => c.name);
}

function createTable(table: Table): string[] {
  const parts = table.columns.map(columnSql);
  if (table.primaryKey) {
    const name = table.primaryKey.name ? `CONSTRAINT ${q(table.primaryKey.name)} ` : "";
    parts.push(`${name}PRIMARY KEY (${names(table.primaryKey.columns)})`);
  }
  for (const u of table.uniques) parts.push(`CONSTRAINT ${q(u.name)} UNIQUE (${names(u.columns)})`);
  for (const fk of table.foreignKeys) parts.push(foreignKeySql(fk));
  for (const c of table.checks ?? []) parts.push(checkSql(c));
  parts.push(...exclusionSql(table.unmodelled));
  const columnNames = table.columns.map((c) => c.name);
  return [
    ...prerequisites(table.columns),
    `CREATE TABLE ${q(table.name)} (${parts.join(", ")})`,
    ...(table.comment ? [tableCommentSql(table.name, table.comment)] : []),
    ...table.columns.filter((c) => c.comment).map((c) => commentSql(table.name, c.name, c.comment)),
    ...table.indexes.map((i) => createIndexSql(table.name, i, columnNames)),
    // One CREATE TABLE IF NOT EXISTS for TypeORM's table, however many generated columns.
    ...new Set(table.columns.flatMap((c) => recordGeneratedSql(table.name, c))),
  ];
}

/** Enum types and extensions the columns need, created before the table or column. */
function prerequisites(columns: readonly Column[]): string[] {
  const out: string[] = [];
  if (columns.some(needsUuidOssp)) out.push(UUID_OSSP);
  out.push(...enumTypesOf(columns).map((e) => ensureEnumSql(e.name, e.values)));
  return out;
}

/**
 * `CREATE [UNIQUE] INDEX … ON t [USING method] (keys) [WHERE …]`. A key that is no column of the
 * table is an expression (the introspector keeps expression keys as their text), written in
 * parentheses as CREATE INDEX requires (https://www.postgresql.org/docs/current/sql-createindex.html).
 */
function createIndexSql(table: string, index: Index, tableColumns: readonly string[], concurrently = false): string {
  const where = index.where ? ` WHERE ${index.where}` : "";
  const online = concurrently ? "CONCURRENTLY " : "";
  const using = index.method ? ` USING ${index.method}` : "";
  const keys = index.columns.map((k) => (tableColumns.includes(k) ? q(k) : `(${k})`)).join(", ");
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${online}${q(index.name)} ON ${q(table)}${using} (${keys})${where}`;
}

function foreignKeySql(fk: ForeignKey): string {
  return (
    `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${names(fk.columns)}) ` +
    `REFERENCES ${q(fk.referencedTable)} (${names(fk.referencedColumns)}) ` +
    `ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}${deferrableSql(fk.deferrable)}`
  );
}

function dropConstraintSql(table: string, name: string): string {
  return `ALTER TABLE ${q(table)} DROP CONSTRAINT ${q(name)}`;
}

function names(columns: readonly string[]): string {
  return columns.map(q).join(", ");
}

/**
 * In-place alteration that keeps the data: the type (alter-column-type.ts), the generation strategy
 * (identity.ts), SET/DROP DEFAULT, SET/DROP NOT NULL, the comment.
 */
function alterColumn(table: string, from: Column, to: Column): string[] {
  if (from.name !== to.name) {
    throw new UnsupportedOperationError(
      `alterColumn cannot rename "${from.name}" to "${to.name}"`,
      "emit a renameColumn op before the alteration",
    );
  }
  const alter = `ALTER TABLE ${q(table)} ALTER COLUMN ${q(to.name)}`;
  const out: string[] = [...autoIncrementBeforeSql(table, from, to)];
  if (columnTypeChanges(from, to)) out.push(...alterColumnTypeSql(table, from, to));
  else if (from.default !== to.default && to.autoIncrement === undefined) {
    out.push(to.default === undefined ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${defaultSql(to)}`);
  }
  out.push(...autoIncrementAfterSql(table, from, to));
  if (from.nullable !== to.nullable) out.push(`${alter} ${to.nullable ? "DROP" : "SET"} NOT NULL`);
  if ((from.comment ?? "") !== (to.comment ?? "")) out.push(commentSql(table, to.name, to.comment));
  return out;
}
