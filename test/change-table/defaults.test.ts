/** Change table: column defaults of each type (add, change, drop). */
import { changeTable, timestampType } from "./harness";
import { ENUM, item } from "./cases-common";

const col = (decl: string) => item(`  ${decl}\n`);

changeTable("defaults", [
  { name: "add an integer default", before: col(`@Column({ type: "int" }) qty!: number;`), after: col(`@Column({ type: "int", default: 5 }) qty!: number;`), expectOps: ["alterColumn"] },
  { name: "change an integer default", before: col(`@Column({ type: "int", default: 5 }) qty!: number;`), after: col(`@Column({ type: "int", default: 9 }) qty!: number;`), expectOps: ["alterColumn"] },
  { name: "drop an integer default", before: col(`@Column({ type: "int", default: 5 }) qty!: number;`), after: col(`@Column({ type: "int" }) qty!: number;`), expectOps: ["alterColumn"] },
  { name: "add a negative integer default", before: col(`@Column({ type: "int" }) qty!: number;`), after: col(`@Column({ type: "int", default: -1 }) qty!: number;`), expectOps: ["alterColumn"] },
  { name: "add a string default", before: col(`@Column({ type: "varchar", length: 20 }) state!: string;`), after: col(`@Column({ type: "varchar", length: 20, default: "draft" }) state!: string;`), expectOps: ["alterColumn"] },
  { name: "change a string default", before: col(`@Column({ type: "varchar", length: 20, default: "draft" }) state!: string;`), after: col(`@Column({ type: "varchar", length: 20, default: "live" }) state!: string;`), expectOps: ["alterColumn"] },
  { name: "add an empty-string default", before: col(`@Column({ type: "varchar", length: 20 }) state!: string;`), after: col(`@Column({ type: "varchar", length: 20, default: "" }) state!: string;`), expectOps: ["alterColumn"] },
  { name: "add a boolean default", before: col(`@Column({ type: "boolean" }) active!: boolean;`), after: col(`@Column({ type: "boolean", default: true }) active!: boolean;`), expectOps: ["alterColumn"] },
  { name: "change a boolean default", before: col(`@Column({ type: "boolean", default: true }) active!: boolean;`), after: col(`@Column({ type: "boolean", default: false }) active!: boolean;`), expectOps: ["alterColumn"] },
  // PostgreSQL is left out of the decimal default: TypeORM's schema builder re-runs
  // SET DEFAULT '1.5' even right after its own synchronize, so no tool can satisfy it there.
  { name: "add a decimal default", dialects: ["mysql", "sqlite"], before: col(`@Column({ type: "decimal", precision: 8, scale: 2 }) price!: string;`), after: col(`@Column({ type: "decimal", precision: 8, scale: 2, default: 1.5 }) price!: string;`), expectOps: ["alterColumn"] },
  { name: "add a float default", before: col(`@Column({ type: "float" }) ratio!: number;`), after: col(`@Column({ type: "float", default: 0.25 }) ratio!: number;`), expectOps: ["alterColumn"] },
  { name: "add a CURRENT_TIMESTAMP default", before: (d) => col(`@Column({ type: "${timestampType(d)}" }) at!: Date;`), after: (d) => col(`@Column({ type: "${timestampType(d)}", default: () => "CURRENT_TIMESTAMP" }) at!: Date;`), expectOps: ["alterColumn"] },
  { name: "drop a CURRENT_TIMESTAMP default", before: (d) => col(`@Column({ type: "${timestampType(d)}", default: () => "CURRENT_TIMESTAMP" }) at!: Date;`), after: (d) => col(`@Column({ type: "${timestampType(d)}" }) at!: Date;`), expectOps: ["alterColumn"] },
  { name: "add a now() default", dialects: ["postgres"], before: col(`@Column({ type: "timestamptz" }) at!: Date;`), after: col(`@Column({ type: "timestamptz", default: () => "now()" }) at!: Date;`), expectOps: ["alterColumn"] },
  { name: "add a date literal default", before: col(`@Column({ type: "date" }) day!: string;`), after: col(`@Column({ type: "date", default: "2024-01-01" }) day!: string;`), expectOps: ["alterColumn"] },
  { name: "add an enum default", before: (d) => col(`@Column({ type: "${ENUM(d)}", enum: ["a", "b"] }) kind!: string;`), after: (d) => col(`@Column({ type: "${ENUM(d)}", enum: ["a", "b"], default: "b" }) kind!: string;`), expectOps: ["alterColumn"] },
  // Not on MariaDB: it stores CURRENT_DATE as curdate(), and TypeORM's schema builder then re-sets
  // the default forever, after its own synchronize too (athanor compares them equal: unit-tested).
  { name: "add a CURRENT_DATE default", dialects: ["postgres", "sqlite"], before: col(`@Column({ type: "date" }) day!: string;`), after: col(`@Column({ type: "date", default: () => "CURRENT_DATE" }) day!: string;`), expectOps: ["alterColumn"] },
  {
    name: "drop a smallint column with a default (the downgrade re-creates the default as synchronize spelt it)",
    before: col(`@Column({ type: "smallint", default: 25 }) qty!: number;`),
    after: item(),
    expectOps: ["dropColumn"],
  },
  {
    name: "drop a table whose columns have defaults (the downgrade re-creates them as synchronize spelt them)",
    before: item("", "", `@Entity("flags")\nexport class Flag {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "smallint", default: -3 }) level!: number;\n  @Column({ type: "varchar", length: 10, default: "" }) label!: string;\n}\n`),
    after: item(),
    expectOps: ["dropTable"],
  },
  { name: "add a bigint default", before: col(`@Column({ type: "bigint" }) big!: string;`), after: col(`@Column({ type: "bigint", default: 10000000000 }) big!: string;`), expectOps: ["alterColumn"] },
]);
