/**
 * Runs the benchmarks and prints the machine, the load, the table of figures and notes. Everything it
 * writes goes to one temp folder (os.tmpdir()), removed at the end unless --keep is given.
 */
import { existsSync, rmSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { benchActionsMinutes } from "./actions-minutes.js";
import { benchCheckout } from "./bench-checkout.js";
import { benchColdStart, COLDSTART_ACTIONS, type ColdStartAction } from "./bench-coldstart.js";
import { benchIncident } from "./bench-incident.js";
import { benchRotation } from "./bench-rotation.js";
import { benchSite } from "./bench-site.js";
import { benchSlo } from "./bench-slo.js";
import { benchValidate } from "./bench-validate.js";
import { checkOrg } from "./org-check.js";
import { profileRun } from "./cpu-profile.js";
import { duration, formatTable, markdownTable, type Row } from "./figures-table.js";
import { commitAll } from "./git-repo.js";
import { describeMachine, loadLine, machine } from "./machine.js";
import { nowMs } from "./measure.js";
import { FULL, QUICK } from "./org-size.js";
import { repoPaths } from "./repo-paths.js";
import { writeSyntheticOrg } from "./synthetic-org.js";

const USAGE = `node build/bench.mjs [--quick] [--only org,validate,rotation,slo,incident,coldstart,checkout] [--reps N] [--profile] [--keep] [--markdown]

--quick     smaller synthetic organisation and fewer repetitions (a smoke run; targets are for the full run)
--only      run only some groups: org (write the synthetic organisation and check it validates),
            validate (org plus benchmark 2), rotation, slo, incident (the bundled incident action's cold
            start against the fake GitHub), checkout (org plus benchmark 6: the incident job's sparse
            partial clone against a full depth-1 clone; validate runs it too), minutes (benchmark 7: the
            Actions minutes model of .github/workflows), site (org plus benchmark 8: oncall site against
            oncall status, and the largest page), coldstart (benchmark 9: the cold start of every other
            bundled action on a typical run, each against the floor of its kind)
--reps N    rounds of the long runs (full validation, floor, ajv-cli on YAML; default 3, quick 2) and of
            coldstart (default 5, quick 2)
--profile   also profile oncall validate on the synthetic organisation (node --cpu-prof) and list the
            functions with the most self time; with coldstart, time each action's bundle load alone and
            profile one run of each
--keep      keep the temp folder (synthetic organisation, profiles) and print where it is
--markdown  print the table as Markdown too`;

const GROUPS = ["org", "validate", "rotation", "slo", "incident", "coldstart", "checkout", "minutes", "site"] as const;

export async function runBenchmarks(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean" },
      only: { type: "string" },
      reps: { type: "string" },
      profile: { type: "boolean" },
      keep: { type: "boolean" },
      markdown: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const only = new Set<string>(
    values.only
      ? values.only.split(",").map((s) => s.trim())
      : ["validate", "rotation", "slo", "incident", "coldstart", "minutes", "site"],
  );
  for (const g of only)
    if (!(GROUPS as readonly string[]).includes(g))
      throw new Error(`--only: unknown group "${g}" (use ${GROUPS.join(", ")})`);
  const quick = values.quick === true;
  const repo = repoPaths();
  if (!existsSync(repo.oncall))
    throw new Error(`${repo.oncall} is missing: build first (node scripts/build/build.mjs)`);
  const incidentDist = join(repo.root, ".github", "actions", "incident", "dist");
  if (only.has("incident") && !existsSync(join(incidentDist, "index.mjs")))
    throw new Error(
      `${incidentDist}/index.mjs is missing: bundle the actions first (node scripts/build/build.mjs --actions)`,
    );

  const log = (line: string) => process.stderr.write(`${line}\n`);
  const out = (line = "") => process.stdout.write(`${line}\n`);
  out(`oncall-as-code benchmarks${quick ? " (--quick: reduced sizes, figures not comparable with the targets)" : ""}`);
  out(`machine: ${describeMachine(machine())}`);
  out(`at start: ${loadLine()}`);
  out();

  const work = await mkdtemp(join(tmpdir(), "oncall-bench-"));
  const cleanup = () => {
    if (!values.keep) rmSync(work, { recursive: true, force: true });
  };
  const onSignal = () => {
    cleanup();
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  // Measure a snapshot of build/: a rebuild by someone else during the run must not change what is timed.
  const buildCopy = join(work, "build");
  await cp(dirname(repo.oncall), buildCopy, { recursive: true });
  const paths = {
    ...repo,
    oncall: join(buildCopy, basename(repo.oncall)),
    bench: join(buildCopy, basename(repo.bench)),
  };
  // The same for the bundled incident action: `npm run bundle` during the run must not mix builds.
  const actionDist = join(work, "incident-dist");
  if (only.has("incident")) await cp(incidentDist, actionDist, { recursive: true });
  // And of every other bundled action, for benchmark 9.
  const coldDists = {} as Record<ColdStartAction, string>;
  if (only.has("coldstart"))
    for (const action of COLDSTART_ACTIONS) {
      const dist = join(repo.root, ".github", "actions", action, "dist");
      if (!existsSync(join(dist, "index.mjs")))
        throw new Error(
          `${dist}/index.mjs is missing: bundle the actions first (node scripts/build/build.mjs --actions)`,
        );
      coldDists[action] = join(work, "coldstart-dist", action);
      await cp(dist, coldDists[action], { recursive: true });
    }
  const started = nowMs();
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    const shortReps = quick ? 5 : 11;
    if (only.has("rotation")) {
      const r = await benchRotation({
        paths,
        work,
        lookups: quick ? 200_000 : 1_000_000,
        reps: quick ? 3 : 7,
        shortReps,
        log,
      });
      rows.push(...r.rows);
      notes.push(...r.notes);
    }
    if (only.has("slo")) {
      const r = await benchSlo({
        incidents: quick ? 10_000 : 100_000,
        budgetSeconds: quick ? 3 : 15,
        orgIncidents: quick ? 300 : 1_000,
        reps: quick ? 1 : 3,
        log,
      });
      rows.push(...r.rows);
      notes.push(...r.notes);
    }
    if (only.has("minutes")) {
      const r = benchActionsMinutes(join(paths.root, ".github", "workflows"));
      rows.push(...r.rows);
      notes.push(...r.notes);
    }
    if (only.has("incident")) {
      const r = await benchIncident({ paths, actionDist, work, reps: shortReps, log });
      rows.push(...r.rows);
      notes.push(...r.notes);
    }
    if (only.has("coldstart")) {
      const reps = values.reps ? Number(values.reps) : quick ? 2 : 5;
      const profileDir = values.profile ? join(work, "coldstart-profiles") : undefined;
      const r = await benchColdStart({
        paths,
        dists: coldDists,
        work,
        reps,
        log,
        ...(profileDir ? { profileDir } : {}),
      });
      rows.push(...r.rows);
      notes.push(...r.notes);
    }
    if (only.has("validate") || only.has("org") || only.has("checkout") || only.has("site")) {
      const size = quick ? QUICK : FULL;
      log(
        `1: writing the synthetic organisation (${size.people} people, ${size.layers} layers, ${size.years} years, ${size.incidents} incidents, ${size.postmortems} postmortems, ${size.playbooks} playbooks)...`,
      );
      const genStart = nowMs();
      const policyText = await readFile(join(paths.root, "incidents", "policy.yaml"), "utf8");
      const org = await writeSyntheticOrg(join(work, "org"), size, { policyText });
      const genMs = nowMs() - genStart;
      const gitStart = nowMs();
      commitAll(org.dir, "synthetic organisation");
      const gitMs = nowMs() - gitStart;
      notes.push(
        `1: ${org.files.length} files, ${(org.bytes / 1e6).toFixed(1)} MB, ${org.shifts} shifts, ${org.overrides} overrides; generated and written in ${duration(genMs)}, git init + commit ${duration(gitMs)}`,
      );
      const what = `synthetic org (${org.files.length} files, ${(org.bytes / 1e6).toFixed(0)} MB) validates`;
      const check = checkOrg(paths.oncall, org.dir, org.files.length);
      rows.push({
        id: "1",
        what,
        figure: duration(genMs),
        baseline: "-",
        ratio: "-",
        target: "0 errors",
        met: check.zeroErrors,
      });
      notes.push(...check.notes);
      if (only.has("validate") && !check.unusable) {
        const v = await benchValidate({
          paths,
          org,
          work,
          longReps: values.reps ? Number(values.reps) : quick ? 2 : 3,
          jsonReps: 1,
          shortReps,
          log,
        });
        rows.push(...v.rows);
        notes.push(...v.notes);
      }
      if (only.has("validate") || only.has("checkout")) {
        const c = benchCheckout({
          orgDir: org.dir,
          projectRoot: paths.root,
          work,
          reps: quick ? 1 : 3,
          issue: Number(/INC-(\d+)/.exec(org.sampleIncident)?.[1] ?? 1),
          log,
        });
        rows.push(...c.rows);
        notes.push(...c.notes);
      }
      if (only.has("site") && !check.unusable) {
        const s = benchSite({ paths, orgDir: org.dir, size, work, reps: quick ? 1 : 3, log });
        rows.push(...s.rows);
        notes.push(...s.notes);
      }
      if (values.profile && !check.unusable) {
        log("profiling oncall validate on the synthetic organisation...");
        const profDir = join(work, "profiles");
        await mkdir(profDir, { recursive: true });
        const p = await profileRun([paths.oncall, "validate", "--repo", org.dir], profDir, 25);
        notes.push(
          `profile of oncall validate (${p.threads} threads, ${duration(p.totalMs)} profiled in all), top self time summed over the threads:\n${p.top.map((t) => `  ${t.ms.toFixed(0).padStart(6)} ms ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.name}`).join("\n")}`,
        );
      }
    }
    rows.sort((a, b) => a.id.localeCompare(b.id));
    out(formatTable(rows));
    out();
    for (const n of notes) out(`- ${n}`);
    out();
    out(`at end: ${loadLine()}; total ${duration(nowMs() - started)}`);
    if (values.markdown) out(`\n${markdownTable(rows)}`);
    if (values.keep) out(`kept ${work}`);
    return 0;
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    if (!values.keep) await rm(work, { recursive: true, force: true });
  }
}
