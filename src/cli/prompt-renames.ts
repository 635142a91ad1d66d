import { createInterface } from "node:readline/promises";
import { NO_RENAMES, type RenameCandidate, type RenameResolver } from "../diff/renames";

/**
 * Asks on the terminal, for each place where a table or column vanished and another appeared,
 * whether it is a rename. Answering no (the default) keeps the drop and add.
 */
export const promptRenames: RenameResolver = async (candidates) => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const tables: Record<string, string> = {};
  const columns: Record<string, Record<string, string>> = {};
  const taken = new Set<string>();
  try {
    for (const c of candidates) {
      for (const old of c.dropped) {
        const key = c.kind === "table" ? `t:${old}` : `c:${c.table}.${old}`;
        if (taken.has(key)) continue;
        const answer = await rl.question(`${question(c, old)} [y/N] `);
        if (/^y(es)?$/i.test(answer.trim())) {
          taken.add(key);
          if (c.kind === "table") tables[old] = c.added;
          else (columns[c.table] ??= {})[old] = c.added;
          break;
        }
      }
    }
  } finally {
    rl.close();
  }
  return Object.keys(tables).length || Object.keys(columns).length ? { tables, columns } : NO_RENAMES;
};

function question(c: RenameCandidate, old: string): string {
  return c.kind === "table" ? `Was table "${old}" renamed to "${c.added}"?` : `Was column "${c.table}.${old}" renamed to "${c.added}"?`;
}


