/**
 * Synthetic TypeORM projects for `npm run bench`: N entities as TypeScript files, each with about
 * ten columns, three indexes, a unique column and a foreign key, as a real project writes them
 * (decorators, `design:type` for most columns, an entity glob in the DataSource).
 *
 * Version 1 is what TypeORM's `synchronize` builds the database from; version 2 applies
 * KNOWN_EDITS to it. Both tools are then asked for the migration from 1 to 2, and must find
 * exactly those edits. Deterministic: the same N always gives the same files.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type BenchDialect = "postgres" | "mysql" | "sqlite";

export interface SyntheticProjectOptions {
  readonly entities: number;
  readonly version: 1 | 2;
  readonly dialect: BenchDialect;
  /** TypeORM connection options for the DataSource (url, or database for SQLite). */
  readonly connection: Readonly<Record<string, unknown>>;
  /** Also write the entities and DataSource as CommonJS JavaScript (TypeORM's fastest path). */
  readonly javascript?: boolean;
}

/** One edit of version 2, as the ops a correct diff finds for it. */
export interface KnownEdit {
  readonly what: string;
  readonly table: string;
  /** The op kinds a correct migration has for this edit. */
  readonly ops: readonly string[];
}

export const pad = (i: number): string => String(i).padStart(4, "0");
export const tableOf = (i: number): string => `item_${pad(i)}`;
const classOf = (i: number): string => `Item${pad(i)}`;

/** The entity each entity's foreign key points at: an earlier one, spread deterministically. */
const parentOf = (i: number): number | undefined => (i === 0 ? undefined : (i * 7919) % i);

/** The edits of version 2 (for N ≥ 12). The dropped entity is the last: nothing references it. */
export function knownEdits(n: number): KnownEdit[] {
  return [
    { what: "column added (nullable)", table: tableOf(1), ops: ["addColumn"] },
    { what: "column added (with default)", table: tableOf(2), ops: ["addColumn"] },
    { what: "column made nullable", table: tableOf(3), ops: ["alterColumn"] },
    { what: "index added", table: tableOf(4), ops: ["createIndex"] },
    { what: "unique index added", table: tableOf(5), ops: ["createIndex"] },
    { what: "varchar widened", table: tableOf(6), ops: ["alterColumn"] },
    { what: "column added (NOT NULL with default)", table: tableOf(7), ops: ["addColumn"] },
    { what: "index dropped", table: tableOf(8), ops: ["dropIndex"] },
    { what: "column dropped", table: tableOf(9), ops: ["dropColumn"] },
    { what: "table dropped", table: tableOf(n - 1), ops: ["dropTable"] },
    { what: "table added", table: "item_added", ops: ["createTable"] },
  ];
}

function entitySource(i: number, n: number, version: 1 | 2): string {
  const v2 = version === 2;
  const parent = parentOf(i);
  const imports = ["Column", "CreateDateColumn", "Entity", "Index", "PrimaryGeneratedColumn", ...(parent !== undefined ? ["JoinColumn", "ManyToOne"] : [])];
  const lines: string[] = [`import { ${imports.sort().join(", ")} } from "typeorm";`];
  if (parent !== undefined) lines.push(`import { ${classOf(parent)} } from "./${tableOf(parent)}";`);
  lines.push("");
  lines.push(`@Entity("${tableOf(i)}")`);
  lines.push(`@Index("ix_${tableOf(i)}_status_created", ["status", "createdAt"])`);
  if (!(v2 && i === 8)) lines.push(`@Index("ix_${tableOf(i)}_amount", ["amount"])`);
  if (v2 && i === 4) lines.push(`@Index("ix_${tableOf(i)}_title", ["title"])`);
  if (v2 && i === 5) lines.push(`@Index("ux_${tableOf(i)}_code_status", ["code", "status"], { unique: true })`);
  lines.push(`export class ${classOf(i)} {`);
  lines.push(`  @PrimaryGeneratedColumn()\n  id!: number;`);
  const titleLength = v2 && i === 6 ? 200 : 120;
  lines.push(v2 && i === 3 ? `  @Column({ type: "varchar", length: ${titleLength}, nullable: true })\n  title!: string | null;` : `  @Column({ length: ${titleLength} })\n  title!: string;`);
  lines.push(`  @Column({ length: 64, unique: true })\n  code!: string;`);
  lines.push(`  @Column({ type: "text", nullable: true })\n  body!: string | null;`);
  lines.push(`  @Column({ default: 0 })\n  amount!: number;`);
  lines.push(`  @Column({ type: "decimal", precision: 10, scale: 2, default: 0 })\n  price!: string;`);
  lines.push(`  @Column({ default: true })\n  active!: boolean;`);
  lines.push(`  @Column({ length: 20, default: "new" })\n  status!: string;`);
  if (!(v2 && i === 9)) lines.push(`  @Column({ type: "int", nullable: true })\n  rank!: number | null;`);
  lines.push(`  @CreateDateColumn()\n  createdAt!: Date;`);
  if (parent !== undefined) {
    lines.push(`  @Index()\n  @ManyToOne(() => ${classOf(parent)}, { nullable: true, onDelete: "SET NULL" })\n  @JoinColumn({ name: "parent_id" })\n  parent!: ${classOf(parent)} | null;`);
  }
  if (v2 && i === 1) lines.push(`  @Column({ type: "varchar", length: 200, nullable: true })\n  note!: string | null;`);
  if (v2 && i === 2) lines.push(`  @Column({ default: 0 })\n  score!: number;`);
  if (v2 && i === 7) lines.push(`  @Column({ length: 10, default: "eur" })\n  currency!: string;`);
  lines.push("}");
  void n;
  return `${lines.join("\n")}\n`;
}

