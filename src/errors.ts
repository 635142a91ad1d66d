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
export class ConnectionError extends AthanorError {}
export class ModelLoadError extends AthanorError {}
export class UnknownRevisionError extends AthanorError {}
export class AmbiguousRevisionError extends AthanorError {}
export class MultipleHeadsError extends AthanorError {}
export class RevisionGraphError extends AthanorError {}
export class MigrationFileError extends AthanorError {}
export class NotAtHeadError extends AthanorError {}
export class MigrationFailedError extends AthanorError {}
export class IrreversibleOperationError extends AthanorError {}
export class UnsupportedOperationError extends AthanorError {}

/** Replaces the password of every connection URL in `text` with `***`. */
export function redactSecrets(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]*)(@)/gi, "$1***$3");
}
