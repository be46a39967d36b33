/** Where the repository and its built programs are, found from this module's location. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface RepoPaths {
  root: string;
  /** build/oncall.mjs */
  oncall: string;
  /** build/bench.mjs */
  bench: string;
  /** ajv-cli's entry script (node_modules/.bin/ajv points at it). */
  ajv: string;
}

/** The nearest folder above this module whose package.json is oncall-as-code's. */
export function repoPaths(): RepoPaths {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "oncall-as-code")
      break;
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the oncall-as-code repository above the benchmark script");
    dir = up;
  }
  return {
    root: dir,
    oncall: join(dir, "build", "oncall.mjs"),
    bench: join(dir, "build", "bench.mjs"),
    ajv: join(dir, "node_modules", "ajv-cli", "dist", "index.js"),
  };
}
