import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compare } from "../../../src/diff/compare";
import { unmodelledNotes } from "../../../src/diff/unmodelled-notes";
import type { Schema } from "../../../src/schema/types";
import { int, table } from "../fixtures";

const exclusion = { kind: "exclusion constraint", name: "ex_no_overlap", definition: "EXCLUDE USING gist (room WITH =)" };
const trigger = { kind: "trigger", name: "trg_audit" };
const bookings = table("bookings", { columns: [int("id"), int("room")], primaryKey: { columns: ["id"] } });
const schema = (...tables: Schema["tables"]): Schema => ({ tables });

describe("unmodelledNotes: a clean diff never hides what athanor did not look at", () => {
  it("says nothing when nothing is ignored and no table carries unmodelled objects", () => {
    assert.deepEqual(unmodelledNotes(schema(bookings), schema(bookings)), []);
  });

  it("names each ignored view, grouped in one note", () => {
    const notes = unmodelledNotes(schema(), schema(), [
      { kind: "view", name: "post_stats", declaredBy: "entity PostStats" },
      { kind: "view", name: "active_users", declaredBy: "entity ActiveUser" },
    ]);
    assert.equal(notes.length, 1);
    assert.match(notes[0], /^2 views are declared \(@ViewEntity\) but athanor does not manage views yet/);
    assert.ok(notes[0].endsWith(`"active_users" (entity ActiveUser), "post_stats" (entity PostStats)`), notes[0]);
  });

  it("names tables in another schema and foreign keys to them, one note per kind, views first", () => {
    const notes = unmodelledNotes(schema(), schema(), [
      { kind: "foreign key elsewhere", name: "FK_1 (posts → audit.users)", declaredBy: "entity Post" },
      { kind: "table elsewhere", name: "audit.users", declaredBy: "entity User" },
      { kind: "view", name: "v", declaredBy: "entity V" },
    ]);
    assert.equal(notes.length, 3);
    assert.match(notes[0], /^a view is declared/);
    assert.match(notes[1], /^an entity's table lives in another schema or database .*left out of the diff.*: "audit\.users" \(entity User\)$/);
    assert.match(notes[2], /^a foreign key references a table in another schema or database.*: "FK_1 \(posts → audit\.users\)" \(entity Post\)$/);
  });

  it("table and constraint options are named after the tables in other schemas, in that order", () => {
    const notes = unmodelledNotes(schema(), schema(), [
      { kind: "constraint option", name: "WITH PARSER ngram on index ft of docs", declaredBy: "entity Doc" },
      { kind: "table option", name: "ENGINE=MyISAM on logs", declaredBy: "entity Log" },
      { kind: "table elsewhere", name: "audit.users", declaredBy: "entity User" },
    ]);
    assert.deepEqual(notes.map((n) => n.slice(n.lastIndexOf(": ") + 2)), [
      `"audit.users" (entity User)`,
      `"ENGINE=MyISAM on logs" (entity Log)`,
      `"WITH PARSER ngram on index ft of docs" (entity Doc)`,
    ]);
    assert.match(notes[1], /^athanor does not model table options yet/);
    assert.match(notes[2], /^athanor does not model this column, index or constraint option yet/);
  });

  it("a declared exclusion constraint the database does not show is named as not created, on a new table and on an existing one", () => {
    const declared = { ...bookings, unmodelled: [exclusion] };
    const expected = `declared by the entities but not in the database, and athanor does not create it (not modelled yet): exclusion constraint "ex_no_overlap" on "bookings" (EXCLUDE USING gist (room WITH =)); add it with op.execute in a migration`;
    assert.deepEqual(unmodelledNotes(schema(), schema(declared)), [expected]);
    assert.deepEqual(unmodelledNotes(schema(bookings), schema(declared)), [expected]);
  });

  it("a declared exclusion constraint the database shows (same kind and name, however spelt) needs no note", () => {
    const live = { ...bookings, unmodelled: [{ ...exclusion, definition: "EXCLUDE USING gist (room WITH =) -- as pg_get_constraintdef spells it" }] };
    assert.deepEqual(unmodelledNotes(schema(live), schema({ ...bookings, unmodelled: [exclusion] })), []);
  });

  it("a live object athanor does not model is named as left in place", () => {
    const live = { ...bookings, unmodelled: [trigger] };
    assert.deepEqual(unmodelledNotes(schema(live), schema(bookings)), [
      `in the database but not modelled by athanor, so left as it is (never dropped or changed): trigger "trg_audit" on "bookings"`,
    ]);
  });

  it("a live table no entity maps is not the notes' business (its drop is in the ops)", () => {
    assert.deepEqual(unmodelledNotes(schema({ ...bookings, unmodelled: [trigger] }), schema()), []);
  });

  it("the differ never drops or adds an unmodelled object: the note is the only trace", () => {
    assert.deepEqual(compare(schema({ ...bookings, unmodelled: [trigger, exclusion] }), schema(bookings)), []);
    assert.deepEqual(compare(schema(bookings), schema({ ...bookings, unmodelled: [exclusion] })), []);
  });
});
