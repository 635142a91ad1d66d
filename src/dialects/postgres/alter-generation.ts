import type { Column } from "../../schema/types";
import { UnsupportedOperationError } from "../../errors";
import { quoteIdentifier as q } from "./quote";
import { columnSql, commentSql } from "./column-sql";
import { forgetGeneratedSql, recordGeneratedSql, sameExpression } from "./generated-columns";

export function generationChanged(from: Column, to: Column): boolean {
  return from.asExpression !== to.asExpression || from.generatedType !== to.generatedType;
}

/**
 * A change to a column's generation. PostgreSQL cannot change a generation expression in place
 * before 17 (ALTER COLUMN … SET EXPRESSION), nor turn a plain column into a generated one, so the
 * column is dropped and added again: its values are recomputed from the new expression, and
 * indexes or constraints on it go with it. A generated column becomes a plain one keeping its
 * values (DROP EXPRESSION, PostgreSQL 13+). The same expression spelt differently only updates
 * TypeORM's record of it (see generated-columns.ts).
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function alterGeneration(table: string, from: Column, to: Column, alterRest: (from: Column, to: Column) => string[]): string[] {
  if (from.name !== to.name) {
    throw new UnsupportedOperationError(`alterColumn cannot rename "${from.name}" to "${to.name}"`, "emit a renameColumn op before the alteration");
  }
  if (from.asExpression !== undefined && to.asExpression !== undefined && sameExpression(from.asExpression, to.asExpression)) {
    return [...alterRest({ ...from, asExpression: to.asExpression, generatedType: to.generatedType }, to), ...recordGeneratedSql(table, to)];
  }
  if (to.asExpression === undefined) {
    const plain: Column = withoutGeneration(from);
    return [`ALTER TABLE ${q(table)} ALTER COLUMN ${q(from.name)} DROP EXPRESSION`, ...forgetGeneratedSql(table, from), ...alterRest(plain, to)];
  }
  return [
    `ALTER TABLE ${q(table)} DROP COLUMN ${q(from.name)} /* recomputed: PostgreSQL cannot change a generation expression in place */`,
    ...forgetGeneratedSql(table, from),
    `ALTER TABLE ${q(table)} ADD COLUMN ${columnSql(to)}`,
    ...(to.comment ? [commentSql(table, to.name, to.comment)] : []),
    ...recordGeneratedSql(table, to),
  ];
}

function withoutGeneration(c: Column): Column {
  const { asExpression: _e, generatedType: _g, ...rest } = c;
  return rest;
}
