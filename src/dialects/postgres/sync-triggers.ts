import type { SyncTriggers } from "../dialect";
import { syncTriggerName } from "../../ops/sync-trigger-name";
import { quoteIdentifier as q } from "./quote";

/**
 * One BEFORE INSERT OR UPDATE row trigger and its plpgsql function. A BEFORE trigger runs before
 * NOT NULL is checked, so new code may insert through the new name alone while the old column is
 * still NOT NULL. On UPDATE the name whose value changed wins (new code writes `to`, old code
 * `from`). `EXECUTE PROCEDURE` rather than `EXECUTE FUNCTION`: the latter needs PostgreSQL 11.
 * https://www.postgresql.org/docs/current/plpgsql-trigger.html
 */
export const syncTriggers: SyncTriggers = {
  fillsNotNull: true,
  create(table, from, to) {
    const fn = q(syncTriggerName(table, from, to));
    const [a, b] = [q(from), q(to)];
    return [
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $athanor$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.${b} IS NULL THEN NEW.${b} := NEW.${a}; ELSIF NEW.${a} IS NULL THEN NEW.${a} := NEW.${b}; END IF;
  ELSIF NEW.${b} IS DISTINCT FROM OLD.${b} THEN NEW.${a} := NEW.${b};
  ELSIF NEW.${a} IS DISTINCT FROM OLD.${a} THEN NEW.${b} := NEW.${a};
  END IF;
  RETURN NEW;
END
$athanor$`,
      `CREATE TRIGGER ${fn} BEFORE INSERT OR UPDATE ON ${q(table)} FOR EACH ROW EXECUTE PROCEDURE ${fn}()`,
    ];
  },
  drop(table, from, to) {
    const fn = q(syncTriggerName(table, from, to));
    return [`DROP TRIGGER IF EXISTS ${fn} ON ${q(table)}`, `DROP FUNCTION IF EXISTS ${fn}()`];
  },
};
