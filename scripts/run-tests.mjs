// Runs every compiled test file with node's test runner. Dialect suites whose server is
// unreachable skip themselves, unless the server is required (CI set, or named in
// ATHANOR_REQUIRE_SERVERS as .ci/run does: see serverRequired in test/support/databases.ts), where
// an unreachable server fails the run here, before any test. This script finds the files and says
// up front which dialects will be skipped.
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

function find(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (p.endsWith(".test.js")) out.push(p);
  }
  return out;
}

const require = createRequire(import.meta.url);
const { unavailable } = require(resolve("dist/test/support/databases.js"));
for (const dialect of ["postgres", "mysql"]) {
  try {
    const why = await unavailable(dialect);
    console.log(why ? `# ${why}` : `# ${dialect}: server reachable, suite runs`);
  } catch (e) {
    console.error(`# ${e.message}`);
    process.exit(1);
  }
}

const filter = process.argv.slice(2);
const files = find("dist/test")
  .filter((f) => filter.length === 0 || filter.some((s) => f.includes(s)))
  .sort();
const result = spawnSync(process.execPath, ["--test", "--test-concurrency=2", ...files], { stdio: "inherit" });
process.exit(result.status ?? 1);
