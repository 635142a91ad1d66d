/**
 * The change table: each case is one add/drop/alter of one kind, `{ name, dialects, before, after }`,
 * run through the round trip of test/support/round-trip.ts on every dialect it names, each in a
 * database of its own. A case that fails today because of a known product defect carries
 * `todo: "<what is broken>"` (per dialect when it differs): node:test still runs it and reports
 * its failure, without failing the run.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RenameHints } from "../../src/diff/renames";
import { DIALECTS, unavailable, withTestDatabase, type TestDialect } from "../support/databases";
import { noChange, roundTrip } from "../support/round-trip";
import type { Rows } from "../support/seed-rows";

/** Entity source: one file's TypeScript, or one per dialect (column types differ). */
export type Source = string | ((dialect: TestDialect) => string);

export interface ChangeCase {
  readonly name: string;
  /** Default: all three. */
  readonly dialects?: readonly TestDialect[];
  readonly before: Source;
  readonly after: Source;
  readonly renames?: Partial<RenameHints>;
  /** Rows inserted after synchronize (default: made from the schema; false: none). */
  readonly rows?: Rows | false | ((dialect: TestDialect) => Rows | false);
  /** Op kinds the upgrade must contain: proves the case exercises what its name says. */
  readonly expectOps?: readonly string[];
  /** Op kinds the upgrade must NOT contain (a widening is never a drop and re-add). */
  readonly forbidOps?: readonly string[];
  readonly todo?: string | Partial<Record<TestDialect, string>>;
  /** The downgrade must stop with an error matching this, changing nothing (see RoundTrip.downgradeStops). */
  readonly downgradeStops?: RegExp;
  /**
   * The change is one TypeORM's synchronize ignores on these dialects: instead of the round trip,
   * athanor must find nothing to do either.
   */
  readonly expectNoChange?: boolean;
}

const source = (s: Source, d: TestDialect) => (typeof s === "function" ? s(d) : s);

function todoFor(c: ChangeCase, d: TestDialect): string | undefined {
  if (typeof c.todo === "string") return c.todo;
  return c.todo?.[d];
}

export function changeTable(group: string, cases: readonly ChangeCase[]): void {
  for (const dialect of DIALECTS) {
    describe(`change table: ${group} on ${dialect}`, () => {
      for (const c of cases) {
        if (c.dialects && !c.dialects.includes(dialect)) continue;
        const todo = todoFor(c, dialect);
        it(c.name, todo ? { todo } : {}, async (t) => {
          const why = await unavailable(dialect);
          if (why) return t.skip(why);
          await withTestDatabase(dialect, async (db) => {
            if (c.expectNoChange) return noChange(db, { before: { "model.ts": source(c.before, dialect) }, after: { "model.ts": source(c.after, dialect) } });
            const rows = typeof c.rows === "function" ? c.rows(dialect) : c.rows;
            const result = await roundTrip(db, {
              before: { "model.ts": source(c.before, dialect) },
              after: { "model.ts": source(c.after, dialect) },
              renames: c.renames,
              rows,
              ...(c.downgradeStops ? { downgradeStops: c.downgradeStops } : {}),
            });
            for (const kind of c.expectOps ?? []) {
              assert.ok(result.opKinds.includes(kind), `the upgrade has no ${kind} (ops: ${result.opKinds.join(", ")})\n${result.migration}`);
            }
            for (const kind of c.forbidOps ?? []) {
              assert.ok(!result.opKinds.includes(kind), `the upgrade has a ${kind} (ops: ${result.opKinds.join(", ")})\n${result.migration}`);
            }
          });
        });
      }
    });
  }
}

const IMPORTS =
  'import { Check, Column, CreateDateColumn, Entity, Generated, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, OneToMany, OneToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";\n';

/** One entity file holding `classes` (relations between them need no imports). */
export function model(...classes: string[]): string {
  return IMPORTS + classes.join("\n");
}

/** `@Entity(table) export class Name { members }` with extra class decorators. */
export function entity(name: string, table: string, members: string, decorators = "", entityOptions = ""): string {
  return `${decorators}\n@Entity(${JSON.stringify(table)}${entityOptions ? `, ${entityOptions}` : ""})\nexport class ${name} {\n${members}\n}\n`;
}

/** The timestamp type TypeORM users write for each dialect. */
export const timestampType = (d: TestDialect) => (d === "postgres" ? "timestamp" : "datetime");
