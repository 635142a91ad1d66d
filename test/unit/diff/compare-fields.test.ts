/**
 * The differ notices every real change: one case per column field of COLUMN_FIELDS and per
 * constraint kind, each `{name, from, to, want}` checked in both directions (`to → from` must give
 * the mirrored ops). The suite elsewhere proves athanor invents no changes; this file proves it
 * misses none: make the differ ignore `default` (or any other field) and a case here fails.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compare } from "../../../src/diff/compare";
import { applyOp } from "../../../src/ops/apply";
import type { Op } from "../../../src/ops/types";
import {
  COLUMN_FIELDS,
  type Check,
  type Column,
  type ColumnField,
  type ForeignKey,
  type ForeignKeyAction,
  type Index,
  type Schema,
  type Table,
  type UniqueConstraint,
} from "../../../src/schema/types";
import { fk, int, plain, table, varchar } from "../fixtures";
import { canonicalSchema } from "../../support/canonical-schema";

/** Two values of a field that must be told apart: `a → b`, and `b → a` in the reverse direction. */
interface FieldCase {
  /** The column as it starts (the field at its first value, or absent). */
  readonly base: Column;
  /** The same column with only `field` changed. */
  readonly changed: Column;
  /** Fields that must change with it for the column to make sense (a generated column's kind). */
  readonly alsoChanged?: readonly ColumnField[];
}

const col = (extra: Partial<Column>): Column => ({ name: "c", type: "varchar", length: 10, nullable: true, ...extra });

/**
 * A `Record` over ColumnField: a field added to COLUMN_FIELDS without a case here fails the build,
 * and the runtime test below fails too (in case the list and the type ever drift apart).
 */
const FIELD_CASES: Record<ColumnField, readonly FieldCase[]> = {
  type: [{ base: col({ type: "varchar" }), changed: col({ type: "char" }) }],
  length: [
    { base: col({ length: 10 }), changed: col({ length: 20 }) },
    { base: col({ length: undefined }), changed: col({ length: 20 }) },
  ],
  precision: [
    { base: col({ type: "decimal", length: undefined, precision: 10, scale: 2 }), changed: col({ type: "decimal", length: undefined, precision: 12, scale: 2 }) },
    { base: col({ type: "timestamp", length: undefined }), changed: col({ type: "timestamp", length: undefined, precision: 3 }) },
  ],
  scale: [{ base: col({ type: "decimal", length: undefined, precision: 10, scale: 2 }), changed: col({ type: "decimal", length: undefined, precision: 10, scale: 4 }) }],
  unsigned: [
    { base: col({ type: "int", length: undefined }), changed: col({ type: "int", length: undefined, unsigned: true }) },
    { base: col({ type: "int", length: undefined, unsigned: false }), changed: col({ type: "int", length: undefined, unsigned: true }) },
  ],
  enumValues: [
    { base: col({ type: "enum", length: undefined, enumValues: ["a", "b"] }), changed: col({ type: "enum", length: undefined, enumValues: ["a", "c"] }) },
    { base: col({ type: "enum", length: undefined, enumValues: ["a", "b"] }), changed: col({ type: "enum", length: undefined, enumValues: ["a", "b", "c"] }) },
    // Order matters: PostgreSQL and MySQL sort enum values by declaration.
    { base: col({ type: "enum", length: undefined, enumValues: ["a", "b"] }), changed: col({ type: "enum", length: undefined, enumValues: ["b", "a"] }) },
  ],
  enumName: [
    { base: col({ type: "enum", length: undefined, enumValues: ["a"], enumName: "e1" }), changed: col({ type: "enum", length: undefined, enumValues: ["a"], enumName: "e2" }) },
  ],
  array: [{ base: col({ type: "integer", length: undefined }), changed: col({ type: "integer", length: undefined, array: true }) }],
  nullable: [{ base: col({ nullable: true }), changed: col({ nullable: false }) }],
  default: [
    { base: col({}), changed: col({ default: "'x'" }) },
    { base: col({ default: "'x'" }), changed: col({ default: "'y'" }) },
  ],
  autoIncrement: [
    { base: col({ type: "integer", length: undefined, nullable: false }), changed: col({ type: "integer", length: undefined, nullable: false, autoIncrement: "increment" }) },
    { base: col({ type: "integer", length: undefined, nullable: false, autoIncrement: "increment" }), changed: col({ type: "integer", length: undefined, nullable: false, autoIncrement: "identity" }) },
  ],
  onUpdate: [{ base: col({ type: "timestamp", length: undefined }), changed: col({ type: "timestamp", length: undefined, onUpdate: "CURRENT_TIMESTAMP" }) }],
  comment: [
    { base: col({}), changed: col({ comment: "a note" }) },
    { base: col({ comment: "a note" }), changed: col({ comment: "another note" }) },
  ],
  asExpression: [
    {
      base: col({ type: "integer", length: undefined }),
      changed: col({ type: "integer", length: undefined, asExpression: "id * 2", generatedType: "STORED" }),
      alsoChanged: ["generatedType"],
    },
    {
      base: col({ type: "integer", length: undefined, asExpression: "id * 2", generatedType: "STORED" }),
      changed: col({ type: "integer", length: undefined, asExpression: "id * 3", generatedType: "STORED" }),
    },
  ],
  generatedType: [
    {
      base: col({ type: "integer", length: undefined, asExpression: "id * 2", generatedType: "STORED" }),
      changed: col({ type: "integer", length: undefined, asExpression: "id * 2", generatedType: "VIRTUAL" }),
    },
  ],
  charset: [{ base: col({ charset: "utf8mb4" }), changed: col({ charset: "latin1" }) }],
  collation: [
    { base: col({}), changed: col({ collation: "C" }) },
    { base: col({ collation: "utf8mb4_bin" }), changed: col({ collation: "utf8mb4_general_ci" }) },
  ],
};

