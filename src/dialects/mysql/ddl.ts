/**
 * Ops → MySQL/MariaDB DDL. MySQL has no unique constraints apart from unique indexes, so uniques
 * are written as UNIQUE INDEXes, exactly as TypeORM does (MysqlQueryRunner.createTableSql).
 * DDL is not transactional here (each statement commits); the runner knows from the capabilities.
 */
import type { CompileContext } from "../dialect";
import { dropColumnCascade } from "../../ops/apply";
import type { Op } from "../../ops/types";
import type { Check, Column, ForeignKey, Index, Table } from "../../schema/types";
import { UnsupportedOperationError } from "../../errors";
import { columnDefinition } from "./column-definition";
import { instantAddClause } from "./instant-add-column";
import { DEFAULT_MYSQL_VERSION, mysqlCapabilities } from "./server-version";
import { quoteIdentifier as q, quoteLiteral } from "./quote";
import { forgetGenerated, recordGenerated, renameGenerated } from "./typeorm-metadata";

export async function compile(op: Op, ctx: CompileContext): Promise<string[]> {
  const capabilities = mysqlCapabilities(ctx.serverVersion ?? DEFAULT_MYSQL_VERSION);
  switch (op.kind) {
    case "createTable":
      return [createTableSql(op.table), ...recordGenerated(op.table.name, op.table.columns)];
    case "dropTable": {
      const sql = [`DROP TABLE ${q(op.table.name)}`];
      return op.table.columns.some((c) => c.asExpression !== undefined) ? [...sql, ...forgetGenerated(op.table.name)] : sql;
    }
    case "renameTable": {
      const sql = [`RENAME TABLE ${q(op.from)} TO ${q(op.to)}`];
      const current = await ctx.currentTable(op.from);
      return current?.columns.some((c) => c.asExpression !== undefined) ? [...sql, ...renameGenerated(op.from, { table: op.to })] : sql;
    }
    case "addColumn":
      return [`ALTER TABLE ${q(op.table)} ADD COLUMN ${columnDefinition(op.column)}${await instantAddClause(op.table, op.column, ctx)}`, ...recordGenerated(op.table, [op.column])];
    case "dropColumn": {
      const drops = [...(await droppedWithColumn(op.table, op.column.name, ctx)), `DROP COLUMN ${q(op.column.name)}`];
      const sql = [`ALTER TABLE ${q(op.table)} ${drops.join(", ")}`];
      return op.column.asExpression !== undefined ? [...sql, ...forgetGenerated(op.table, op.column.name)] : sql;
    }
    case "alterColumn": {
      // MODIFY rewrites the column in place with its complete new definition, keeping the data
      // (varchar(50) → varchar(100), int → bigint, nullability, default).
      // https://mariadb.com/kb/en/alter-table/#modify-column
      const sql = switchesGeneration(op.from, op.to)
        ? await replaceColumn(op.table, op.from, op.to, ctx)
        : op.from.name !== op.to.name
          ? [`ALTER TABLE ${q(op.table)} CHANGE COLUMN ${q(op.from.name)} ${columnDefinition(op.to)}`]
          : [`ALTER TABLE ${q(op.table)} MODIFY COLUMN ${columnDefinition(op.to)}`];
      if (op.to.asExpression !== undefined) {
        const forget = op.from.name !== op.to.name && op.from.asExpression !== undefined ? forgetGenerated(op.table, op.from.name).slice(1) : [];
        return [...sql, ...recordGenerated(op.table, [op.to]), ...forget];
      }
      return op.from.asExpression !== undefined ? [...sql, ...forgetGenerated(op.table, op.from.name)] : sql;
    }
    case "renameColumn": {
      // RENAME COLUMN (MariaDB 10.5.2+, MySQL 8.0+) names nothing but the two names, so it cannot
      // change anything else by mistake; CHANGE works on every version but restates the whole
      // column, which therefore must be known.
      const current = (await ctx.currentTable(op.table))?.columns.find((c) => c.name === op.from);
      const metadata = current?.asExpression !== undefined ? renameGenerated(op.table, { column: { from: op.from, to: op.to } }) : [];
      if (capabilities.renameColumn === "rename") return [`ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from)} TO ${q(op.to)}`, ...metadata];
      if (!current) {
        throw new UnsupportedOperationError(
          `cannot rename column "${op.from}" of "${op.table}" on ${ctx.serverVersion ?? DEFAULT_MYSQL_VERSION}: this server has no RENAME COLUMN, and CHANGE COLUMN needs the column's definition, which is unknown here.`,
          "Run against the live database (not offline), or check that the column exists at this point of the migration.",
        );
      }
      return [`ALTER TABLE ${q(op.table)} CHANGE COLUMN ${q(op.from)} ${columnDefinition({ ...current, name: op.to })}`, ...metadata];
    }
    case "createIndex":
      return [
        `CREATE ${indexKind(op.index)}INDEX ${q(op.index.name)} ON ${q(op.table)} (${columnList(indexColumns(op.index))})${online(op.concurrently && !op.index.method && capabilities.onlineIndexes === "in-place")}`,
      ];
    case "dropIndex":
      // MariaDB's DROP INDEX takes no ALGORITHM/LOCK clause; ALTER TABLE does, on both servers.
      return op.concurrently && !op.index.method && capabilities.onlineIndexes === "in-place"
        ? [`ALTER TABLE ${q(op.table)} DROP INDEX ${q(op.index.name)}, ALGORITHM=INPLACE, LOCK=NONE`]
        : [`DROP INDEX ${q(op.index.name)} ON ${q(op.table)}`];
    case "addUnique":
      return [`CREATE UNIQUE INDEX ${q(op.unique.name)} ON ${q(op.table)} (${columnList(op.unique.columns)})`];
    case "dropUnique":
      return [`DROP INDEX ${q(op.unique.name)} ON ${q(op.table)}`];
    case "addForeignKey":
      return [`ALTER TABLE ${q(op.table)} ADD ${foreignKeySql(op.foreignKey)}`];
    case "dropForeignKey": {
      const sql = [`ALTER TABLE ${q(op.table)} DROP FOREIGN KEY ${q(op.foreignKey.name)}`];
      // InnoDB created an index named like the FK if no other index could serve it, and keeps it
      // after the FK is gone (it also drops it by itself once another usable index appears). The
      // IR hides that index, so it is dropped with its FK; otherwise it would surface as an
      // unexpected index. https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html
      const table = await ctx.currentTable(op.table);
      if (table && !hasUsableIndex(table, op.foreignKey)) {
        sql.push(`DROP INDEX ${q(op.foreignKey.name)} ON ${q(op.table)}`);
      }
      return sql;
    }
    case "addPrimaryKey":
      // The primary key of a MySQL table is always named PRIMARY; a name in the IR is ignored.
      return [`ALTER TABLE ${q(op.table)} ADD PRIMARY KEY (${columnList(op.primaryKey.columns)})`];
    case "dropPrimaryKey":
      return [`ALTER TABLE ${q(op.table)} DROP PRIMARY KEY`];
    case "addCheck":
      // Enforced since MariaDB 10.2.1 and MySQL 8.0.16 (older servers parse and ignore CHECK).
      // https://mariadb.com/kb/en/constraint/#check-constraints
      return [`ALTER TABLE ${q(op.table)} ADD ${checkSql(op.check)}`];
    case "dropCheck":
      // DROP CONSTRAINT: MariaDB 10.2.1+, MySQL 8.0.19+.
      return [`ALTER TABLE ${q(op.table)} DROP CONSTRAINT ${q(op.check.name)}`];
    case "setTableComment":
      // An empty comment is how MySQL removes one.
      return [`ALTER TABLE ${q(op.table)} COMMENT = ${quoteLiteral(op.to ?? "")}`];
    case "execute":
      return [op.sql];
    default: {
      const never: never = op;
      throw new UnsupportedOperationError(`unknown op ${JSON.stringify(never)}`);
    }
  }
}

