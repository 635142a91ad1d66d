/** The entities most cases start from: a small `items` table, and a `tags` table to relate to. */
import type { TestDialect } from "../support/databases";
import { entity, model } from "./harness";

export const ITEM_BASE = `  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "varchar", length: 50 }) name!: string;\n`;

/** `items` (id, name) plus `members`, with class decorators and further classes in the same file. */
export function item(members = "", decorators = "", ...others: string[]): string {
  return model(entity("Item", "items", ITEM_BASE + members, decorators), ...others);
}

export const TAG = entity("Tag", "tags", `  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "varchar", length: 30 }) label!: string;`);

/** TypeORM's SQLite driver has no "enum"; "simple-enum" is its CHECK-constrained text there. */
export const ENUM = (d: TestDialect) => (d === "sqlite" ? "simple-enum" : "enum");