const withColumn = (c: Column): Schema => ({
  tables: [table("t", { columns: [int("id"), c], primaryKey: { name: "pk_t", columns: ["id"] } })],
});

/** The fields of `a` and `b` that differ, by the IR's own definition (JSON data, `undefined` = absent). */
function changedFields(a: Column, b: Column): string[] {
  const pa = plain(a) as unknown as Record<string, unknown>;
  const pb = plain(b) as unknown as Record<string, unknown>;
  return [...new Set([...Object.keys(pa), ...Object.keys(pb)])].filter((k) => JSON.stringify(pa[k]) !== JSON.stringify(pb[k])).sort();
}

const diff = (from: Schema, to: Schema): Op[] => plain(compare(from, to));

/** The ops from → to, applied to `from`, give exactly `to` as plain data (no help from compare). */
function assertAppliesTo(from: Schema, to: Schema): void {
  assert.deepEqual(canonicalSchema(compare(from, to).reduce(applyOp, from)), canonicalSchema(to));
}

describe("compare notices a change of each column field", () => {
  it("every field of COLUMN_FIELDS has at least one case", () => {
    const missing = COLUMN_FIELDS.filter((f) => !(FIELD_CASES[f]?.length > 0));
    assert.deepEqual(missing, []);
    assert.deepEqual(Object.keys(FIELD_CASES).sort(), [...COLUMN_FIELDS].sort(), "a case for a field that is not in COLUMN_FIELDS");
  });

  for (const field of COLUMN_FIELDS) {
    FIELD_CASES[field].forEach(({ base, changed, alsoChanged = [] }, i) => {
      const label = `${field} #${i + 1}: ${JSON.stringify(base[field]) ?? "absent"} → ${JSON.stringify(changed[field]) ?? "absent"}`;
      it(`${label} is one alterColumn carrying from and to`, () => {
        // The case changes exactly its field and nothing else, or it would prove nothing about it.
        assert.deepEqual(changedFields(base, changed), [field, ...alsoChanged].sort());
        assert.deepEqual(diff(withColumn(base), withColumn(changed)), plain([{ kind: "alterColumn", table: "t", from: base, to: changed }]));
        assertAppliesTo(withColumn(base), withColumn(changed));
      });
      it(`${label}, reversed, is the mirrored alterColumn`, () => {
        assert.deepEqual(diff(withColumn(changed), withColumn(base)), plain([{ kind: "alterColumn", table: "t", from: changed, to: base }]));
        assertAppliesTo(withColumn(changed), withColumn(base));
      });
    });
  }

  it("the name and raw type alone are not part of a column's definition", () => {
    assert.deepEqual(diff(withColumn(col({ rawType: "character varying(10)" })), withColumn(col({ rawType: "varchar(10)" }))), []);
  });
});

