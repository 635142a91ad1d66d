/** Change table: indexes (plain, unique, multi-column, partial on PostgreSQL and SQLite, FULLTEXT on MySQL). */
import { changeTable } from "./harness";
import { item } from "./cases-common";

const code = `  @Column({ type: "varchar", length: 20 }) code!: string;\n  @Column({ type: "int", nullable: true }) qty!: number | null;\n`;
const items = (decorators = "", members = code) => item(members, decorators);

changeTable("indexes", [
  { name: "add a plain index", before: items(), after: items(`@Index("idx_items_code", ["code"])`), expectOps: ["createIndex"] },
  { name: "drop a plain index", before: items(`@Index("idx_items_code", ["code"])`), after: items(), expectOps: ["dropIndex"] },
  { name: "add an unnamed index on a property", before: items(), after: items("", code.replace("@Column({ type: \"int\"", "@Index() @Column({ type: \"int\"")), expectOps: ["createIndex"] },
  { name: "add a unique index", before: items(), after: items(`@Index("uidx_items_code", ["code"], { unique: true })`) },
  { name: "make an index unique", before: items(`@Index("idx_items_code", ["code"])`), after: items(`@Index("idx_items_code", ["code"], { unique: true })`) },
  { name: "make a unique index plain", before: items(`@Index("idx_items_code", ["code"], { unique: true })`), after: items(`@Index("idx_items_code", ["code"])`) },
  { name: "add a two-column index", before: items(), after: items(`@Index("idx_items_code_qty", ["code", "qty"])`), expectOps: ["createIndex"] },
  { name: "reorder the columns of a two-column index", before: items(`@Index("idx_items_code_qty", ["code", "qty"])`), after: items(`@Index("idx_items_code_qty", ["qty", "code"])`) },
  { name: "add a column to an index", before: items(`@Index("idx_items_x", ["code"])`), after: items(`@Index("idx_items_x", ["code", "qty"])`) },
  { name: "rename an index", before: items(`@Index("idx_items_code", ["code"])`), after: items(`@Index("idx_items_code2", ["code"])`) },
  {
    name: "add a partial index",
    dialects: ["postgres", "sqlite"],
    before: items(),
    after: items(`@Index("idx_items_qty_partial", ["qty"], { where: "qty > 0" })`),
    expectOps: ["createIndex"],
  },
  {
    name: "change a partial index's predicate",
    dialects: ["postgres", "sqlite"],
    before: items(`@Index("idx_items_qty_partial", ["qty"], { where: "qty > 0" })`),
    after: items(`@Index("idx_items_qty_partial", ["qty"], { where: "qty > 10" })`),
  },
  {
    name: "add a partial unique index",
    dialects: ["postgres", "sqlite"],
    before: items(),
    after: items(`@Index("uidx_items_code_live", ["code"], { unique: true, where: "qty IS NOT NULL" })`),
  },
  { name: "add a FULLTEXT index", dialects: ["mysql"], before: items(), after: items(`@Index("ft_items_name", ["name"], { fulltext: true })`), expectOps: ["createIndex"] },
  { name: "drop a FULLTEXT index", dialects: ["mysql"], before: items(`@Index("ft_items_name", ["name"], { fulltext: true })`), after: items(), expectOps: ["dropIndex"] },
  { name: "add a hash index", dialects: ["postgres"], before: items(), after: items(`@Index("idx_items_code_hash", ["code"], { type: "hash" } as never)`), expectOps: ["createIndex"] },
  {
    // Built beside the old one under a temporary name and swapped in: queries always have an index.
    name: "change an index's columns: one online replacement, never a drop then a build",
    dialects: ["postgres"],
    before: items(`@Index("idx_items_code", ["code"])`),
    after: items(`@Index("idx_items_code", ["code", "qty"])`),
    expectOps: ["createIndex"],
    forbidOps: ["dropIndex"],
  },
  { name: "add an index on a new column", before: items(), after: items(`@Index("idx_items_extra", ["extra"])`, code + `  @Column({ type: "int", nullable: true }) extra!: number | null;\n`), expectOps: ["addColumn", "createIndex"] },
]);
