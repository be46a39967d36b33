/**
 * `npm run bench` entry (bundled to build/bench.mjs). Two modes:
 *   node build/bench.mjs [--quick] [--profile] [--keep] [--json] [--only validate,rotation,slo]
 *       run the benchmarks and print the table (see BENCHMARKS.md);
 *   node build/bench.mjs --floor DIR
 *       the parse-only floor that `oncall validate` is compared with (a child process of the above).
 * Each mode is imported on demand so the floor process loads only the floor and the yaml package.
 */
const argv = process.argv.slice(2);
if (argv[0] === "--floor") {
  const { runFloor } = await import("./floor.js");
  await runFloor(argv[1] ?? ".");
} else {
  const { runBenchmarks } = await import("./run-benchmarks.js");
  process.exitCode = await runBenchmarks(argv);
}
