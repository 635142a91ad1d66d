import type { UnmappedDrop } from "./unmapped-drops";

/**
 * The `--exclude-table` argument that keeps `table` out of scope, ready to paste into a shell: the
 * name itself as the pattern (`*` and `?` in a name match themselves too; brackets and braces, which
 * patterns refuse, become `?`), single-quoted when a shell would read it otherwise.
 */
export function excludeTableFlag(table: string): string {
  return `--exclude-table ${shellWord(tablePattern(table))}`;
}

/** The pattern naming exactly this table (and, through `?`, at worst its look-alikes). */
export function tablePattern(table: string): string {
  return table.replace(/[[\]{}]/g, "?");
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_.,:/@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A list as a TypeScript literal, spaced as prettier writes it. */
function listLiteral(items: readonly string[]): string {
  return `[${items.map((i) => JSON.stringify(i)).join(", ")}]`;
}

/** A name as listed: bare when it reads unambiguously, else in double quotes. */
function shown(name: string): string {
  return /^[A-Za-z0-9_$.-]+$/.test(name) ? name : JSON.stringify(name);
}

/** The entity declaration that tells TypeORM and athanor to leave a hand-made index alone. */
export function keepIndexDeclaration(index: string): string {
  return `@Index(${JSON.stringify(index)}, { synchronize: false })`;
}

/** The lines of athanor.config.ts that keep these drops out of the diff. */
export function keepConfigLines(drops: readonly UnmappedDrop[]): string[] {
  const tables = drops.filter((d) => d.kind === "table").map((d) => tablePattern(d.name));
  const indexes = drops.filter((d) => d.kind === "index").map((d) => d.name);
  const lines: string[] = [];
  if (tables.length) lines.push(`exclude: ${listLiteral(tables)},`);
  if (indexes.length) lines.push(`includeObject: (o) => !(o.kind === "index" && ${listLiteral(indexes)}.includes(o.name)),`);
  return lines;
}

/**
 * The loud listing of unmapped drops, one line per entry (no comment markers): what is dropped,
 * then the exact flag and config line that keep each. Empty when there are none.
 */
export function describeUnmappedDrops(drops: readonly UnmappedDrop[]): string[] {
  if (drops.length === 0) return [];
  const tables = drops.filter((d) => d.kind === "table");
  const indexes = drops.filter((d) => d.kind === "index");
  const what = [
    tables.length ? `${tables.length} table(s) that no entity maps (their rows are lost)` : "",
    indexes.length ? `${indexes.length} index(es) that no entity declares` : "",
  ]
    .filter(Boolean)
    .join(" and ");
  const lines = [`WARNING: this drops ${what}:`];
  for (const d of tables) lines.push(`  table ${shown(d.name)}`);
  for (const d of indexes) lines.push(`  index ${shown(d.name)} on ${shown(d.table)}`);
  if (tables.length) {
    lines.push("If another part of the application owns a table, keep it out of athanor's scope:");
    lines.push(`  ${tables.map((d) => excludeTableFlag(d.name)).join(" ")}`);
  }
  if (indexes.length) {
    lines.push("To keep an index, declare it on its entity as TypeORM does for hand-made indexes:");
    for (const d of indexes) lines.push(`  ${keepIndexDeclaration(d.name)}  // on the entity of ${shown(d.table)}`);
  }
  lines.push("or in athanor.config.ts:");
  for (const l of keepConfigLines(drops)) lines.push(`  ${l}`);
  return lines;
}