const ADDED = `import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { ${classOf(0)} } from "./${tableOf(0)}";

@Entity("item_added")
export class ItemAdded {
  @PrimaryGeneratedColumn()
  id!: number;
  @Column({ length: 80 })
  name!: string;
  @ManyToOne(() => ${classOf(0)}, { onDelete: "CASCADE" })
  @JoinColumn({ name: "owner_id" })
  owner!: ${classOf(0)};
}
`;

function dataSourceSource(options: SyntheticProjectOptions, ext: "ts" | "js"): string {
  const settings = { type: options.dialect === "sqlite" ? "better-sqlite3" : options.dialect, ...options.connection };
  const body = `{ ...${JSON.stringify(settings)}, entities: [__dirname + "/entities/*.${ext}"], migrations: [__dirname + "/typeorm-migrations/*.${ext}"], synchronize: false, logging: false }`;
  return ext === "ts"
    ? `import "reflect-metadata";\nimport { DataSource } from "typeorm";\n\nexport const dataSource = new DataSource(${body});\nexport default dataSource;\n`
    : `"use strict";\nrequire("reflect-metadata");\nconst { DataSource } = require("typeorm");\nconst dataSource = new DataSource(${body});\nexports.dataSource = dataSource;\n`;
}

/**
 * Writes the project into `dir` (emptied first): `src/entities/*.ts`, `src/data-source.ts`,
 * `athanor.config.ts`, `tsconfig.json`; with `javascript`, the same as CommonJS under `js/`.
 * Returns the entity count written.
 */
export function writeSyntheticProject(dir: string, options: SyntheticProjectOptions): number {
  const n = options.entities;
  if (n < 12) throw new Error("a synthetic project needs at least 12 entities (the known edits use the first 10 and the last)");
  rmSync(join(dir, "src"), { recursive: true, force: true });
  mkdirSync(join(dir, "src", "entities"), { recursive: true });
  const count = options.version === 2 ? n - 1 : n;
  for (let i = 0; i < count; i++) writeFileSync(join(dir, "src", "entities", `${tableOf(i)}.ts`), entitySource(i, n, options.version));
  if (options.version === 2) writeFileSync(join(dir, "src", "entities", "item_added.ts"), ADDED);
  writeFileSync(join(dir, "src", "data-source.ts"), dataSourceSource(options, "ts"));
  writeFileSync(join(dir, "athanor.config.ts"), `export default { dataSource: { file: "./src/data-source.ts", export: "dataSource" }, migrations: "./migrations" };\n`);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2021", module: "commonjs", strict: true, experimentalDecorators: true, emitDecoratorMetadata: true, skipLibCheck: true } }, null, 2),
  );
  return options.version === 2 ? count + 1 : count;
}

/**
 * The DataSource file for TypeORM's CLI on the JavaScript copy (written by the bench with tsc).
 * One export only: the CLI refuses a file exporting the same DataSource twice (named and default).
 */
export function javascriptDataSource(options: SyntheticProjectOptions): string {
  return dataSourceSource(options, "js");
}
