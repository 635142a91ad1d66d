/** Change table: foreign keys (add, drop, actions, composite, self-referencing, altered FK columns). */
import { changeTable, entity, model } from "./harness";

const owner = (members = "") => entity("Owner", "owners", `  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "varchar", length: 30 }) name!: string;\n${members}`);
const pet = (relation: string) =>
  entity("Pet", "pets", `  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "int", nullable: true }) ownerId!: number | null;\n${relation}`);
const rel = (options: string) => `  @ManyToOne(() => Owner, { nullable: true${options} }) @JoinColumn({ name: "ownerId" }) owner!: Owner | null;`;

const account = (keyType: string, keyLength = "") =>
  model(
    entity("Account", "accounts", `  @PrimaryColumn({ type: "${keyType}"${keyLength} }) code!: string;\n  @Column({ type: "varchar", length: 30 }) name!: string;`),
    entity("Entry", "entries", `  @PrimaryGeneratedColumn() id!: number;\n  @ManyToOne(() => Account, { nullable: true }) @JoinColumn({ name: "accountCode" }) account!: Account | null;`),
  );

const compositeParent = entity("Region", "regions", `  @PrimaryColumn({ type: "varchar", length: 2 }) country!: string;\n  @PrimaryColumn({ type: "int" }) num!: number;`);
const city = (relation: string) => entity("City", "cities", `  @PrimaryGeneratedColumn() id!: number;\n${relation}`);

changeTable("foreign keys", [
  { name: "add a foreign key to an existing column", before: model(owner(), pet("")), after: model(owner(), pet(rel(""))), expectOps: ["addForeignKey"] },
  { name: "drop a foreign key, keeping the column", before: model(owner(), pet(rel(""))), after: model(owner(), pet("")) },
  { name: "set ON DELETE CASCADE", before: model(owner(), pet(rel(""))), after: model(owner(), pet(rel(`, onDelete: "CASCADE"`))) },
  { name: "set ON DELETE SET NULL", before: model(owner(), pet(rel(""))), after: model(owner(), pet(rel(`, onDelete: "SET NULL"`))) },
  { name: "change ON DELETE CASCADE to RESTRICT", before: model(owner(), pet(rel(`, onDelete: "CASCADE"`))), after: model(owner(), pet(rel(`, onDelete: "RESTRICT"`))) },
  { name: "set ON UPDATE CASCADE", before: model(owner(), pet(rel(""))), after: model(owner(), pet(rel(`, onUpdate: "CASCADE"`))) },
  {
    name: "add a foreign key over two columns",
    before: model(compositeParent, city(`  @Column({ type: "varchar", length: 2, nullable: true }) regionCountry!: string | null;\n  @Column({ type: "int", nullable: true }) regionNum!: number | null;`)),
    after: model(
      compositeParent,
      city(
        `  @Column({ type: "varchar", length: 2, nullable: true }) regionCountry!: string | null;\n  @Column({ type: "int", nullable: true }) regionNum!: number | null;\n` +
          `  @ManyToOne(() => Region, { nullable: true }) @JoinColumn([{ name: "regionCountry", referencedColumnName: "country" }, { name: "regionNum", referencedColumnName: "num" }]) region!: Region | null;`,
      ),
    ),
    expectOps: ["addForeignKey"],
  },
  {
    name: "add a self-referencing foreign key",
    before: model(entity("Node", "nodes", `  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "int", nullable: true }) parentId!: number | null;`)),
    after: model(
      entity("Node", "nodes", `  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "int", nullable: true }) parentId!: number | null;\n  @ManyToOne(() => Node, { nullable: true }) @JoinColumn({ name: "parentId" }) parent!: Node | null;`),
    ),
    expectOps: ["addForeignKey"],
  },
  {
    name: "widen a referenced key and its foreign key column varchar(10) -> varchar(20)",
    before: account("varchar", ", length: 10"),
    after: account("varchar", ", length: 20"),
    forbidOps: ["dropColumn"],
  },
  {
    name: "widen a referenced key and its foreign key column int -> bigint",
    before: model(
      entity("Owner", "owners", `  @PrimaryColumn({ type: "int" }) id!: number;\n  @Column({ type: "varchar", length: 30 }) name!: string;`),
      entity("Pet", "pets", `  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "int", nullable: true }) ownerId!: number | null;\n` + rel("")),
    ),
    after: model(
      entity("Owner", "owners", `  @PrimaryColumn({ type: "bigint" }) id!: string;\n  @Column({ type: "varchar", length: 30 }) name!: string;`),
      entity("Pet", "pets", `  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "bigint", nullable: true }) ownerId!: string | null;\n` + rel("")),
    ),
    forbidOps: ["dropColumn"],
  },
  {
    name: "make a foreign key column NOT NULL",
    before: model(owner(), pet(rel(""))),
    after: model(owner(), entity("Pet", "pets", `  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "int" }) ownerId!: number;\n  @ManyToOne(() => Owner, { nullable: false }) @JoinColumn({ name: "ownerId" }) owner!: Owner;`)),
    forbidOps: ["dropColumn"],
  },
  {
    name: "rename a foreign key constraint",
    before: model(owner(), pet(`  @ManyToOne(() => Owner, { nullable: true }) @JoinColumn({ name: "ownerId", foreignKeyConstraintName: "fk_pets_owner" }) owner!: Owner | null;`)),
    after: model(owner(), pet(`  @ManyToOne(() => Owner, { nullable: true }) @JoinColumn({ name: "ownerId", foreignKeyConstraintName: "fk_pets_owner_v2" }) owner!: Owner | null;`)),
    expectOps: ["dropForeignKey", "addForeignKey"],
  },
  {
    name: "point a foreign key at another table",
    before: model(owner(), entity("Vet", "vets", `  @PrimaryGeneratedColumn() id!: number;`), pet(rel(""))),
    after: model(owner(), entity("Vet", "vets", `  @PrimaryGeneratedColumn() id!: number;`), pet(`  @ManyToOne(() => Vet, { nullable: true }) @JoinColumn({ name: "ownerId" }) owner!: Vet | null;`)),
  },
]);
