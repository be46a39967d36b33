/** `oncall status`: placeholder replaced once the rotation engine lands. */
import type { CommandIO } from "./command.js";
export const usage = "oncall status [--repo DIR] [--at ISO] [--json]";
export async function run(_argv: string[], io: CommandIO): Promise<number> {
  io.out("status\n");
  return 0;
}
