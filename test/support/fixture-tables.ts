/**
 * Fixture tests assert that their fixture produced tables. Most of them prove "no changes"
 * (TypeORM's synchronize then `check`, or a second autogenerate): a fixture that loads nothing (a
 * renamed folder, an entity list filtered empty, a data source that registers no entity) makes an
 * empty model and an empty database, which agree perfectly, and every such test would pass.
 */
import assert from "node:assert/strict";
import { introspectUrl } from "./introspect";

/** The user tables of the database at `url` (athanor's and TypeORM's bookkeeping left out), sorted. */
export async function tableNames(url: string): Promise<string[]> {
  return (await introspectUrl(url)).tables.map((t) => t.name).sort();
}

/** Exactly `expected` tables exist in the database at `url`. */
export async function assertTables(url: string, expected: readonly string[], when: string): Promise<void> {
  assert.deepEqual(await tableNames(url), [...expected].sort(), `tables after ${when}`);
}

/** The tables each fixture's entities make (as TypeORM and athanor both build them). */
export const FIXTURE_TABLES = {
  "kitchen-sink/sqlite": ["affinities", "ledger", "members"],
  "kitchen-sink/postgres": ["ks_ledger", "ks_product"],
  "kitchen-sink/mysql": ["ks_article", "ks_author", "ks_owner", "ks_pet"],
  "kitchen-sink/postgres-types": ["ks_article", "ks_author", "ks_counter", "ks_ledger"],
  /** oracle/common plus the dialect's own oracle/<dialect> entity. */
  "oracle/common": ["audit_entries", "categories", "devices", "order_lines", "post_tags", "posts", "profiles", "settings", "tags", "users"],
  "oracle/sqlite": ["lite_types"],
  "oracle/postgres": ["pg_types"],
  "oracle/mysql": ["mysql_types"],
  /** Tables TypeORM's synchronize creates (the synchronize: false entity is left out). */
  "oracle/features": ["account_events", "contents", "customers", "folders", "folders_closure"],
  "mappings/common": ["post_tags", "posts", "tags"],
} as const satisfies Record<string, readonly string[]>;
