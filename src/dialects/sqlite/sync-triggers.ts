import type { SyncTriggers } from "../dialect";
import { syncTriggerName } from "../../ops/sync-trigger-name";
import { quoteIdentifier as q } from "./quote";

/**
 * SQLite triggers cannot change NEW, so AFTER triggers update the row they fired for (by rowid;
 * recursive triggers are off by default, so that UPDATE fires nothing further). NOT NULL is
 * checked before any trigger runs, hence `fillsNotNull: false`. A table rebuild drops a table's
 * triggers: the expand/contract steps create them after, and drop them before, any rebuild.
 * https://www.sqlite.org/lang_createtrigger.html
 */
export const syncTriggers: SyncTriggers = {
  fillsNotNull: false,
  create(table, from, to) {
    const [t, a, b] = [q(table), q(from), q(to)];
    return [
      `CREATE TRIGGER ${q(syncTriggerName(table, from, to, "_i"))} AFTER INSERT ON ${t} FOR EACH ROW WHEN NEW.${a} IS NULL OR NEW.${b} IS NULL BEGIN UPDATE ${t} SET ${b} = COALESCE(${b}, ${a}), ${a} = COALESCE(${a}, ${b}) WHERE rowid = NEW.rowid; END`,
      `CREATE TRIGGER ${q(syncTriggerName(table, from, to, "_b"))} AFTER UPDATE OF ${b} ON ${t} FOR EACH ROW WHEN NEW.${b} IS NOT OLD.${b} AND NEW.${a} IS NOT NEW.${b} BEGIN UPDATE ${t} SET ${a} = NEW.${b} WHERE rowid = NEW.rowid; END`,
      `CREATE TRIGGER ${q(syncTriggerName(table, from, to, "_a"))} AFTER UPDATE OF ${a} ON ${t} FOR EACH ROW WHEN NEW.${a} IS NOT OLD.${a} AND NEW.${b} IS NOT NEW.${a} BEGIN UPDATE ${t} SET ${b} = NEW.${a} WHERE rowid = NEW.rowid; END`,
    ];
  },
  drop(table, from, to) {
    return ["_i", "_b", "_a"].map((s) => `DROP TRIGGER IF EXISTS ${q(syncTriggerName(table, from, to, s))}`);
  },
};