// --- constraints ---------------------------------------------------------------------------------

const parent = table("p", { columns: [int("id"), int("code")], primaryKey: { name: "pk_p", columns: ["id"] }, uniques: [{ name: "uq_p_code", columns: ["code"] }] });
const child = (parts: Partial<Omit<Table, "name">> = {}): Table =>
  table("c", {
    columns: [int("id"), int("p_id", { nullable: true }), int("p_code", { nullable: true }), varchar("label", 40, { nullable: true })],
    primaryKey: { name: "pk_c", columns: ["id"] },
    ...parts,
  });
const schemaWith = (c: Table): Schema => ({ tables: [c, parent] });

interface ConstraintCase {
  readonly name: string;
  readonly from: Table;
  readonly to: Table;
  /** The ops from → to. The reverse direction must give `reverse` (or, when absent, the same ops with each add/drop swapped). */
  readonly want: Op[];
  readonly reverse: Op[];
}

const idx = (extra: Partial<Index> = {}): Index => ({ name: "idx_c_label", columns: ["label"], unique: false, ...extra });
const uq = (extra: Partial<UniqueConstraint> = {}): UniqueConstraint => ({ name: "uq_c_label", columns: ["label"], ...extra });
const fkP = (extra: Partial<ForeignKey> = {}): ForeignKey => fk("fk_c_p", ["p_id"], "p", ["id"], extra);
const chk = (extra: Partial<Check> = {}): Check => ({ name: "chk_c_label", expression: "label <> ''", ...extra });

/** A changed object: dropped under its old definition, added under its new one, either way. */
function changedPair(
  name: string,
  from: Table,
  to: Table,
  drop: (t: Table) => Op,
  add: (t: Table) => Op,
  dropBack: (t: Table) => Op,
  addBack: (t: Table) => Op,
): ConstraintCase {
  return { name, from, to, want: [drop(from), add(to)], reverse: [dropBack(to), addBack(from)] };
}

const indexChange = (name: string, a: Index, b: Index): ConstraintCase =>
  changedPair(
    name,
    child({ indexes: [a] }),
    child({ indexes: [b] }),
    () => ({ kind: "dropIndex", table: "c", index: a }),
    () => ({ kind: "createIndex", table: "c", index: b }),
    () => ({ kind: "dropIndex", table: "c", index: b }),
    () => ({ kind: "createIndex", table: "c", index: a }),
  );

const fkChange = (name: string, a: ForeignKey, b: ForeignKey): ConstraintCase =>
  changedPair(
    name,
    child({ foreignKeys: [a] }),
    child({ foreignKeys: [b] }),
    () => ({ kind: "dropForeignKey", table: "c", foreignKey: a }),
    () => ({ kind: "addForeignKey", table: "c", foreignKey: b }),
    () => ({ kind: "dropForeignKey", table: "c", foreignKey: b }),
    () => ({ kind: "addForeignKey", table: "c", foreignKey: a }),
  );

const ACTIONS: readonly ForeignKeyAction[] = ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"];

