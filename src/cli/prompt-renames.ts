import { createInterface, type Interface } from "node:readline";
import { NO_RENAMES, type RenameCandidate, type RenameResolver } from "../diff/renames";

/**
 * Asks on the terminal, for each table or column that appeared where another vanished, whether it
 * is a rename. The guessed partner is the default answer (Enter): a rename keeps the data and is
 * easy to undo in review, while a drop loses it. "n" keeps the drop and add; another dropped
 * name picks that one instead.
 */
export const promptRenames: RenameResolver = async (candidates) => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const tables: Record<string, string> = {};
  const columns: Record<string, Record<string, string>> = {};
  const taken = new Set<string>();
  const key = (c: RenameCandidate, old: string) => (c.kind === "table" ? `t:${old}` : `c:${c.table}.${old}`);
  const read = lineReader(rl);
  try {
    for (const c of candidates) {
      // An earlier answer may have claimed this candidate's guess (or its alternatives).
      const guess = taken.has(key(c, c.dropped)) ? undefined : c.dropped;
      const others = c.others.filter((o) => !taken.has(key(c, o)));
      if (guess === undefined && others.length === 0) continue;
      const old = await ask(read, c, guess, others);
      if (old === END) break;
      if (old === undefined) continue;
      taken.add(key(c, old));
      if (c.kind === "table") tables[old] = c.added;
      else (columns[c.table] ??= {})[old] = c.added;
    }
  } finally {
    rl.close();
  }
  return Object.keys(tables).length || Object.keys(columns).length ? { tables, columns } : NO_RENAMES;
};

const END = Symbol("end of input");

/**
 * Asks and waits for the next line, or undefined at end of input. Lines are queued: piped answers
 * arrive together, and readline's `question` drops any line that comes before it is asked. At end
 * of input a pending `question` never settles (the process would exit 0 with nothing written).
 */
function lineReader(rl: Interface): (question: string) => Promise<string | undefined> {
  const lines: string[] = [];
  let closed = false;
  let waiting: ((line: string | undefined) => void) | undefined;
  const settle = (line: string | undefined) => {
    const w = waiting;
    waiting = undefined;
    w?.(line);
  };
  rl.on("line", (line) => (waiting ? settle(line) : lines.push(line)));
  rl.on("close", () => {
    closed = true;
    settle(undefined);
  });
  return (question) => {
    if (closed) {
      // Answers piped in ahead: the interface closed at end of input, but the questions still show.
      process.stderr.write(question);
    } else {
      rl.setPrompt(question);
      rl.prompt();
    }
    if (lines.length > 0) return Promise.resolve(lines.shift());
    if (closed) return Promise.resolve(undefined);
    return new Promise((done) => (waiting = done));
  };
}

/**
 * The old name the user picks for `c.added`, undefined for "not a rename", END when the input
 * ended. Asks again on an answer it cannot read.
 */
async function ask(
  read: (question: string) => Promise<string | undefined>,
  c: RenameCandidate,
  guess: string | undefined,
  others: readonly string[],
): Promise<string | undefined | typeof END> {
  const what = c.kind === "table" ? "table" : "column";
  const name = (n: string) => (c.kind === "table" ? `"${n}"` : `"${c.table}.${n}"`);
  const alternatives = others.length ? `, or the old name: ${others.join(", ")}` : "";
  const question =
    guess !== undefined
      ? `Was ${what} ${name(guess)} renamed to "${c.added}"? (guess: ${c.guess}) [Y/n${alternatives}] `
      : `Was ${what} ${name(c.added)} renamed from a dropped ${what}? [N${alternatives}] `;
  for (;;) {
    const line = await read(question);
    if (line === undefined) return END;
    const answer = line.trim();
    if (answer === "") return guess;
    if (/^y(es)?$/i.test(answer) && guess !== undefined) return guess;
    if (/^no?$/i.test(answer)) return undefined;
    if (answer === guess || others.includes(answer)) return answer;
  }
}
