import { unmodelledNotes } from "../../diff/unmodelled-notes";
import type { Schema } from "../../schema/types";
import type { ModelReading } from "./read-models";

/**
 * The notes a diff of `current` (the database) against `desired` (the entities) must carry besides
 * its ops, from what reading the models found (`reading`, taken in the same pass as the schema): tables several metadatas declare differently, and what
 * athanor left out because it does not model it (views, other schemas, exclusion constraints,
 * triggers…). Printed as warnings and written as `// NOTE:` lines, so "no changes" is never silent
 * about what it did not look at.
 */
export function modelNotes(reading: Pick<ModelReading, "ignored" | "merged">, current: Schema, desired: Schema): string[] {
  return [...reading.merged, ...unmodelledNotes(current, desired, reading.ignored)];
}
