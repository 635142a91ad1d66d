import type { ModelColumnInput } from "../dialect";
import type { Column, ForeignKeyAction, Table } from "../../schema/types";
import { canonicalExpression } from "./expression";
import { canonicalCollation, canonicalDefault, parseDeclaredType } from "./normalise";

/**
 * TypeORM column → canonical column, exactly as introspect reads back what TypeORM's
 * synchronize creates. TypeORM writes the type through AbstractSqliteDriver.createFullType:
 * enums become `varchar` plus a CHECK, else `type(length)`, `type(p,s)` or `type(p)`; then
 * `PRIMARY KEY AUTOINCREMENT` for generated "increment", `COLLATE x`, `NOT NULL`, then either
 * `AS (expr) VIRTUAL|STORED` (VIRTUAL when no generatedType is given) or `DEFAULT (expr)`:
 * a generated column never gets its default written. SQLite has no comments, unsigned, arrays
 * or character sets: those are never set.
 */
export function modelColumn(input: ModelColumnInput): Column {
  const enumValues = input.enumValues && input.enumValues.length > 0 ? [...input.enumValues] : undefined;
  let full = input.type;
  if (enumValues) full = "varchar";
  else if (input.length !== "") full += `(${input.length})`;
  else if (input.precision !== undefined && input.scale !== undefined) full += `(${input.precision},${input.scale})`;
  else if (input.precision !== undefined) full += `(${input.precision})`;
  const parts = parseDeclaredType(full);
  const autoIncrement = input.generated === "increment" ? ("increment" as const) : undefined;
  const asExpression = input.asExpression !== undefined && input.asExpression.trim() !== "" ? canonicalExpression(input.asExpression, "generated") : undefined;
  const def = autoIncrement || asExpression !== undefined ? undefined : canonicalDefault(input.default);
  return {
    name: input.name,
    type: parts.type,
    rawType: full,
    ...(parts.length !== undefined ? { length: parts.length } : {}),
    ...(parts.precision !== undefined ? { precision: parts.precision } : {}),
    ...(parts.scale !== undefined ? { scale: parts.scale } : {}),
    ...(enumValues ? { enumValues } : {}),
    nullable: input.nullable,
    ...(def !== undefined ? { default: def } : {}),
    ...(autoIncrement ? { autoIncrement } : {}),
    ...(asExpression !== undefined ? { asExpression, generatedType: input.generatedType ?? "VIRTUAL" } : {}),
    ...(input.collation ? { collation: canonicalCollation(input.collation) } : {}),
  };
}

/**
 * SQLite has no table comments (TypeORM's schema builder skips them on SQLite, and its query
 * runner's changeTableComment throws), nor exclusion constraints (TypeORM ignores them here):
 * neither is part of what TypeORM builds, so neither is part of the model.
 */
export function modelTable(table: Table): Table {
  const { comment: _comment, unmodelled: _unmodelled, ...rest } = table;
  return rest;
}

const ACTIONS: readonly ForeignKeyAction[] = ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"];

/** SQLite's default action, and what pragma_foreign_key_list reports when none is given, is NO ACTION. */
export function modelForeignKeyAction(action: string | undefined): ForeignKeyAction {
  const a = (action ?? "").trim().toUpperCase().replace(/\s+/g, " ");
  return (ACTIONS as readonly string[]).includes(a) ? (a as ForeignKeyAction) : "NO ACTION";
}
