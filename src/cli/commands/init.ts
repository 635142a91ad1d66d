import type { Command } from "../command";

export const initCommand: Command<{ dir: string; "data-source"?: string }> = {
  command: "init [dir]",
  describe: "Create athanor.config.ts, the migrations folder and its template",
  builder: (y) =>
    y
      .positional("dir", { type: "string", default: "migrations", describe: "Migrations folder" })
      .option("data-source", { type: "string", describe: "Module exporting the TypeORM DataSource" }),
  async run(args, output) {
    const { initProject } = await import("../../api/init");
    for (const p of initProject(process.cwd(), args.dir, args["data-source"])) output.out(`Created ${p}`);
    output.out('Next: edit your entities, then run `athanor revision --autogenerate -m "initial"`.');
    return 0;
  },
};