/**
 * One CREATE TABLE holding columns, primary key, indexes, uniques and foreign keys, as TypeORM
 * writes it. Indexes are declared inline so that InnoDB sees them before the foreign keys and
 * creates no implicit index for an FK that one of them already serves.
 */
export function createTableSql(table: Table): string {
  const parts = table.columns.map(columnDefinition);
  if (table.primaryKey && table.primaryKey.columns.length > 0) {
    parts.push(`PRIMARY KEY (${columnList(table.primaryKey.columns)})`);
  }
  for (const index of table.indexes) {
    parts.push(`${indexKind(index)}INDEX ${q(index.name)} (${columnList(indexColumns(index))})`);
  }
  for (const unique of table.uniques) {
    parts.push(`UNIQUE INDEX ${q(unique.name)} (${columnList(unique.columns)})`);
  }
  for (const fk of table.foreignKeys) parts.push(foreignKeySql(fk));
  for (const check of table.checks ?? []) parts.push(checkSql(check));
  const comment = table.comment ? ` COMMENT=${quoteLiteral(table.comment)}` : "";
  return `CREATE TABLE ${q(table.name)} (${parts.join(", ")}) ENGINE=InnoDB${comment}`;
}

/**
 * MariaDB cannot MODIFY a column between VIRTUAL and STORED, nor between generated and plain
 * ("This is not yet supported for generated columns"); only the expression of a generated column
 * can change in place. https://mariadb.com/kb/en/generated-columns/#statement-support
 */
