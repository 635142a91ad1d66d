import type { Dialect } from "../dialects/dialect";
import { AthanorError, MigrationFailedError, UnrecordableMigrationError } from "../errors";
import { applyOp } from "../ops/apply";
import type { MigrationContext } from "../ops/migration-context";
import { MigrationOperations } from "../ops/migration-operations";
import type { Op } from "../ops/types";
import { findTable } from "../schema/lookup";
import type { Schema } from "../schema/types";
import type { Direction, MigrationScript } from "./migration-script";

/**
 * The ops one migration's `upgrade` or `downgrade` performs, recorded instead of run: each `op.*`
 * call becomes the Op the runner would have compiled, raw SQL (`op.execute`, SQL pairs) an
 * `execute` op. `schema` is the database's schema before the function runs (read from a real
 * database, so tables made by raw SQL are known to the drops that read them); it follows the
 * recorded ops so a later call sees what an earlier one did.
 *
 * What depends on the database at run time cannot be recorded: reading rows (`op.query`, which
 * `op.backfill` uses too) or asking which dialect runs (`ctx.dialect`). Either is an
 * UnrecordableMigrationError naming the revision, raised at the first such call.
 */
export async function recordOps(script: MigrationScript, direction: Direction, dialect: Dialect, schema: Schema): Promise<Op[]> {
  const ops: Op[] = [];
  let current = schema;
  const name = `${script.revision} (${script.file})`;
  const op = new MigrationOperations(
    async (o) => {
      ops.push(o);
      current = applyOp(current, o);
    },
    async (table) => findTable(current, table),
    async () => {
      throw new UnrecordableMigrationError(
        `cannot squash ${name}: its ${direction} reads the database (op.query or op.backfill), so its effect depends on the rows and cannot be recorded as fixed ops`,
        "Leave this revision out of the range (squash the stretches before and after it), or rewrite its data step as op.execute SQL.",
      );
    },
    dialect,
  );
  const ctx: MigrationContext = {
    op,
    // A getter: the generated form destructures only `op`, so reading `dialect` means branching on it.
    get dialect(): string {
      throw new UnrecordableMigrationError(
        `cannot squash ${name}: its ${direction} asks which dialect it runs on, so recording it on one would lose what it does on the others`,
        "Leave this revision out of the range, or make it do the same on every database.",
      );
    },
  };
  try {
    await script[direction](ctx);
  } catch (e) {
    if (e instanceof UnrecordableMigrationError) throw e;
    // The function itself threw (a downgrade that refuses, a bug): the caller decides what that means.
    throw new MigrationFailedError(
      `${direction} of ${name} throws: ${(e as Error).message}`,
      e instanceof AthanorError && e.hint ? e.hint : "Fix the migration so it runs against the schema its parent leaves.",
    );
  }
  return ops;
}

