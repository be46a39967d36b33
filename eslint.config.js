// Lint configuration: typescript-eslint's recommended rules over scripts/, generated code excluded.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "build/",
      ".github/actions/*/dist/",
      "scripts/repo/generated/",
      "scripts/core/model/generated/",
      "coverage/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        Buffer: "readonly",
        structuredClone: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  // The domain never reads the clock: it takes `now` / `at` (imports are checked by dependency-cruiser).
  {
    files: ["scripts/core/**/*.ts"],
    ignores: ["scripts/core/**/*.test.ts", "scripts/core/**/*test-kit.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "core takes the instant as a parameter; only entry points read the clock.",
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "core takes the instant as a parameter; only entry points read the clock.",
        },
        {
          selector:
            "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(now|local|utc)$/][arguments.length=0]",
          message: "core takes the instant as a parameter; only entry points read the clock.",
        },
        {
          selector: "MemberExpression[object.name='performance'][property.name='now']",
          message: "core takes the instant as a parameter; only entry points read the clock.",
        },
      ],
    },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } },
  },
);
