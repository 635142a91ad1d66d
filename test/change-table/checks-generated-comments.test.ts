/** Change table: CHECK constraints, generated columns and table comments. */
import { changeTable, entity, model } from "./harness";
import type { TestDialect } from "../support/databases";
import { item, ITEM_BASE } from "./cases-common";

const qty = `  @Column({ type: "int", default: 1 }) qty!: number;\n`;
const commented = (comment?: string) => model(entity("Item", "items", ITEM_BASE, "", comment === undefined ? "" : `{ comment: ${JSON.stringify(comment)} }`));
/** Rows given explicitly: the seeded rows must not write into a generated column. */
const genRows = { items: [{ name: "a", qty: 1 }, { name: "b", qty: 2 }] };
/** `"qty" * n` in the dialect's identifier quotes (MySQL reads "qty" as a string). */
const times = (d: TestDialect, n: number) => (d === "mysql" ? `\`qty\` * ${n}` : `"qty" * ${n}`);
const gen = (expr: string, kind: "STORED" | "VIRTUAL") =>
  item(`  @Column({ type: "int" }) qty!: number;\n  @Column({ type: "int", generatedType: "${kind}", asExpression: ${JSON.stringify(expr)}, nullable: true }) double!: number | null;\n`);

/** TypeORM never builds a CHECK on MySQL/MariaDB (its schema builder skips them): the MySQL case is below. */
const CHECK_DIALECTS = ["postgres", "sqlite"] as const;

changeTable("checks, generated columns, table comments", [
  { name: "add a CHECK constraint", dialects: CHECK_DIALECTS, before: item(qty), after: item(qty, `@Check("chk_items_qty", '"qty" > 0')`), expectOps: ["addCheck"] },
  { name: "drop a CHECK constraint", dialects: CHECK_DIALECTS, before: item(qty, `@Check("chk_items_qty", '"qty" > 0')`), after: item(qty), expectOps: ["dropCheck"] },
  { name: "change a CHECK constraint's expression", dialects: CHECK_DIALECTS, before: item(qty, `@Check("chk_items_qty", '"qty" > 0')`), after: item(qty, `@Check("chk_items_qty", '"qty" >= 0')`) },
  { name: "add a CHECK over two columns", dialects: CHECK_DIALECTS, before: item(qty), after: item(qty, `@Check("chk_items_name_qty", '"qty" < 1000 AND "name" <> \\'\\'')`), expectOps: ["addCheck"] },
  {
    // TypeORM's schema builder never creates or drops a CHECK on MySQL/MariaDB (RdbmsSchemaBuilder
    // returns early), though MariaDB enforces them: athanor creates the declared one, which TypeORM
    // then leaves alone; the round trip proves it upgrades, re-diffs empty and downgrades.
    name: "add a CHECK on MySQL/MariaDB: athanor creates the declared check TypeORM's synchronize skips",
    dialects: ["mysql"],
    before: item(qty),
    after: item(qty, `@Check("chk_items_qty", "\`qty\` > 0")`),
    expectOps: ["addCheck"],
  },
  {
    name: "add a stored generated column",
    before: item(`  @Column({ type: "int" }) qty!: number;\n`),
    after: (d) => gen(times(d, 2), "STORED"),
    rows: genRows,
    expectOps: ["addColumn"],
  },
  {
    name: "add a virtual generated column",
    dialects: ["mysql", "sqlite"],
    before: item(`  @Column({ type: "int" }) qty!: number;\n`),
    after: (d) => gen(times(d, 2), "VIRTUAL"),
    rows: genRows,
    expectOps: ["addColumn"],
  },
  { name: "change a generated column's expression", before: (d) => gen(times(d, 2), "STORED"), after: (d) => gen(times(d, 3), "STORED"), rows: genRows },
  { name: "drop a generated column", before: (d) => gen(times(d, 2), "STORED"), after: item(`  @Column({ type: "int" }) qty!: number;\n`), rows: genRows, expectOps: ["dropColumn"] },
  { name: "add a table comment", dialects: ["postgres", "mysql"], before: commented(), after: commented("things we sell"), expectOps: ["setTableComment"] },
  { name: "change a table comment", dialects: ["postgres", "mysql"], before: commented("things we sell"), after: commented("things in stock"), expectOps: ["setTableComment"] },
  { name: "drop a table comment", dialects: ["postgres", "mysql"], before: commented("things we sell"), after: commented(), expectOps: ["setTableComment"] },
  { name: "create a table with a comment and a CHECK", dialects: CHECK_DIALECTS, before: item(), after: item("", "", entity("Box", "boxes", `  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "int" }) size!: number;`, `@Check("chk_boxes_size", '"size" > 0')`, `{ comment: "boxes" }`)), expectOps: ["createTable"] },
]);
