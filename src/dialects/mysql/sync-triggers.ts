import type { SyncTriggers } from "../dialect";
import { syncTriggerName } from "../../ops/sync-trigger-name";
import { quoteIdentifier as q } from "./quote";

/**
 * A BEFORE INSERT and a BEFORE UPDATE trigger, each a single SET (no BEGIN … END, so no client
 * delimiter games and nothing to split). Assignments run left to right, so in the UPDATE trigger
 * the second one sees the first's result: whichever name the statement changed wins. MySQL 5.7+
 * and MariaDB check NOT NULL after BEFORE triggers, so an INSERT through the new name alone is
 * completed by the trigger. https://dev.mysql.com/doc/refman/8.0/en/trigger-syntax.html
 */
export const syncTriggers: SyncTriggers = {
  fillsNotNull: true,
  create(table, from, to) {
    const [a, b] = [`NEW.${q(from)}`, `NEW.${q(to)}`];
    const oldB = `OLD.${q(to)}`;
    return [
      `CREATE TRIGGER ${q(syncTriggerName(table, from, to, "_i"))} BEFORE INSERT ON ${q(table)} FOR EACH ROW SET ${b} = COALESCE(${b}, ${a}), ${a} = COALESCE(${a}, ${b})`,
      `CREATE TRIGGER ${q(syncTriggerName(table, from, to, "_u"))} BEFORE UPDATE ON ${q(table)} FOR EACH ROW SET ${a} = IF(${b} <=> ${oldB}, ${a}, ${b}), ${b} = IF(${b} <=> ${oldB}, ${a}, ${b})`,
    ];
  },
  drop(table, from, to) {
    return [`DROP TRIGGER IF EXISTS ${q(syncTriggerName(table, from, to, "_i"))}`, `DROP TRIGGER IF EXISTS ${q(syncTriggerName(table, from, to, "_u"))}`];
  },
};
