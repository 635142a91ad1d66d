import type { Table } from "../../schema/types";

/**
 * MySQL/MariaDB have no deferrable constraints and TypeORM's MysqlQueryRunner never writes a
 * `deferrable` option, so a relation's `deferrable` is dropped from the model: the catalog can
 * never show it and the differ must not ask for it.
 * https://dev.mysql.com/doc/refman/8.0/en/ansi-diff-foreign-keys.html
 */
export function withoutDeferrable(table: Table): Table {
  if (!table.foreignKeys.some((fk) => fk.deferrable !== undefined)) return table;
  return { ...table, foreignKeys: table.foreignKeys.map(({ deferrable: _ignored, ...fk }) => fk) };
}
