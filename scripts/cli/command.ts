/** What a command gets from `main`: its streams, environment and clock, so tests can supply their own. */
import type { DateTime } from "luxon";

export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** The clock; only `main` decides what it is. */
  now(): DateTime;
}

export interface Command {
  usage: string;
  run(argv: string[], io: CommandIO): Promise<number>;
}
