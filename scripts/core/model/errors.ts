/**
 * Typed errors, caught once at the top of the CLI and of every action. A `UserError` is the user's
 * mistake (bad input, bad flag, a file that does not parse): it prints its message and exits non-zero,
 * never with a stack trace. Anything else reaching the top is a bug in oncall-as-code and says so.
 */
export class UserError extends Error {
  /** Process exit code: 1 for problems in the data, 2 for a wrong command line. */
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = "UserError";
    this.exitCode = exitCode;
  }
}

/** A wrong command line: unknown command or flag, missing or malformed value. Exit code 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
    this.name = "UsageError";
  }
}
