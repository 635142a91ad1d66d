/**
 * The oracle, run as a child process: loads a test project's DataSource through athanor's loader
 * and asks TypeORM itself. `sync` runs synchronize (TypeORM builds the schema); `log` prints the
 * queries TypeORM's schema builder would still run (none, when the schema matches the entities).
 */
import { dirname } from "node:path";
import { registerTypeScript, requireUserModule } from "../../src/loader/register";

interface OracleDataSource {
  initialize(): Promise<OracleDataSource>;
  destroy(): Promise<void>;
  synchronize(): Promise<void>;
  driver: { createSchemaBuilder(): { log(): Promise<{ upQueries: { query: string }[] }> } };
}

async function main(): Promise<void> {
  const [action, file] = process.argv.slice(2);
  registerTypeScript(dirname(dirname(file)));
  const mod = requireUserModule(file) as { default: OracleDataSource };
  const ds = await mod.default.initialize();
  try {
    if (action === "sync") {
      await ds.synchronize();
      process.stdout.write("[]");
    } else {
      const log = await ds.driver.createSchemaBuilder().log();
      process.stdout.write(JSON.stringify(log.upQueries.map((q) => q.query)));
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((e) => {
  process.stderr.write(String((e as Error).stack ?? e));
  process.exit(1);
});
