/**
 * The import rules of the code's rooms (README "How the code is organised"), checked by `npm run lint`.
 * Data flows one way: files -> repo/ -> core/ (a plan) -> github/ (run by runs/ for an action) or cli/ carries it out.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "core-imports-only-core",
      comment: "scripts/core is the pure domain: it depends on nothing of ours outside it.",
      severity: "error",
      from: { path: "^scripts/core/" },
      to: { path: "^scripts/(?!core/)" },
    },
    {
      name: "core-does-no-io",
      comment: "No disk, processes, network or threads in the domain: IO lives at the edges (repo/, github/, notify/).",
      severity: "error",
      from: { path: "^scripts/core/", pathNot: ["\\.test\\.ts$", "test-kit\\.ts$"] },
      to: {
        dependencyTypes: ["core"],
        path: "^(node:)?(fs|fs/promises|child_process|net|http|https|http2|dgram|dns|tls|worker_threads|os|cluster|process|readline)$",
      },
    },
    {
      name: "core-concepts-through-their-index",
      comment: "Another concept is imported through its index.ts, its public surface.",
      severity: "error",
      from: { path: "^scripts/core/([^/]+)/" },
      to: {
        path: "^scripts/core/([^/]+)/(?!index\\.ts$)(?!generated/)",
        pathNot: ["^scripts/core/$1/", "test-kit\\.ts$"],
      },
    },
    {
      name: "outside-core-through-concept-index",
      comment: "Rooms outside core import a core concept only through its index.ts.",
      severity: "error",
      from: { path: "^scripts/(?!core/)" },
      to: { path: "^scripts/core/[^/]+/(?!index\\.ts$)(?!generated/)", pathNot: "test-kit\\.ts$" },
    },
    {
      name: "repo-never-imports-github",
      comment: "Loading the repository does not talk to GitHub.",
      severity: "error",
      from: { path: "^scripts/repo/" },
      to: { path: "^scripts/(github|runs|cli|actions|notify)/" },
    },
    {
      name: "faces-do-not-import-each-other",
      comment: "The CLI and the actions are two faces over core, repo and github; neither imports the other.",
      severity: "error",
      from: { path: "^scripts/(cli|actions)/" },
      to: { path: "^scripts/(cli|actions)/", pathNot: "^scripts/$1/" },
    },
    {
      name: "actions-are-entries",
      comment:
        "An action entry reads its inputs and calls its run: it imports runs/ and the github/ action context and runner, nothing else of ours.",
      severity: "error",
      from: { path: "^scripts/actions/" },
      to: { path: "^scripts/", pathNot: ["^scripts/runs/", "^scripts/github/(action-context|run-action)\\.ts$"] },
    },
    {
      name: "runs-only-from-actions",
      comment: "A run is the orchestration of one action: only action entries (and tests) start one.",
      severity: "error",
      from: { path: "^scripts/", pathNot: ["^scripts/(actions|runs)/", "\\.test\\.ts$"] },
      to: { path: "^scripts/runs/" },
    },
    {
      name: "runs-use-the-rooms-below",
      comment: "Runs orchestrate core, repo, github and notify; never the faces (cli/, actions/).",
      severity: "error",
      from: { path: "^scripts/runs/" },
      to: { path: "^scripts/(cli|actions|e2e|bench|build|fixtures)/" },
    },
    {
      name: "github-does-not-orchestrate",
      comment:
        "github/ is the adapter (client, readers, applying effects): it never imports a run, a face or the loader.",
      severity: "error",
      from: { path: "^scripts/github/", pathNot: "\\.test\\.ts$" },
      to: { path: "^scripts/(runs|cli|actions|repo)/" },
    },
    {
      name: "no-cycles",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-orphans",
      comment: "A module nothing imports is dead code (entries, tests and configs excepted).",
      severity: "error",
      from: {
        orphan: true,
        pathNot: [
          "\\.d\\.ts$",
          "\\.test\\.ts$",
          "(^|/)\\.[^/]+\\.(c|m)?js$",
          "\\.config\\.(c|m)?(js|ts)$",
          "^scripts/(actions|build)/",
          "^scripts/cli/bin\\.ts$",
          "^scripts/bench/(main|action-floor)\\.ts$",
          "^scripts/repo/parse-worker\\.ts$",
        ],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|build|coverage|\\.github/actions/[^/]+/dist)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".d.ts"],
    },
    moduleSystems: ["es6", "cjs"],
  },
};
