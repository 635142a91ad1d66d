/**
 * Typed errors. Each says what went wrong and what to do next; the CLI prints `message` and exits
 * with `exitCode` (2 for every error, so `athanor check` keeps 1 for "changes found").
 */
export class AthanorError extends Error {
  readonly exitCode: number = 2;
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class ConfigError extends AthanorError {}
/** The command line was rejected (unknown option, missing or bad value): nothing ran. */
export class UsageError extends AthanorError {}
export class ConnectionError extends AthanorError {}
/** The database refused a statement for lack of a privilege; the hint names the grant needed. */
export class PermissionError extends AthanorError {}
export class ModelLoadError extends AthanorError {}
/** Two entity metadatas declare one table in ways that have no single outcome (different primary keys). */
export class ConflictingTableMappingsError extends ModelLoadError {}
export class UnknownRevisionError extends AthanorError {}
export class AmbiguousRevisionError extends AthanorError {}
export class MultipleHeadsError extends AthanorError {}
export class RevisionGraphError extends AthanorError {}
export class MigrationFileError extends AthanorError {}
export class NotAtHeadError extends AthanorError {
  /**
   * When the database is simply behind (every applied revision lies below the heads): the
   * revisions not applied yet, in the order `upgrade` would run them. Undefined otherwise.
   */
  pending?: readonly string[];
}
export class MigrationFailedError extends AthanorError {}
export class IrreversibleOperationError extends AthanorError {}
export class UnsupportedOperationError extends AthanorError {}
/** Another runner held the migration lock for longer than `--lock-timeout`. */
export class LockTimeoutError extends AthanorError {}
/**
 * A migration's transaction took more locks than the database's shared lock table holds
 * (PostgreSQL's "out of shared memory", SQLSTATE 53200): the hint says how to split the migration
 * or make the table larger.
 */
export class LockTableFullError extends AthanorError {}
/** A migration file changed after it was applied, and `--strict` refuses to go on. */
export class TamperedMigrationError extends AthanorError {}
/** Something offline (`--sql`) mode cannot do without a database, such as `op.query`. */
export class OfflineModeError extends AthanorError {}
/** Two migration files declare the same revision id. */
export class DuplicateRevisionError extends RevisionGraphError {}
/** A downRevision or dependsOn names a revision no migration file defines. */
export class MissingRevisionError extends RevisionGraphError {}
/** The downRevision/dependsOn links loop back on themselves. */
export class RevisionCycleError extends RevisionGraphError {}
/** Two revisions declare the same branch label, or a label equals a revision id. */
export class DuplicateBranchLabelError extends RevisionGraphError {}
/** A numbered SQL migration pair is malformed: a `.down.sql` without its `.up.sql`, a gap or a duplicate number. */
export class SqlMigrationPairError extends MigrationFileError {}

/**
 * A name in the entities is longer than the database keeps (PostgreSQL truncates it silently,
 * MySQL/MariaDB refuse it): the hint names the decorator option that gives it a shorter name.
 */
export class IdentifierTooLongError extends ModelLoadError {
  // Plain shapes (schema/identifier-limits.ts fills them), so errors.ts imports nothing.
  identifiers?: readonly { readonly kind: string; readonly name: string; readonly table?: string; readonly column?: string; readonly length: number }[];
  limit?: { readonly limit: number; readonly unit: "bytes" | "characters" };
}

/**
 * Replaces the password of every connection URL in `text` with `***`. The password runs to the
 * last "@" before whitespace: an unencoded "@" in a password is common, and the URL parser also
 * takes the last one as the end of the user info.
 */
export function redactSecrets(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)(\S*)(@)/gi, "$1***$3");
}

/**
 * Rows already in the table would not survive an op (too long for a shorter type, NULL in a column
 * becoming NOT NULL, a NOT NULL column without a default added to a table with rows): the runner
 * stops before the op changes anything.
 */
export class DataCheckError extends AthanorError {}
/** A generated backfill still holds its placeholder: the reviewer has not written the value existing rows get. */
export class BackfillNotWrittenError extends AthanorError {}

/**
 * A migration statement kept meeting a lock held by another session: every attempt ran out of the
 * DDL lock timeout, retries included. The hint says how to find the blocking transaction.
 */
export class LockRetriesExhaustedError extends AthanorError {}

/**
 * `squash START:END` names revisions that are not one linear stretch of the history (a merge or a
 * branch point inside it, a revision outside it that needs one inside), or a stretch it cannot
 * replace (a SQL pair child of END, whose parent is fixed by its number).
 */
export class SquashRangeError extends RevisionGraphError {}
/**
 * A migration cannot be turned into recorded ops faithfully: it reads data (`op.query`), branches
 * on the dialect, or mixes transactional and non-transactional revisions in one squash.
 */
export class UnrecordableMigrationError extends AthanorError {}
/**
 * The squashed revision was replayed and does not give the schema the old revisions give: nothing
 * was written. Exit code 1, like `check` finding changes: the answer is "no", not a failure to run.
 */
export class SquashProofError extends AthanorError {
  override readonly exitCode: number = 1;
}
