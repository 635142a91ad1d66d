import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeCandidate, renameCandidates, type RenameCandidate } from "../../../src/diff/renames";
import type { Column, Schema } from "../../../src/schema/types";
import { int, table, varchar } from "../fixtures";

const text = (name: string): Column => ({ name, type: "text", nullable: true });
const ts = (name: string): Column => ({ name, type: "timestamptz", nullable: false });
const one = (...columns: Column[]): Schema => ({ tables: [table("t", { columns: [int("id"), ...columns] })] });

/** `added ← dropped` for each candidate, in order. */
const pairs = (cs: readonly RenameCandidate[]) => cs.map((c) => `${c.added}←${c.dropped}`);

/** No dropped name is guessed twice, and no added name gets two guesses. */
function assertOncePerSide(cs: readonly RenameCandidate[]): void {
  const dropped = cs.map((c) => `${c.kind}:${c.kind === "column" ? c.table : ""}.${c.dropped}`);
  const added = cs.map((c) => `${c.kind}:${c.kind === "column" ? c.table : ""}.${c.added}`);
  assert.equal(new Set(dropped).size, dropped.length, `a dropped name guessed twice: ${dropped.join(", ")}`);
  assert.equal(new Set(added).size, added.length, `an added name guessed twice: ${added.join(", ")}`);
}

describe("renameCandidates pairs columns by type and position", () => {
  it("two dropped and two added columns of distinct types pair by type, each dropped column once", () => {
    // Positions alone would pair created←label and title←born: the types say otherwise.
    const cs = renameCandidates(one(text("label"), ts("born")), one(ts("created"), text("title")));
    assert.deepEqual(pairs(cs), ["created←born", "title←label"]);
    assert.deepEqual(
      cs.map((c) => c.guess),
      ["same definition, 1 position apart", "same definition, 1 position apart"],
    );
    assertOncePerSide(cs);
  });

  it("same-type columns pair by position", () => {
    const cs = renameCandidates(one(text("a"), text("b"), text("c")), one(text("z"), text("y"), text("x")));
    assert.deepEqual(pairs(cs), ["z←a", "y←b", "x←c"]);
    assert.deepEqual(
      cs.map((c) => c.guess),
      ["same definition, same position", "same definition, same position", "same definition, same position"],
    );
  });

  it("the same definition beats the same type, which beats the nearer position", () => {
    const cs = renameCandidates(one(varchar("a", 10), varchar("b", 20), int("n")), one(int("m"), varchar("bb", 20), varchar("aa", 10)));
    assert.deepEqual(pairs(cs), ["m←n", "bb←b", "aa←a"]);
    const sameType = renameCandidates(one(int("n"), varchar("a", 10)), one(varchar("aa", 99), int("m")));
    assert.deepEqual(pairs(sameType), ["aa←a", "m←n"]);
    assert.equal(sameType[0].guess, "same type, 1 position apart");
    const otherType = renameCandidates(one(int("n")), one(text("t")));
    assert.equal(otherType[0].guess, "type integer → text, same position");
  });

  it("a dropped column is never offered twice, and the rest are listed as others", () => {
    const cs = renameCandidates(one(text("a"), text("b")), one(text("x"), text("y"), text("z"), text("w")));
    assertOncePerSide(cs);
    assert.deepEqual(pairs(cs), ["x←a", "y←b"]);
    assert.deepEqual(
      cs.map((c) => c.others),
      [["b"], ["a"]],
    );
  });

  it("more added than dropped leaves the extra added columns without a partner", () => {
    const cs = renameCandidates(one(ts("born")), one(text("note"), ts("created"), text("extra")));
    assert.deepEqual(pairs(cs), ["created←born"]);
  });

  it("more dropped than added leaves the extra dropped columns unguessed, named as others", () => {
    const cs = renameCandidates(one(text("a"), ts("b"), text("c")), one(ts("bb")));
    assert.deepEqual(pairs(cs), ["bb←b"]);
    assert.deepEqual(cs[0].others, ["a", "c"]);
  });

  it("a hinted rename takes both names out of the guessing", () => {
    const cs = renameCandidates(one(text("a"), text("b")), one(text("x"), text("y")), { tables: {}, columns: { t: { a: "y" } } });
    assert.deepEqual(pairs(cs), ["x←b"]);
  });
});

describe("renameCandidates pairs tables by columns in common", () => {
  const people = table("people", { columns: [int("id"), text("name"), text("email")] });
  const orders = table("orders", { columns: [int("id"), int("person_id"), ts("placed")] });
  const users = table("users", { columns: [int("id"), text("name"), text("email"), ts("created")] });
  const purchases = table("purchases", { columns: [int("id"), int("person_id"), ts("placed_at")] });
  const tags = table("tags", { columns: [text("label")] });

  it("each added table gets the dropped table with the most columns in common, each dropped table once", () => {
    const cs = renameCandidates({ tables: [orders, people] }, { tables: [purchases, users] });
    assert.deepEqual(pairs(cs), ["purchases←orders", "users←people"]);
    assert.deepEqual(
      cs.map((c) => c.guess),
      ["2 of 3 columns in common (id, person_id)", "3 of 4 columns in common (id, name, email)"],
    );
    assertOncePerSide(cs);
  });

  it("more added than dropped tables leaves the extra added tables without a partner", () => {
    const cs = renameCandidates({ tables: [people] }, { tables: [tags, users, purchases] });
    assert.deepEqual(pairs(cs), ["users←people"]);
    assertOncePerSide(cs);
  });
});

describe("describeCandidate", () => {
  it("says which pairing was guessed and why, and gives the exact flag for it", () => {
    const [c] = renameCandidates(one(text("label"), ts("born")), one(ts("created")));
    assert.equal(
      describeCandidate(c),
      'column "t.created" is new and "born" is dropped; guessed pair (same definition, 1 position apart; other dropped columns: "label"): ' +
        "if it was renamed, regenerate with --rename-column t.born:created (as written, its data is lost)",
    );
    const [tc] = renameCandidates({ tables: [table("a", { columns: [int("id")] })] }, { tables: [table("b", { columns: [int("id")] })] });
    assert.match(describeCandidate(tc), /^table "b" is new and "a" is dropped; guessed pair \(1 of 1 column in common \(id\)\): .*--rename-table a:b /);
  });
});
