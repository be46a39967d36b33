/**
 * A small interpreter of GitHub Actions expressions, enough for the `if:` conditions of this
 * repository's workflows: `||`, `&&`, `!`, `==`, `!=`, parentheses, 'strings' (with '' for a quote),
 * numbers, true/false/null, property paths with `.*` filters (`github.event.issue.labels.*.name`)
 * and the functions contains, startsWith, endsWith, format, fromJSON and toJSON. Like GitHub, string
 * comparisons and functions ignore case, and a missing value equals ''.
 *
 * Used by the Actions minutes model (which jobs an event runs) and by the workflow tests. Anything
 * outside this subset throws, naming the expression, so a new construct cannot be silently misread.
 */

/** Truthiness as GitHub defines it: null, false, 0 and '' are false. */
function truthy(v: unknown): boolean {
  return !(v === null || v === undefined || v === false || v === 0 || v === "");
}

/** Evaluates a job or step `if:` (with or without `${{ }}`) against a context such as `{ github, vars, inputs }`. */
export function evaluateCondition(condition: string, context: Record<string, unknown>): boolean {
  const inner = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, "$1");
  return truthy(evaluateExpression(inner, context));
}

/** The value of one expression. */
function evaluateExpression(expression: string, context: Record<string, unknown>): unknown {
  const tokens = expression.match(/'(?:[^']|'')*'|\|\||&&|==|!=|[()!,.*]|[A-Za-z_][\w-]*|\d+(?:\.\d+)?|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const fail = (why: string): never => {
    throw new Error(`cannot evaluate ${JSON.stringify(expression)}: ${why}`);
  };
  const take = (t?: string): string => {
    const got = tokens[i++];
    if (got === undefined || (t !== undefined && got !== t)) fail(`expected ${t ?? "more"}, found ${got ?? "the end"}`);
    return got!;
  };
  const norm = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "string" ? v.toLowerCase() : v);
  const calls: Record<string, (...a: unknown[]) => unknown> = {
    contains: (hay, needle) =>
      Array.isArray(hay) ? hay.some((h) => norm(h) === norm(needle)) : String(norm(hay)).includes(String(norm(needle))),
    startsWith: (s, p) => String(norm(s)).startsWith(String(norm(p))),
    endsWith: (s, p) => String(norm(s)).endsWith(String(norm(p))),
    format: (f, ...args) => String(f).replace(/\{(\d+)\}/g, (_, n: string) => String(args[Number(n)] ?? "")),
    fromJSON: (s) => JSON.parse(String(s)) as unknown,
    toJSON: (v) => JSON.stringify(v),
  };
  const or = (): unknown => {
    let v = and();
    while (peek() === "||") {
      take();
      const r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  };
  const and = (): unknown => {
    let v = unary();
    while (peek() === "&&") {
      take();
      const r = unary();
      v = truthy(v) ? r : v;
    }
    return v;
  };
  const unary = (): unknown => {
    if (peek() !== "!") return compare();
    take();
    return !truthy(unary());
  };
  const compare = (): unknown => {
    const left = primary();
    if (peek() !== "==" && peek() !== "!=") return left;
    const equal = take() === "==";
    return (norm(left) === norm(primary())) === equal;
  };
  const primary = (): unknown => {
    const t = take();
    if (t === "(") {
      const inner = or();
      take(")");
      return inner;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^\d/.test(t)) return Number(t);
    if (t === "true" || t === "false") return t === "true";
    if (t === "null") return null;
    if (!/^[A-Za-z_]/.test(t)) fail(`unexpected ${t}`);
    if (peek() === "(") {
      const fn = calls[t] ?? fail(`unknown function ${t}`);
      take("(");
      const args: unknown[] = [];
      while (peek() !== ")") {
        args.push(or());
        if (peek() === ",") take(",");
        else if (peek() !== ")") fail(`expected , or ) in the arguments of ${t}`);
      }
      take(")");
      return fn(...args);
    }
    let v: unknown = context[t];
    while (peek() === ".") {
      take(".");
      const key = take();
      if (key === "*") v = Array.isArray(v) ? v : [];
      else
        v = Array.isArray(v)
          ? v.map((x) => (x as Record<string, unknown> | null)?.[key])
          : (v as Record<string, unknown> | null | undefined)?.[key];
    }
    return v;
  };
  const value = or();
  if (i !== tokens.length) fail(`unexpected ${tokens.slice(i).join(" ")}`);
  return value;
}
