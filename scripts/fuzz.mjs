// Seeded random round trips, many per dialect: `npm run fuzz -- [--count N] [--seed S]
// [--dialects sqlite,postgres,mysql] [--concurrency C] [--verbose]`. Seeds S, S+1, … S+N-1 run
// on each dialect (S defaults to a random start, printed), each in a database of its own; the
// summary lists every failure with the seed that reproduces it:
//   ATHANOR_FUZZ_SEED=<seed> node scripts/run-tests.mjs dist/test/fuzz
// Exits 1 when a case failed. Expects a build (`npm run fuzz` builds first).
import { resolve } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const count = Number(option("count", "200"));
const start = Number(option("seed", process.env.ATHANOR_FUZZ_SEED ?? String(Math.floor(Math.random() * 1_000_000))));
const dialects = option("dialects", "sqlite,postgres,mysql").split(",");
const concurrency = Math.max(1, Number(option("concurrency", "2")));
const verbose = args.includes("--verbose");
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(start) || start < 0) {
  console.error("usage: npm run fuzz -- [--count N>=1] [--seed S>=0] [--dialects sqlite,postgres,mysql] [--concurrency C] [--verbose]");
  process.exit(2);
}

const { unavailable } = require(resolve("dist/test/support/databases.js"));
const { runFuzzCase } = require(resolve("dist/test/fuzz/run-fuzz-case.js"));

console.log(`# fuzz: seeds ${start}..${start + count - 1} on ${dialects.join(", ")}, concurrency ${concurrency}`);
const summary = [];
for (const dialect of dialects) {
  const why = await unavailable(dialect);
  if (why) {
    console.log(`# ${why}`);
    continue;
  }
  const began = Date.now();
  const outcomes = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const seed = start + next++;
      const o = await runFuzzCase(dialect, seed);
      outcomes.push(o);
      if (o.status === "failed") console.log(`FAIL ${dialect} ATHANOR_FUZZ_SEED=${seed} (${o.edits.join("; ")}): ${o.error.split("\n")[0]}`);
      if (verbose && o.status === "failed") console.log(o.error);
      if (verbose && o.status !== "failed") console.log(`${o.status} ${dialect} seed ${seed} (${o.edits.join("; ")}) ${o.ms} ms`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const by = (s) => outcomes.filter((o) => o.status === s);
  summary.push({ dialect, cases: outcomes.length, passed: by("passed").length, failed: by("failed"), vacuous: by("vacuous").length, quirks: by("typeorm-quirk"), seconds: (Date.now() - began) / 1000 });
}

console.log("\n# fuzz summary");
for (const s of summary) {
  console.log(`${s.dialect}: ${s.cases} cases, ${s.passed} passed, ${s.failed.length} failed, ${s.vacuous} changed nothing, ${s.quirks.length} TypeORM-unsettled, ${s.seconds.toFixed(0)} s`);
  if (s.quirks.length) console.log(`  TypeORM unsettled after its own synchronize (not athanor's): seeds ${s.quirks.map((q) => q.seed).join(", ")}`);
  const kinds = new Map();
  for (const f of s.failed) {
    // Group by cause: the generator's names (t3, c12, idx_t3_14…) and numbers vary from seed to seed.
    const first = f.error
      .split("\n")[0]
      .replace(/r1 \(migrations\/versions\/r1_change\.ts\) /, "")
      .replace(/\b(idx|uq)_t\d+_\d+\b/g, "$1_…")
      .replace(/\b[tcr]\d+(_id)?\b/g, "…")
      .replace(/\b[A-Z]{2,3}_[0-9a-f]{20,}\b/g, "<hashed name>")
      .replace(/\d+/g, "N")
      .slice(0, 220);
    kinds.set(first, [...(kinds.get(first) ?? []), f.seed]);
  }
  for (const [message, seeds] of kinds) console.log(`  ${seeds.length} x ${message}\n      seeds: ${seeds.join(", ")}`);
}
const failed = summary.reduce((n, s) => n + s.failed.length, 0);
const total = summary.reduce((n, s) => n + s.cases, 0);
const passed = summary.reduce((n, s) => n + s.passed, 0);
console.log(`fuzz: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
