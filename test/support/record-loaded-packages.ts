/**
 * A preload (`node -r dist/test/support/record-loaded-packages.js`) that writes, at exit, the npm
 * packages the process required to the file named by ATHANOR_RECORD_PACKAGES, one a line: what a
 * command loaded, without timing anything.
 */
import { writeFileSync } from "node:fs";

const out = process.env.ATHANOR_RECORD_PACKAGES;
if (out) {
  process.on("exit", () => {
    const packages = new Set<string>();
    for (const file of Object.keys(require.cache)) {
      // The innermost node_modules folder names the package (nested dependencies included).
      const m = /.*[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
      if (m) packages.add(m[1].replace(/\\/g, "/"));
    }
    writeFileSync(out, [...packages].sort().join("\n"));
  });
}
