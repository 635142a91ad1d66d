import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";
import type { VerifiedRevision, VerifyResult, VerifyStep } from "../../api/verify";

interface VerifyArgs extends CommonArgs {
  readonly range?: string;
  readonly "scratch-url"?: string;
  readonly "server-version"?: string;
  readonly json?: boolean;
}

const EPILOGUE = [
  "Runs on PGlite (PostgreSQL), an in-memory SQLite, or a scratch database created and dropped on --scratch-url; never on the project's database. For each revision, in upgrade order:",
  "  upgrade    its upgrade runs;",
  "  rediff     at the head(s): the entities diff empty against the migrated schema;",
  "  downgrade  its downgrade leaves the schema exactly as before the upgrade;",
  "  reupgrade  its upgrade, run again, leaves the schema as the first run did (skipped after a failed downgrade).",
  "A difference is listed as the op calls that would turn the schema found into the one expected. A failed upgrade stops the run.",
  '--json: {"ok", "revisions": [{"revision", "message"?, "file", "steps": [{"step": "upgrade"|"rediff"|"downgrade"|"reupgrade", "ok", "differences"?: [op calls], "error"?}]}], "unverified": [revision ids]}',
].join("\n");

export const verifyCommand: Command<VerifyArgs> = {
  command: "verify [range]",
  describe: "Upgrade, re-diff at head, downgrade and re-upgrade each migration on a throwaway database (exit 0 all good, 1 a check failed, 2 on error)",
  builder: (y) =>
    withCommonOptions(y)
      .positional("range", {
        type: "string",
        describe: "REV (that revision; the ones below it are replayed unchecked) or START:END inclusive (base, head, ids, prefixes, REV-N); default: every revision",
      })
      .option("scratch-url", {
        type: "string",
        requiresArg: true,
        describe: "Verify on a scratch database created (and dropped) on this server instead of the embedded engine (the only way on MySQL/MariaDB); default: the config's scratchUrl",
      })
      .option("server-version", {
        type: "string",
        requiresArg: true,
        describe: "The server the re-diff at head is for (default: the config's serverVersion, else the newest migration's Server: line)",
      })
      .option("json", { type: "boolean", default: false, describe: "Print one JSON document (its shape below)" })
      .epilogue(EPILOGUE),
  async run(args, output) {
    const { verify } = await import("../../api/verify");
    const project = projectFrom(args);
    const scratchUrl = args["scratch-url"] ?? project.scratchUrl;
    const result = await verify(project, {
      ...(args.range !== undefined ? { range: args.range } : {}),
      ...(scratchUrl !== undefined ? { scratchUrl } : {}),
      ...(args["server-version"] !== undefined ? { serverVersion: args["server-version"] } : {}),
      onNote: (line) => output.err(line),
      onRevision: (r) => output.err(progressLine(r)),
    });
    if (args.json) output.out(JSON.stringify(result));
    else for (const line of report(result)) output.out(line);
    return result.ok ? 0 : 1;
  },
};

/** `  3f2a9c1b7d4e add vlan column: ok` or `…: FAILED (downgrade)`. */
function progressLine(r: VerifiedRevision): string {
  const failed = r.steps.filter((s) => !s.ok).map((s) => s.step);
  return `  ${r.revision}${r.message ? ` ${r.message}` : ""}: ${failed.length ? `FAILED (${failed.join(", ")})` : "ok"}`;
}

/** The result on stdout: each failed step with what differs, then one summary line. */
export function report(result: VerifyResult): string[] {
  if (result.revisions.length === 0 && result.unverified.length === 0) return ["Nothing to verify: there are no migrations."];
  const lines: string[] = [];
  for (const r of result.revisions) for (const s of r.steps) if (!s.ok) lines.push(...describeFailure(r, s));
  const total = result.revisions.length + result.unverified.length;
  const failed = result.revisions.filter((r) => r.steps.some((s) => !s.ok)).length;
  if (result.unverified.length) lines.push(`Not verified (an upgrade below them failed): ${result.unverified.join(", ")}`);
  lines.push(
    result.ok
      ? `OK: ${total} revision(s) verified: each upgrade, downgrade and re-upgrade leaves the schema as expected${result.revisions.some((r) => r.steps.some((s) => s.step === "rediff")) ? ", and the entities match the head" : ""}.`
      : `FAILED: ${failed} of ${total} revision(s) failed verification.`,
  );
  return lines;
}

function describeFailure(r: VerifiedRevision, s: VerifyStep): string[] {
  const which = `${r.revision} (${r.file})`;
  const head = ((): string => {
    switch (s.step) {
      case "upgrade":
        return `upgrade of ${which} failed`;
      case "rediff":
        return `re-diff at head after ${which}: the migrations leave a diff at head; the entities still need`;
      case "downgrade":
        return s.error !== undefined ? `downgrade of ${which} failed` : `downgrade of ${which}: the schema differs from before its upgrade`;
      case "reupgrade":
        return s.error !== undefined ? `re-upgrade of ${which} failed` : `re-upgrade of ${which}: the schema differs from after its first upgrade`;
    }
  })();
  if (s.error !== undefined) return [`${head}: ${s.error}`];
  return [`${head}:`, ...(s.differences ?? []).flatMap((d) => d.split("\n")).map((l) => `  ${l}`)];
}
