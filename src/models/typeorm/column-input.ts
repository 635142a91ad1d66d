import type { ModelColumnInput } from "../../dialects/dialect";

/**
 * The parts of TypeORM's `ColumnMetadata` and driver that athanor reads. Typed structurally so that
 * the user's own copy of TypeORM (0.3 or 1.x) is read, never the one athanor was built against.
 */
export interface TypeormColumnLike {
  readonly databaseName: string;
  readonly type: unknown;
  readonly precision?: number | null;
  readonly scale?: number;
  readonly width?: number;
  readonly unsigned?: boolean;
  readonly zerofill?: boolean;
  readonly enum?: readonly (string | number)[];
  readonly enumName?: string;
  readonly isArray?: boolean;
  readonly isNullable: boolean;
  readonly default?: unknown;
  readonly isGenerated: boolean;
  readonly generationStrategy?: "increment" | "identity" | "uuid" | "rowid";
  readonly isPrimary: boolean;
  readonly comment?: string;
  readonly onUpdate?: string;
  readonly asExpression?: string;
  readonly generatedType?: "STORED" | "VIRTUAL";
  readonly charset?: string;
  readonly collation?: string;
  /** PostGIS `geometry(Point,4326)`: TypeORM writes them into the type; the IR has no field (noted, not modelled). */
  readonly spatialFeatureType?: string;
  readonly srid?: number;
  readonly entityMetadata: { readonly tableName: string };
}

export interface TypeormDriverLike {
  normalizeType(column: unknown): string;
  getColumnLength(column: unknown): string;
  normalizeDefault(column: unknown): string | undefined;
  readonly uuidGenerator?: string;
  /** TypeORM's table path for this driver ("schema.table", "database.table", or the bare name). */
  buildTableName?(tableName: string, schema?: string, database?: string): string;
}

/** What TypeORM's schema builder would create for `column`, through the driver's own methods. */
export function columnInput(column: TypeormColumnLike, driver: TypeormDriverLike): ModelColumnInput {
  const def = driver.normalizeDefault(column);
  const input: ModelColumnInput = {
    tableName: column.entityMetadata.tableName,
    name: column.databaseName,
    type: driver.normalizeType(column),
    declaredType: typeof column.type === "string" ? column.type : undefined,
    length: String(driver.getColumnLength(column) ?? ""),
    precision: column.precision ?? undefined,
    scale: column.scale ?? undefined,
    width: column.width ?? undefined,
    unsigned: column.unsigned === true,
    zerofill: column.zerofill === true,
    enumValues: column.enum ? column.enum.map((v) => String(v)) : undefined,
    enumName: column.enumName ?? undefined,
    array: column.isArray === true,
    nullable: column.isNullable,
    default: def === undefined || def === null ? undefined : String(def),
    generated: column.isGenerated ? column.generationStrategy : undefined,
    uuidGenerator: typeof driver.uuidGenerator === "string" ? driver.uuidGenerator : undefined,
    primary: column.isPrimary,
    comment: column.comment ?? undefined,
    onUpdate: column.onUpdate ?? undefined,
    asExpression: column.asExpression ?? undefined,
    generatedType: column.asExpression ? (column.generatedType ?? "VIRTUAL") : undefined,
    charset: column.charset ?? undefined,
    collation: column.collation ?? undefined,
  };
  return input;
}
