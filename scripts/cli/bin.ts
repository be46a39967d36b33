/** Process entry of the `oncall` bin: the only place that reads the clock, argv and the real streams. */
import { DateTime } from "luxon";
import { main } from "./main.js";
import { useParseWorker } from "../repo/parallel-parse.js";
import { useEnglishDates } from "../core/model/index.js";

useEnglishDates();

// `oncall ... | head` closes the pipe early: stop quietly instead of printing an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });

// The build puts the worker entry beside this file; large repositories are parsed on two threads.
useParseWorker(new URL("./parse-worker.mjs", import.meta.url));

main(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  now: () => DateTime.utc(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`oncall: internal error (this is a bug in oncall-as-code): ${String(err)}\n`);
    process.exitCode = 70;
  },
);
