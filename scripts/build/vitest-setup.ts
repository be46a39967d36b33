/**
 * Vitest global setup: build the CLI once before the suite, so tests that run `oncall` as a real
 * process exercise the current sources, not a stale build.
 */
import { execFileSync } from "node:child_process";

export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build/build.mjs", "--quiet"], { stdio: "inherit" });
}
