import type { EntityMetadataLike } from "./metadata-like";

/** Who declares a table, for messages: "entity PostTag", "the @JoinTable of Post.tags". */
export function describeMapping(m: EntityMetadataLike): string {
  if (m.tableType === "junction") {
    const relation = m.columns.find((c) => c.relationMetadata)?.relationMetadata;
    return relation ? `the @JoinTable of ${relation.entityMetadata.targetName ?? "?"}.${relation.propertyPath}` : `a @JoinTable`;
  }
  if (m.tableType === "closure-junction") return `the closure table of ${m.parentClosureEntityMetadata?.targetName ?? "a tree entity"}`;
  return `entity ${m.targetName || m.tableName}`;
}
