import type { Dialect } from "../../dialects/dialect";
import { unmodelledNotes } from "../../diff/unmodelled-notes";
import type { Schema } from "../../schema/types";
import { readModelsWithNotes, type DataSourceLike } from "./read-models";

/**
 * The notes a diff of `current` (the database) against `desired` (the entities, as read from
 * `built`) must carry besides its ops: tables several metadatas declare differently, and what
 * athanor left out because it does not model it (views, other schemas, exclusion constraints,
 * triggers…). Printed as warnings and written as `// NOTE:` lines, so "no changes" is never silent
 * about what it did not look at.
 */
export function modelNotes(models: { readonly built: DataSourceLike; readonly dialect: Dialect; readonly exclude: readonly string[] }, current: Schema, desired: Schema): string[] {
  const reading = readModelsWithNotes(models.built, models.dialect, models.exclude);
  return [...reading.merged, ...unmodelledNotes(current, desired, reading.ignored)];
}
