// Builds the runnable outputs with esbuild:
//   default      build/oncall.mjs (the CLI, package bin) and build/bench.mjs (benchmarks)
//   --actions    .github/actions/<name>/dist/index.mjs for every scripts/actions/<name>.ts (committed;
//                CI rebuilds them and fails on any difference)
// Output is deterministic: same sources and lock file, same bytes.
import { build } from "esbuild";
import { existsSync, readdirSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const quiet = process.argv.includes("--quiet");
const actions = process.argv.includes("--actions");

// Some CommonJS dependencies call require() on Node built-ins; an ESM bundle needs a require in scope.
const banner = `import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);`;

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: quiet ? "error" : "info",
  legalComments: "none",
  banner: { js: banner },
  sourcemap: false,
};

/** Resolves @actions/http-client (and its auth module) to scripts/build/http-client-stub.mjs; see there. */
const withoutHttpClient = {
  name: "without-actions-http-client",
  setup(b) {
    b.onResolve({ filter: /^@actions\/http-client(\/lib\/auth)?$/ }, () => ({ path: join(root, "scripts", "build", "http-client-stub.mjs") }));
  },
};

if (actions) {
  const dir = join(root, "scripts", "actions");
  const entries = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).sort() : [];
  for (const file of entries) {
    const name = file.replace(/\.ts$/, "");
    const out = join(root, ".github", "actions", name, "dist");
    // A fresh dist each time, so a chunk that is no longer produced does not linger in the commit.
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    // Split so that heavy, rarely needed code (holiday tables for SLO deadlines) loads only when used.
    await build({
      ...common,
      entryPoints: { index: join(dir, file) },
      outdir: out,
      splitting: true,
      outExtension: { ".js": ".mjs" },
      chunkNames: "chunks/[name]-[hash]",
      minifyWhitespace: true,
      plugins: [withoutHttpClient],
      banner: { js: `// Bundled from scripts/actions/${file} by \`npm run bundle\`. Do not edit.\n${banner}` },
    });
  }
} else {
  // No clean step: concurrent test runs build at the same time, and chunk names are content hashes,
  // so a stale chunk is never loaded by a fresh entry.
  mkdirSync(join(root, "build"), { recursive: true });
  // Code splitting keeps each command's dependencies (calendar feeds, holiday data, ...) out of the
  // start-up path: `oncall who` parses only what `who` imports.
  const entries = { oncall: "scripts/cli/bin.ts", "parse-worker": "scripts/repo/parse-worker.ts", bench: "scripts/bench/main.ts", "action-floor": "scripts/bench/action-floor.ts" };
  const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, src]) => existsSync(join(root, src))).map(([name, src]) => [name, join(root, src)]));
  await build({
    ...common,
    entryPoints,
    outdir: join(root, "build"),
    splitting: true,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    minifyWhitespace: true,
    // The benchmark's action floor is built like the actions (the CLI never imports @actions/core).
    plugins: [withoutHttpClient],
    banner: { js: `#!/usr/bin/env node\n${banner}` },
  });
  writeFileSync(join(root, "build", "package.json"), '{ "type": "module" }\n');
}
