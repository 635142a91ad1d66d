import type { DdlLockTimeout } from "../dialect";

/** ER_LOCK_WAIT_TIMEOUT: a metadata-lock wait past `lock_wait_timeout` (and a row-lock wait past `innodb_lock_wait_timeout`). */
const ER_LOCK_WAIT_TIMEOUT = 1205;

/**
 * DDL waits for the table's metadata lock, which any open transaction that read the table holds
 * until it ends; while an ALTER waits, every new query on the table queues behind it. The wait is
 * bounded by `lock_wait_timeout`, in whole seconds (at least 1), so a timeout under a second is
 * rounded up. `innodb_lock_wait_timeout` (row locks) is left alone: a row-lock wait does not make
 * other sessions queue for the table. The statement that timed out did not run, so it can simply
 * be sent again (there is no transaction to keep: DDL commits implicitly).
 * https://mariadb.com/kb/en/server-system-variables/#lock_wait_timeout
 * https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html#sysvar_lock_wait_timeout
 */
export const ddlLockTimeout: DdlLockTimeout = {
  set: (ms) => [`SET SESSION lock_wait_timeout = ${Math.max(1, Math.ceil(ms / 1000))}`],
  reset: ["SET SESSION lock_wait_timeout = DEFAULT"],
  isLockTimeout: (error) => (error as { errno?: unknown } | undefined)?.errno === ER_LOCK_WAIT_TIMEOUT,
  findBlocker: (table) =>
    `Find the open transactions${table ? ` that hold ${table}` : ""}: SELECT trx_mysql_thread_id, trx_started, trx_state, trx_query ` +
    "FROM information_schema.innodb_trx ORDER BY trx_started; SHOW PROCESSLIST shows the migration 'Waiting for table metadata lock' " +
    "and the long-running or sleeping sessions before it: let them finish, or end one with KILL <id>.",
};
