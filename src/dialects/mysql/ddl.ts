/**
 * Ops → MySQL/MariaDB DDL. MySQL has no unique constraints apart from unique indexes, so uniques
 * are written as UNIQUE INDEXes, exactly as TypeORM does (MysqlQueryRunner.createTableSql).
 * DDL is not transactional here (each statement commits); the runner knows from the capabilities.
 */
import type { CompileContext } from "../dialect";
import type { Op } from "../../ops/types";
import type { ForeignKey, Index, Table } from "../../schema/types";
import { UnsupportedOperationError } from "../../errors";
import { columnDefinition } from "./column-definition";
import { quoteIdentifier as q } from "./quote";

export async function compile(op: Op, ctx: CompileContext): Promise<string[]> {
  switch (op.kind) {
    case "createTable":
      return [createTableSql(op.table)];
    case "dropTable":
      return [`DROP TABLE ${q(op.table.name)}`];
    case "renameTable":
      return [`RENAME TABLE ${q(op.from)} TO ${q(op.to)}`];
    case "addColumn":
      return [`ALTER TABLE ${q(op.table)} ADD COLUMN ${columnDefinition(op.column)}`];
    case "dropColumn":
      return [`ALTER TABLE ${q(op.table)} DROP COLUMN ${q(op.column.name)}`];
    case "alterColumn":
      // MODIFY rewrites the column in place with its complete new definition, keeping the data
      // (varchar(50) → varchar(100), int → bigint, nullability, default).
      // https://mariadb.com/kb/en/alter-table/#modify-column
      if (op.from.name !== op.to.name) {
        return [`ALTER TABLE ${q(op.table)} CHANGE COLUMN ${q(op.from.name)} ${columnDefinition(op.to)}`];
      }
      return [`ALTER TABLE ${q(op.table)} MODIFY COLUMN ${columnDefinition(op.to)}`];
    case "renameColumn": {
      // CHANGE works on every version; RENAME COLUMN needs MariaDB 10.5.2 / MySQL 8.0.
      const current = (await ctx.currentTable(op.table))?.columns.find((c) => c.name === op.from);
      if (current) {
        return [
          `ALTER TABLE ${q(op.table)} CHANGE COLUMN ${q(op.from)} ${columnDefinition({ ...current, name: op.to })}`,
        ];
      }
      return [`ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from)} TO ${q(op.to)}`];
    }
    case "createIndex":
      return [
        `CREATE ${op.index.unique ? "UNIQUE " : ""}INDEX ${q(op.index.name)} ON ${q(op.table)} (${columnList(indexColumns(op.index))})${online(op.concurrently)}`,
      ];
    case "dropIndex":
      // MariaDB's DROP INDEX takes no ALGORITHM/LOCK clause; ALTER TABLE does, on both servers.
      return op.concurrently
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
    case "dropCheck":
    case "setTableComment":
      // TODO(zero-noise): compiled by the dialect owner; until then a clear error, never silence.
      throw new UnsupportedOperationError(`${op.kind} is not supported on ${"MySQL"} yet`, "Use op.execute with the SQL for now.");
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
    parts.push(`${index.unique ? "UNIQUE " : ""}INDEX ${q(index.name)} (${columnList(indexColumns(index))})`);
  }
  for (const unique of table.uniques) {
    parts.push(`UNIQUE INDEX ${q(unique.name)} (${columnList(unique.columns)})`);
  }
  for (const fk of table.foreignKeys) parts.push(foreignKeySql(fk));
  return `CREATE TABLE ${q(table.name)} (${parts.join(", ")}) ENGINE=InnoDB`;
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
