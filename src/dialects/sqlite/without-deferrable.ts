import type { Table } from "../../schema/types";

/**
 * TypeORM's SQLite runner writes `DEFERRABLE …` into CREATE TABLE but never reads it back, so its
 * schema builder ignores the option; athanor's SQLite introspector does not read it either (the
 * `foreign_key_list` pragma does not report it). The model drops it so the differ agrees with both.
 * https://www.sqlite.org/foreignkeys.html#fk_deferred
 */
export function withoutDeferrable(table: Table): Table {
  if (!table.foreignKeys.some((fk) => fk.deferrable !== undefined)) return table;
  return { ...table, foreignKeys: table.foreignKeys.map(({ deferrable: _ignored, ...fk }) => fk) };
}
