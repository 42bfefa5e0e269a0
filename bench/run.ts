/**
 * `npm run bench`: runs every benchmark in this folder (each module exports `run()` and prints
 * its own figures: a rate or a time beside a baseline measured in the same run, as a ratio).
 * `npm run bench -- detect reports` runs only those.
 */
import { readdirSync } from "node:fs";
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.endsWith(".test.ts"))
  .map((f) => basename(f, ".ts"))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

if (benches.length === 0) {
  console.error(`no benchmark matches ${wanted.join(", ")}`);
  process.exit(2);
}
for (const name of benches) {
  console.log(`\n== bench/${name}`);
  const mod = (await import(`./${name}.ts`)) as { run?: () => Promise<unknown> };
  if (typeof mod.run !== "function") {
    console.error(`bench/${name}.ts exports no run()`);
    process.exitCode = 1;
    continue;
  }
  await mod.run();
}
