/** Change table: primary keys and unique constraints. */
import { changeTable, entity, model } from "./harness";
import { item } from "./cases-common";

const col = (decl: string, decorators = "") => item(`  ${decl}\n`, decorators);
const code = `@Column({ type: "varchar", length: 20 }) code!: string;`;
const pair = (members: string) => model(entity("Pair", "pairs", members));

changeTable("keys", [
  {
    name: "widen a primary key to two columns",
    before: pair(`  @PrimaryColumn({ type: "int" }) a!: number;\n  @Column({ type: "int" }) b!: number;`),
    after: pair(`  @PrimaryColumn({ type: "int" }) a!: number;\n  @PrimaryColumn({ type: "int" }) b!: number;`),
  },
  {
    name: "narrow a two-column primary key to one column",
    before: pair(`  @PrimaryColumn({ type: "int" }) a!: number;\n  @PrimaryColumn({ type: "int" }) b!: number;`),
    after: pair(`  @PrimaryColumn({ type: "int" }) a!: number;\n  @Column({ type: "int" }) b!: number;`),
  },
  {
    name: "move the primary key to another column",
    before: pair(`  @PrimaryColumn({ type: "int" }) a!: number;\n  @Column({ type: "int" }) b!: number;`),
    after: pair(`  @Column({ type: "int" }) a!: number;\n  @PrimaryColumn({ type: "int" }) b!: number;`),
  },
  {
    name: "make an integer primary key auto-increment",
    before: pair(`  @PrimaryColumn({ type: "int" }) a!: number;\n  @Column({ type: "int" }) b!: number;`),
    after: pair(`  @PrimaryGeneratedColumn() a!: number;\n  @Column({ type: "int" }) b!: number;`),
    forbidOps: ["dropColumn"],
  },
  {
    name: "stop a primary key auto-incrementing",
    before: pair(`  @PrimaryGeneratedColumn() a!: number;\n  @Column({ type: "int" }) b!: number;`),
    after: pair(`  @PrimaryColumn({ type: "int" }) a!: number;\n  @Column({ type: "int" }) b!: number;`),
    forbidOps: ["dropColumn"],
  },
  {
    name: "turn a serial primary key into an identity",
    dialects: ["postgres"],
    before: pair(`  @PrimaryGeneratedColumn() a!: number;\n  @Column({ type: "int" }) b!: number;`),
    after: pair(`  @PrimaryGeneratedColumn("identity") a!: number;\n  @Column({ type: "int" }) b!: number;`),
    forbidOps: ["dropColumn"],
  },
  {
    name: "widen a primary key column int to bigint",
    before: pair(`  @PrimaryColumn({ type: "int" }) a!: number;\n  @Column({ type: "int" }) b!: number;`),
    after: pair(`  @PrimaryColumn({ type: "bigint" }) a!: string;\n  @Column({ type: "int" }) b!: number;`),
    forbidOps: ["dropColumn"],
  },
  { name: "make a column unique", before: col(code), after: col(`@Column({ type: "varchar", length: 20, unique: true }) code!: string;`) },
  { name: "make a unique column not unique", before: col(`@Column({ type: "varchar", length: 20, unique: true }) code!: string;`), after: col(code) },
  {
    name: "add a named two-column unique constraint",
    before: col(code),
    after: col(code, `@Unique("uq_items_name_code", ["name", "code"])`),
  },
  {
    name: "drop a named two-column unique constraint",
    before: col(code, `@Unique("uq_items_name_code", ["name", "code"])`),
    after: col(code),
  },
  {
    name: "add an unnamed two-column unique constraint",
    before: col(code),
    after: col(code, `@Unique(["name", "code"])`),
  },
  // TypeORM's schema builder ignores a unique constraint's new name on PostgreSQL and SQLite (it
  // matches them by columns), so only MySQL, where @Unique is a named unique index, has a change.
  {
    name: "rename a unique constraint",
    dialects: ["mysql"],
    before: col(code, `@Unique("uq_items_code", ["code"])`),
    after: col(code, `@Unique("uq_items_code_v2", ["code"])`),
  },
  {
    name: "change the columns of a named unique constraint",
    before: col(code, `@Unique("uq_items_x", ["code"])`),
    after: col(code, `@Unique("uq_items_x", ["name", "code"])`),
  },
  {
    name: "add a unique constraint to a new column",
    before: item(),
    after: col(`@Column({ type: "varchar", length: 20, nullable: true, unique: true }) code!: string | null;`),
    expectOps: ["addColumn"],
  },
]);
