/**
 * TypeORM column facts → the canonical IR column, equal to what `introspect` reads back after
 * TypeORM's `synchronize` created the column (see MysqlDriver.createFullType and
 * MysqlQueryRunner.buildCreateColumnSql for the DDL TypeORM writes).
 */
import type { ModelColumnInput } from "../dialect";
import type { Column, ForeignKeyAction } from "../../schema/types";
import { compact } from "../../schema/lookup";
import { UnsupportedOperationError } from "../../errors";
import {
  canonicalType,
  DEFAULT_LENGTH,
  ENUM_TYPES,
  LENGTH_TYPES,
  normaliseDefault,
  NUMERIC_TYPES,
  TEMPORAL_PRECISION_TYPES,
} from "./normalise";

export function modelColumn(input: ModelColumnInput): Column {
  // TypeORM calls MariaDB's JSON "longtext" (its storage); the catalog's json_valid check says json.
  let type = input.declaredType === "json" ? "json" : canonicalType(input.type);
  let length: number | undefined;
  let precision: number | undefined;
  let scale: number | undefined;

  if (LENGTH_TYPES.has(type)) {
    const n = parseInt(input.length, 10);
    // Without the server's uuid type TypeORM maps `uuid` to varchar but gives a length only to
    // generated uuids, and would write a bare `varchar` (a syntax error); 36 is the length it uses.
    const fallback = input.declaredType === "uuid" && type === "varchar" ? 36 : DEFAULT_LENGTH[type];
    length = Number.isFinite(n) ? n : fallback;
  } else if (type === "decimal") {
    // TypeORM writes `decimal(p,s)`, `decimal(p)` or bare `decimal`; the server stores (10,0) defaults.
    precision = input.precision ?? 10;
    scale = input.precision !== undefined ? (input.scale ?? 0) : 0;
  } else if (type === "float" || type === "double") {
    if (input.precision !== undefined && input.scale !== undefined) {
      precision = input.precision;
      scale = input.scale;
    } else if (type === "float" && input.precision !== undefined && input.precision > 24) {
      // `float(p)` only picks single or double precision: p > 24 is stored as DOUBLE.
      type = "double";
    }
  } else if (TEMPORAL_PRECISION_TYPES.has(type) && input.precision) {
    precision = input.precision;
  }

  const autoIncrement = input.generated === "increment" ? "increment" : undefined;
  // A generated column keeps the entity's text: it is what TypeORM records in typeorm_metadata and
  // compares, and what the introspector reads back from there (see introspect.ts readGenerated).
  const asExpression = input.asExpression?.trim() ? input.asExpression.trim() : undefined;
  const { charset, collation } = type === "json" ? {} : modelCharset(input.charset, input.collation);
  return compact<Column>({
    name: input.name,
    type,
    length,
    precision,
    scale,
    // ZEROFILL implies UNSIGNED on the server.
    unsigned: NUMERIC_TYPES.has(type) && (input.unsigned || input.zerofill) ? true : undefined,
    enumValues: ENUM_TYPES.has(type) && input.enumValues ? [...input.enumValues] : undefined,
    // Generated columns: nullability is not managed (MariaDB rejects NULL/NOT NULL on them).
    nullable: asExpression ? true : input.primary ? false : input.nullable,
    default: autoIncrement || asExpression ? undefined : normaliseDefault(input.default, type),
    autoIncrement,
    onUpdate: normaliseDefault(input.onUpdate, type),
    comment: input.comment ? input.comment : undefined,
    asExpression,
    generatedType: asExpression ? (input.generatedType ?? "VIRTUAL") : undefined,
    charset,
    collation,
  });
}

/**
 * A declared character set and collation as the introspector reads them back: a collation names its
 * character set (`utf8mb4_bin` → utf8mb4, every collation name starts with its character set's), so
 * a collation alone brings its character set. Names are lower case on the server.
 * https://mariadb.com/kb/en/supported-character-sets-and-collations/
 */
function modelCharset(charset: string | undefined, collation: string | undefined): { charset?: string; collation?: string } {
  const coll = collation?.trim().toLowerCase() || undefined;
  const cs = charset?.trim().toLowerCase() || (coll ? (coll === "binary" ? "binary" : coll.split("_")[0]) : undefined);
  return { charset: cs, collation: coll };
}

/**
 * InnoDB treats RESTRICT and NO ACTION alike, but the catalog keeps the spelling that was written
 * and TypeORM compares it verbatim, so they stay distinct. TypeORM's default is NO ACTION.
 */
export function modelForeignKeyAction(action: string | undefined): ForeignKeyAction {
  return canonicalForeignKeyAction(action ?? "NO ACTION");
}

export function canonicalForeignKeyAction(action: string): ForeignKeyAction {
  const a = action.trim().toUpperCase().replace(/\s+/g, " ");
  switch (a) {
    case "CASCADE":
    case "SET NULL":
    case "SET DEFAULT":
    case "RESTRICT":
    case "NO ACTION":
      return a;
    default:
      throw new UnsupportedOperationError(
        `unknown referential action ${JSON.stringify(action)}`,
        "use CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION",
      );
  }
}
