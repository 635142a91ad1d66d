import type { ConnectOptions, Dialect, ScratchHooks } from "./dialect";

/**
 * Scratch databases on a server that has CREATE DATABASE (PostgreSQL, MySQL/MariaDB): made and
 * dropped through a connection to the database the URL names, which is only used for that.
 * CREATE DATABASE fails when the name exists, so a scratch database never reuses anything.
 */
export function serverScratch(dialect: () => Dialect, scopeSchemaNameOf?: ScratchHooks["scopeSchemaNameOf"]): ScratchHooks {
  const onAdmin = async (options: ConnectOptions, sql: string): Promise<void> => {
    const admin = await dialect().connect({ ...options, ifMissing: "fail" });
    try {
      await admin.query(sql);
    } finally {
      await admin.close();
    }
  };
  return {
    async create(options, name) {
      await onAdmin(options, `CREATE DATABASE ${dialect().quoteIdentifier(name)}`);
      return { ...options, database: name };
    },
    async drop(options, name) {
      await onAdmin(options, `DROP DATABASE IF EXISTS ${dialect().quoteIdentifier(name)}`);
    },
    ...(scopeSchemaNameOf ? { scopeSchemaNameOf } : {}),
  };
}
