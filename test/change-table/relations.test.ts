/** Change table: relations as TypeORM users write them (ManyToOne, OneToOne, ManyToMany junctions). */
import { changeTable, entity, model } from "./harness";

const author = (members = "") => entity("Author", "authors", `  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "varchar", length: 30 }) name!: string;\n${members}`);
const book = (members = "") => entity("Book", "books", `  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "varchar", length: 30 }) title!: string;\n${members}`);
const profile = entity("Profile", "profiles", `  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "varchar", length: 30, nullable: true }) bio!: string | null;`);

changeTable("relations", [
  { name: "add a nullable ManyToOne", before: model(author(), book()), after: model(author(), book(`  @ManyToOne(() => Author, { nullable: true }) author!: Author | null;`)), expectOps: ["addColumn", "addForeignKey"] },
  { name: "drop a ManyToOne", before: model(author(), book(`  @ManyToOne(() => Author, { nullable: true }) author!: Author | null;`)), after: model(author(), book()), expectOps: ["dropColumn"] },
  {
    name: "add a ManyToOne with its OneToMany side",
    before: model(author(), book()),
    after: model(author(`  @OneToMany(() => Book, (b) => b.author) books!: Book[];`), book(`  @ManyToOne(() => Author, (a) => a.books, { nullable: true, onDelete: "CASCADE" }) author!: Author | null;`)),
    expectOps: ["addForeignKey"],
  },
  {
    name: "add a NOT NULL ManyToOne to an empty table",
    before: model(author(), book()),
    after: model(author(), book(`  @ManyToOne(() => Author, { nullable: false }) author!: Author;`)),
    rows: false,
    expectOps: ["addColumn", "addForeignKey"],
  },
  { name: "add a OneToOne (a unique foreign key)", before: model(profile, author()), after: model(profile, author(`  @OneToOne(() => Profile, { nullable: true }) @JoinColumn() profile!: Profile | null;`)), expectOps: ["addColumn", "addForeignKey"] },
  { name: "drop a OneToOne", before: model(profile, author(`  @OneToOne(() => Profile, { nullable: true }) @JoinColumn() profile!: Profile | null;`)), after: model(profile, author()), expectOps: ["dropColumn"] },
  {
    name: "turn a OneToOne into a ManyToOne (the unique goes)",
    before: model(profile, author(`  @OneToOne(() => Profile, { nullable: true }) @JoinColumn({ name: "profileId" }) profile!: Profile | null;`)),
    after: model(profile, author(`  @ManyToOne(() => Profile, { nullable: true }) @JoinColumn({ name: "profileId" }) profile!: Profile | null;`)),
    forbidOps: ["dropColumn"],
  },
  {
    name: "add a ManyToMany (a junction table)",
    before: model(author(), book()),
    after: model(author(), book(`  @ManyToMany(() => Author) @JoinTable() authors!: Author[];`)),
    expectOps: ["createTable"],
  },
  {
    name: "drop a ManyToMany (its junction table goes)",
    before: model(author(), book(`  @ManyToMany(() => Author) @JoinTable() authors!: Author[];`)),
    after: model(author(), book()),
    expectOps: ["dropTable"],
  },
  {
    name: "add a ManyToMany with a named junction table and columns",
    before: model(author(), book()),
    after: model(
      author(),
      book(`  @ManyToMany(() => Author) @JoinTable({ name: "book_authors", joinColumn: { name: "book_id", referencedColumnName: "id" }, inverseJoinColumn: { name: "author_id", referencedColumnName: "id" } }) authors!: Author[];`),
    ),
    expectOps: ["createTable"],
  },
  {
    name: "rename a ManyToMany junction table with --rename-table",
    before: model(author(), book(`  @ManyToMany(() => Author) @JoinTable({ name: "book_authors" }) authors!: Author[];`)),
    after: model(author(), book(`  @ManyToMany(() => Author) @JoinTable({ name: "books_by_author" }) authors!: Author[];`)),
    renames: { tables: { book_authors: "books_by_author" } },
    expectOps: ["renameTable"],
    forbidOps: ["dropTable", "createTable"],
  },
  {
    name: "add a self-referencing ManyToMany",
    before: model(author()),
    after: model(author(`  @ManyToMany(() => Author) @JoinTable({ name: "author_friends" }) friends!: Author[];`)),
    expectOps: ["createTable"],
  },
]);
