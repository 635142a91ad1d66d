import type { DataCheck } from "../ops/data-checks";
import type { Hazard } from "../ops/hazard";
import type { Op } from "../ops/types";

/**
 * The comment written above an op the runner checks rows for (src/ops/data-checks.ts), so a
 * reviewer sees in the file which step can stop a deploy, and why.
 */
export function dataCheckNote(check: DataCheck): string {
  const column = `"${check.table}"."${check.column}"`;
  switch (check.kind) {
    case "narrowing":
      return `// narrowing (${oneLine(check.reason)}): stops before altering if a row of ${column} does not fit`;
    case "not-null":
      return `// ${oneLine(check.reason)}: stops before altering if ${column} holds NULLs`;
    case "required-column":
      return `// ${oneLine(check.reason)}: stops before adding if "${check.table}" has rows`;
  }
}

/**
 * In a downgrade, every createTable/addColumn re-creates what the upgrade dropped (the reverse of
 * a dropTable/dropColumn): its structure comes back, its rows do not.
 */
export function recreatedNote(op: Op): string | undefined {
  if (op.kind === "createTable") return `// re-creates "${oneLine(op.table.name)}" empty: the data the upgrade dropped cannot be brought back`;
  if (op.kind === "addColumn") return `// re-creates "${oneLine(op.table)}"."${oneLine(op.column.name)}" empty: the data the upgrade dropped cannot be brought back`;
  return undefined;
}

/**
 * The comment written above an op for each of its hazards (src/ops/hazards.ts), with the code CI
 * and `athanor lint` use: `// hazard deletes-data: drops column "devices"."ip" and its data`.
 */
export function hazardNote(hazard: Hazard): string {
  return `// hazard ${hazard.code}: ${oneLine(hazard.message)}`;
}

/** A line comment ends at the line's end: a newline in a name must not end it early. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ");
}
