const { registerTypeScript, requireUserModule } = require("./dist/src/loader/register");
const { buildMetadata, readModelsWithNotes } = require("./dist/src/models/typeorm/read-models");
const { getDialect } = require("./dist/src/dialects");
const dir = "/work/main/.bench-work/pg2000";
process.chdir(dir);
registerTypeScript(dir);
const ds = requireUserModule(dir + "/src/data-source.ts").dataSource;
const fs = require("fs");
for (const f of fs.readdirSync(dir + "/src/entities")) requireUserModule(dir + "/src/entities/" + f);
(async () => {
  let t0 = Date.now(); const built = await buildMetadata(ds, { loadEntityFile: requireUserModule }); console.log("build", Date.now() - t0);
  t0 = Date.now(); readModelsWithNotes(built, getDialect("postgres"), [], "15.0"); console.log("read", Date.now() - t0);
})();