function switchesGeneration(from: Column, to: Column): boolean {
  if (from.asExpression === undefined && to.asExpression === undefined) return false;
  return from.asExpression === undefined || to.asExpression === undefined || from.generatedType !== to.generatedType;
}

/**
 * Drops the column and adds its new definition at the same position. A generated column's values are
 * derived, so nothing is lost unless a plain column becomes generated (its values are replaced).
 */
async function replaceColumn(table: string, from: Column, to: Column, ctx: CompileContext): Promise<string[]> {
  const columns = (await ctx.currentTable(table))?.columns ?? [];
  const at = columns.findIndex((c) => c.name === from.name);
  const position = at < 0 ? "" : at === 0 ? " FIRST" : ` AFTER ${q(columns[at - 1].name)}`;
  return [`ALTER TABLE ${q(table)} DROP COLUMN ${q(from.name)}, ADD COLUMN ${columnDefinition(to)}${position}`];
}

function checkSql(check: Check): string {
  return `CONSTRAINT ${q(check.name)} CHECK (${check.expression})`;
}

/**
 * `UNIQUE `, `FULLTEXT `, `SPATIAL ` or nothing. FULLTEXT and SPATIAL indexes cannot be built with
 * LOCK=NONE, so they are never made "online" (https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-inplace-alter-algorithm/).
 */
function indexKind(index: Index): string {
  switch (index.method) {
    case undefined:
      return index.unique ? "UNIQUE " : "";
    case "fulltext":
      return "FULLTEXT ";
    case "spatial":
      return "SPATIAL ";
    default:
      throw new UnsupportedOperationError(
        `index ${index.name}: MySQL/MariaDB have no ${JSON.stringify(index.method)} index method`,
        "use fulltext, spatial, or a plain index",
      );
  }
}

function foreignKeySql(fk: ForeignKey): string {
  return (
    `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${columnList(fk.columns)}) ` +
    `REFERENCES ${q(fk.referencedTable)} (${columnList(fk.referencedColumns)}) ` +
    `ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`
  );
}

function indexColumns(index: Index): readonly string[] {
  if (index.where !== undefined) {
    throw new UnsupportedOperationError(
      `index ${index.name}: MySQL/MariaDB have no partial indexes`,
      "remove the `where` condition from the index",
    );
  }
  return index.columns;
}

/**
 * The clauses that drop, in the column's own ALTER TABLE (one statement: nothing half-done on a
 * server without transactional DDL), what the shared simulation (ops/apply.ts) drops with the
 * column. Left to itself MariaDB refuses to drop a column of a multi-column primary key, unique
 * key or CHECK ("Key column 'x' doesn't exist in table", "Unknown column 'x' in 'CHECK'") and
 * shrinks a multi-column index to its other columns (https://mariadb.com/kb/en/alter-table/#drop-column),
 * where PostgreSQL drops them all. Known limit: a multi-column primary key holding the
 * AUTO_INCREMENT column cannot go (MySQL wants that column in a key), and the server says so.
 */
async function droppedWithColumn(table: string, column: string, ctx: CompileContext): Promise<string[]> {
  const current = await ctx.currentTable(table);
  if (!current) return [];
  const gone = dropColumnCascade(current, column);
  const clauses = [
    ...gone.foreignKeys.flatMap((fk) => [`DROP FOREIGN KEY ${q(fk.name)}`, ...(hasUsableIndex(current, fk) ? [] : [`DROP INDEX ${q(fk.name)}`])]),
    ...[...gone.indexes, ...gone.uniques].map((i) => `DROP INDEX ${q(i.name)}`),
    ...gone.checks.map((c) => `DROP CONSTRAINT ${q(c.name)}`),
    ...(gone.primaryKey ? ["DROP PRIMARY KEY"] : []),
  ];
  return [...new Set(clauses)];
}

/** Whether an index other than the FK's own implicit one starts with the FK's columns. */
function hasUsableIndex(table: Table, fk: ForeignKey): boolean {
  const candidates: (readonly string[])[] = [
    ...(table.primaryKey ? [table.primaryKey.columns] : []),
    ...table.indexes.filter((i) => i.name !== fk.name).map((i) => i.columns),
    ...table.uniques.filter((u) => u.name !== fk.name).map((u) => u.columns),
  ];
  return candidates.some((cols) => fk.columns.every((c, i) => cols[i] === c));
}

function columnList(columns: readonly string[]): string {
  return columns.map(q).join(", ");
}

/** InnoDB online DDL: the statement fails rather than silently locking writes when it cannot. */
function online(concurrently: boolean | undefined): string {
  return concurrently ? " ALGORITHM=INPLACE LOCK=NONE" : "";
}
