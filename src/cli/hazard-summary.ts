import { hazardCounts, type OpHazard } from "../ops/hazards";
import type { Op } from "../ops/types";
import { renderOp } from "../render/render-op";

/**
 * The lines `revision --autogenerate` and `check` print about what the ops risk: a count per code,
 * then each hazard with the op it belongs to (as the migration file writes the call).
 */
export function hazardSummary(ops: readonly Op[], hazards: readonly OpHazard[]): string[] {
  if (hazards.length === 0) return [];
  const lines = [`Hazards (${hazardCounts(hazards)}); review before applying to a database in use:`];
  for (const h of hazards) lines.push(`  ${h.code}: ${h.message}`, `    op ${h.op + 1}: ${firstLine(renderOp(ops[h.op]))}`);
  return lines;
}

/** The call's first line: a long createTable stays readable in a terminal. */
function firstLine(text: string): string {
  const line = text.split("\n").find((l) => !l.startsWith("//")) ?? text;
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
