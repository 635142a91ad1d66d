const code = require("fs").readFileSync(process.argv[3], "utf8");
const mode = process.argv[2];
const t0 = performance.now();
(async () => {
  let out;
  if (mode === "full") { const p = require("prettier"); const c = (await p.resolveConfig("/work/main/.bench-work/x.ts")) ?? {}; out = await p.format(code, { printWidth: 100, ...c, filepath: "x.ts", parser: "typescript" }); }
  else { const p = require("prettier/standalone"); const plugins = mode === "babel" ? [require("prettier/plugins/babel"), require("prettier/plugins/estree")] : [require("prettier/plugins/typescript"), require("prettier/plugins/estree")]; out = await p.format(code, { printWidth: 100, parser: mode === "babel" ? "babel-ts" : "typescript", plugins }); }
  console.log(mode, Math.round(performance.now() - t0), "ms", out.length, require("crypto").createHash("md5").update(out).digest("hex"));
})();
