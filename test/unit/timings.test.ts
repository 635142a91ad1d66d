/**
 * `--timings`: phases are exclusive (a phase inside another counts to the inner one only, so they
 * add up to at most the total), sync and async phases are both measured, a failing phase still
 * counts, and the JSON form carries the whole report. Off, `timed` only runs the function.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countCatalogQueries, enableTimings, formatTimings, timed, timingsEnabled, timingsFromEnvironment, timingsReport } from "../../src/timings";

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe("timings", () => {
  it("are off unless asked, and then only run the function", () => {
    assert.equal(timingsEnabled(), false);
    assert.equal(timed("diff", () => 42), 42);
    assert.equal(timingsReport(), undefined);
  });

  it("read ATHANOR_TIMINGS: 1 for text, json for JSON, 0/false/empty for off", () => {
    assert.deepEqual(timingsFromEnvironment({ ATHANOR_TIMINGS: "1" }), { enabled: true, json: false });
    assert.deepEqual(timingsFromEnvironment({ ATHANOR_TIMINGS: "json" }), { enabled: true, json: true });
    for (const off of ["", "0", "false"]) assert.deepEqual(timingsFromEnvironment({ ATHANOR_TIMINGS: off }), { enabled: false, json: false });
    assert.deepEqual(timingsFromEnvironment({}), { enabled: false, json: false });
  });

  it("count nested phases to the inner phase only, async ones included, failures too", async () => {
    enableTimings(true);
    timed("metadata", () => {
      busy(30);
      timed("load modules", () => busy(40));
    });
    await timed("introspect", async () => {
      await new Promise((r) => setTimeout(r, 30));
    });
    assert.throws(() => timed("diff", () => {
      busy(20);
      throw new Error("boom");
    }));
    countCatalogQueries(4);
    countCatalogQueries(3);
    const report = timingsReport()!;
    const p = report.phases;
    assert.ok(p.metadata! >= 28 && p.metadata! < 40 + 28, `metadata excludes the nested load: ${p.metadata}`);
    assert.ok(p["load modules"]! >= 38, `load modules: ${p["load modules"]}`);
    assert.ok(p.introspect! >= 28, `an awaited phase counts its wait: ${p.introspect}`);
    assert.ok(p.diff! >= 18, `a failed phase still counts: ${p.diff}`);
    assert.equal(report.catalogQueries, 7);
    assert.ok(p["start-up"] !== undefined, "start-up is measured from the process's start");
    const sum = Object.values(p).reduce((a, b) => a + b, 0) + report.other;
    assert.ok(Math.abs(sum - report.total) <= Object.keys(p).length + 1, `phases + other = total (${sum} vs ${report.total})`);
    assert.ok(report.peakMemoryMb > 0);
    const json = JSON.parse(formatTimings(report, true)) as { timings: typeof report };
    assert.deepEqual(json.timings, report);
    // In PHASES order, whatever order they ran in.
    const text = formatTimings(report, false);
    assert.match(text, /^timings \(ms\): start-up \d+ · load modules \d+ · metadata \d+ · introspect \d+ · diff \d+ · other \d+ = \d+ total, 7 catalog queries, peak memory \d+ MB$/);
  });
});