const constraintCases: ConstraintCase[] = [
  // primary key
  {
    name: "a primary key added to a table without one",
    from: child({ primaryKey: undefined }),
    to: child(),
    want: [{ kind: "addPrimaryKey", table: "c", primaryKey: { name: "pk_c", columns: ["id"] } }],
    reverse: [{ kind: "dropPrimaryKey", table: "c", primaryKey: { name: "pk_c", columns: ["id"] } }],
  },
  changedPair(
    "a primary key over other columns",
    child(),
    child({ primaryKey: { name: "pk_c", columns: ["id", "p_id"] } }),
    () => ({ kind: "dropPrimaryKey", table: "c", primaryKey: { name: "pk_c", columns: ["id"] } }),
    () => ({ kind: "addPrimaryKey", table: "c", primaryKey: { name: "pk_c", columns: ["id", "p_id"] } }),
    () => ({ kind: "dropPrimaryKey", table: "c", primaryKey: { name: "pk_c", columns: ["id", "p_id"] } }),
    () => ({ kind: "addPrimaryKey", table: "c", primaryKey: { name: "pk_c", columns: ["id"] } }),
  ),
  changedPair(
    "a primary key over the same columns in another order",
    child({ primaryKey: { name: "pk_c", columns: ["id", "p_id"] } }),
    child({ primaryKey: { name: "pk_c", columns: ["p_id", "id"] } }),
    () => ({ kind: "dropPrimaryKey", table: "c", primaryKey: { name: "pk_c", columns: ["id", "p_id"] } }),
    () => ({ kind: "addPrimaryKey", table: "c", primaryKey: { name: "pk_c", columns: ["p_id", "id"] } }),
    () => ({ kind: "dropPrimaryKey", table: "c", primaryKey: { name: "pk_c", columns: ["p_id", "id"] } }),
    () => ({ kind: "addPrimaryKey", table: "c", primaryKey: { name: "pk_c", columns: ["id", "p_id"] } }),
  ),
  // index
  {
    name: "an index added",
    from: child(),
    to: child({ indexes: [idx()] }),
    want: [{ kind: "createIndex", table: "c", index: idx() }],
    reverse: [{ kind: "dropIndex", table: "c", index: idx() }],
  },
  indexChange("an index made unique", idx(), idx({ unique: true })),
  indexChange("an index over other columns", idx(), idx({ columns: ["label", "p_id"] })),
  indexChange("an index over the same columns in another order", idx({ columns: ["label", "p_id"] }), idx({ columns: ["p_id", "label"] })),
  indexChange("an index made partial (where)", idx(), idx({ where: "label IS NOT NULL" })),
  indexChange("a partial index's predicate changed", idx({ where: "label IS NOT NULL" }), idx({ where: "p_id IS NOT NULL" })),
  indexChange("an index given an access method", idx(), idx({ method: "hash" })),
  indexChange("an index's access method changed", idx({ method: "gin" }), idx({ method: "gist" })),
  // unique constraint
  {
    name: "a unique constraint added",
    from: child(),
    to: child({ uniques: [uq()] }),
    want: [{ kind: "addUnique", table: "c", unique: uq() }],
    reverse: [{ kind: "dropUnique", table: "c", unique: uq() }],
  },
  changedPair(
    "a unique constraint over other columns",
    child({ uniques: [uq()] }),
    child({ uniques: [uq({ columns: ["label", "p_id"] })] }),
    () => ({ kind: "dropUnique", table: "c", unique: uq() }),
    () => ({ kind: "addUnique", table: "c", unique: uq({ columns: ["label", "p_id"] }) }),
    () => ({ kind: "dropUnique", table: "c", unique: uq({ columns: ["label", "p_id"] }) }),
    () => ({ kind: "addUnique", table: "c", unique: uq() }),
  ),
  // foreign key
  {
    name: "a foreign key added",
    from: child(),
    to: child({ foreignKeys: [fkP()] }),
    want: [{ kind: "addForeignKey", table: "c", foreignKey: fkP() }],
    reverse: [{ kind: "dropForeignKey", table: "c", foreignKey: fkP() }],
  },
  fkChange("a foreign key to other referenced columns", fkP(), fkP({ columns: ["p_code"], referencedColumns: ["code"] })),
  fkChange("a foreign key over another local column", fkP(), fkP({ columns: ["p_code"] })),
  fkChange("a foreign key to another table", fkP(), fkP({ referencedTable: "c" })),
  ...ACTIONS.filter((a) => a !== "NO ACTION").flatMap((action) => [
    fkChange(`a foreign key's ON DELETE: NO ACTION → ${action}`, fkP(), fkP({ onDelete: action })),
    fkChange(`a foreign key's ON UPDATE: NO ACTION → ${action}`, fkP(), fkP({ onUpdate: action })),
  ]),
  fkChange("a foreign key made deferrable (INITIALLY IMMEDIATE)", fkP(), fkP({ deferrable: "INITIALLY IMMEDIATE" })),
  fkChange("a foreign key made deferrable (INITIALLY DEFERRED)", fkP(), fkP({ deferrable: "INITIALLY DEFERRED" })),
  fkChange("a deferrable foreign key: INITIALLY IMMEDIATE → INITIALLY DEFERRED", fkP({ deferrable: "INITIALLY IMMEDIATE" }), fkP({ deferrable: "INITIALLY DEFERRED" })),
  // check
  {
    name: "a check added",
    from: child(),
    to: child({ checks: [chk()] }),
    want: [{ kind: "addCheck", table: "c", check: chk() }],
    reverse: [{ kind: "dropCheck", table: "c", check: chk() }],
  },
  changedPair(
    "a check's expression changed",
    child({ checks: [chk()] }),
    child({ checks: [chk({ expression: "length(label) > 2" })] }),
    () => ({ kind: "dropCheck", table: "c", check: chk() }),
    () => ({ kind: "addCheck", table: "c", check: chk({ expression: "length(label) > 2" }) }),
    () => ({ kind: "dropCheck", table: "c", check: chk({ expression: "length(label) > 2" }) }),
    () => ({ kind: "addCheck", table: "c", check: chk() }),
  ),
  // table comment
  {
    name: "a table comment added",
    from: child(),
    to: child({ comment: "children" }),
    want: [{ kind: "setTableComment", table: "c", to: "children" }],
    reverse: [{ kind: "setTableComment", table: "c", from: "children" }],
  },
  {
    name: "a table comment changed",
    from: child({ comment: "children" }),
    to: child({ comment: "kids" }),
    want: [{ kind: "setTableComment", table: "c", from: "children", to: "kids" }],
    reverse: [{ kind: "setTableComment", table: "c", from: "kids", to: "children" }],
  },
];

describe("compare notices a change of each constraint kind", () => {
  for (const c of constraintCases) {
    it(c.name, () => {
      assert.deepEqual(diff(schemaWith(c.from), schemaWith(c.to)), plain(c.want));
      assertAppliesTo(schemaWith(c.from), schemaWith(c.to));
    });
    it(`${c.name}, reversed`, () => {
      assert.deepEqual(diff(schemaWith(c.to), schemaWith(c.from)), plain(c.reverse));
      assertAppliesTo(schemaWith(c.to), schemaWith(c.from));
    });
  }

  it("every foreign-key action is told from every other, on delete and on update", () => {
    for (const a of ACTIONS) {
      for (const b of ACTIONS) {
        for (const side of ["onDelete", "onUpdate"] as const) {
          const ops = diff(schemaWith(child({ foreignKeys: [fkP({ [side]: a })] })), schemaWith(child({ foreignKeys: [fkP({ [side]: b })] })));
          assert.equal(ops.length, a === b ? 0 : 2, `${side} ${a} → ${b}: ${JSON.stringify(ops)}`);
        }
      }
    }
  });
});
