/**
 * A column's DDL from its canonical IR: the inverse of `introspect`'s reading, written the way
 * TypeORM writes it (MysqlQueryRunner.buildCreateColumnSql) so TypeORM sees no difference.
 */
import type { Column } from "../../schema/types";
import { UnsupportedOperationError } from "../../errors";
import { ENUM_TYPES, LENGTH_TYPES, NUMERIC_TYPES, TEMPORAL_PRECISION_TYPES } from "./normalise";
import { quoteIdentifier, quoteLiteral } from "./quote";

export function columnType(column: Column): string {
  const type = column.type;
  if (!/^[a-z][a-z0-9 ]*$/i.test(type)) {
    throw new UnsupportedOperationError(`column ${column.name}: invalid MySQL type ${JSON.stringify(type)}`);
  }
  if (column.array) {
    throw new UnsupportedOperationError(
      `column ${column.name}: MySQL/MariaDB have no array columns`,
      "use json instead",
    );
  }
  let sql = type;
  if (ENUM_TYPES.has(type)) {
    sql += `(${(column.enumValues ?? []).map(quoteLiteral).join(",")})`;
  } else if (LENGTH_TYPES.has(type) && column.length !== undefined) {
    sql += `(${column.length})`;
  } else if (column.precision !== undefined && column.scale !== undefined) {
    sql += `(${column.precision},${column.scale})`;
  } else if (column.precision !== undefined && (TEMPORAL_PRECISION_TYPES.has(type) || type === "decimal")) {
    sql += `(${column.precision})`;
  }
  if (column.unsigned && NUMERIC_TYPES.has(type)) sql += " UNSIGNED";
  return sql;
}

/** A character set or collation name: written bare, so only plain names are accepted. */
function charsetName(column: Column, name: string): string {
  if (!/^[a-z0-9_]+$/i.test(name)) {
    throw new UnsupportedOperationError(`column ${column.name}: invalid character set or collation ${JSON.stringify(name)}`);
  }
  return name;
}

/**
 * `name type [CHARACTER SET cs] [COLLATE c] [AS (expr) VIRTUAL|STORED] [NOT] NULL [AUTO_INCREMENT]
 * [COMMENT '…'] [DEFAULT expr] [ON UPDATE expr]`, in TypeORM's order (buildCreateColumnSql).
 * A generated column gets no NULL/NOT NULL (MariaDB rejects it: https://mariadb.com/kb/en/generated-columns/)
 * and no default.
 */
export function columnDefinition(column: Column): string {
  let sql = `${quoteIdentifier(column.name)} ${columnType(column)}`;
  if (column.charset) sql += ` CHARACTER SET ${charsetName(column, column.charset)}`;
  if (column.collation) sql += ` COLLATE ${charsetName(column, column.collation)}`;
  if (column.asExpression !== undefined) {
    sql += ` AS (${column.asExpression}) ${column.generatedType === "STORED" ? "STORED" : "VIRTUAL"}`;
    if (column.comment) sql += ` COMMENT ${quoteLiteral(column.comment)}`;
    return sql;
  }
  sql += column.nullable ? " NULL" : " NOT NULL";
  if (column.autoIncrement === "increment") sql += " AUTO_INCREMENT";
  else if (column.autoIncrement === "identity") {
    throw new UnsupportedOperationError(
      `column ${column.name}: MySQL/MariaDB have no identity columns`,
      'use autoIncrement: "increment" (AUTO_INCREMENT)',
    );
  }
  if (column.comment) sql += ` COMMENT ${quoteLiteral(column.comment)}`;
  // The canonical default is already an SQL expression (literals quoted, CURRENT_TIMESTAMP bare).
  if (column.default !== undefined) sql += ` DEFAULT ${column.default}`;
  if (column.onUpdate !== undefined) sql += ` ON UPDATE ${column.onUpdate}`;
  return sql;
}
