/**
 * Matches a request (method + raw path) to the OpenAPI operation it calls, the way GitHub's router
 * would: literal segments beat parameters, and parameters that may hold `/` (`{path}` of the contents
 * API, refs and branches marked `x-multi-segment`) may span several segments. Octokit percent-encodes
 * such values (`heads%2Fmain`), other clients send raw slashes; both match.
 */
import type { OpenApiOperation } from "./openapi-document.js";

/** The operation a request calls, with its decoded path parameters. */
export interface OperationMatch {
  operation: OpenApiOperation;
  params: Record<string, string>;
}

interface CompiledRoute {
  operation: OpenApiOperation;
  regex: RegExp;
  names: string[];
  /** Higher wins: two points per literal segment, minus one per multi-segment parameter. */
  score: number;
}

/** Indexes operations by method once; {@link OperationMatcher.match} then scans one method's routes. */
export class OperationMatcher {
  private readonly byMethod = new Map<string, CompiledRoute[]>();

  constructor(operations: readonly OpenApiOperation[]) {
    for (const operation of operations) {
      const route = compile(operation);
      const list = this.byMethod.get(operation.method) ?? [];
      list.push(route);
      this.byMethod.set(operation.method, list);
    }
    for (const list of this.byMethod.values()) list.sort((a, b) => b.score - a.score);
  }

  /** `rawPath` is the URL pathname as received (still percent-encoded), without the query. */
  match(method: string, rawPath: string): OperationMatch | undefined {
    const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, "") : rawPath;
    for (const route of this.byMethod.get(method.toUpperCase()) ?? []) {
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = safeDecode(m[i + 1] ?? "");
      });
      return { operation: route.operation, params };
    }
    return undefined;
  }
}

function compile(operation: OpenApiOperation): CompiledRoute {
  const multi = new Set(
    operation.parameters.filter((p) => p.in === "path" && (p.multiSegment || p.name === "path")).map((p) => p.name),
  );
  const names: string[] = [];
  let score = 0;
  const source = operation.template
    .split("/")
    .map((segment) => {
      if (!segment.includes("{")) {
        score += 2;
        return escapeRegex(segment);
      }
      return segment.replace(/\{([^}]+)\}|([^{]+)/g, (_all, name: string | undefined, literal: string | undefined) => {
        if (literal !== undefined) return escapeRegex(literal);
        names.push(name ?? "");
        if (multi.has(name ?? "")) {
          score -= 1;
          return "(.+)";
        }
        return "([^/]+)";
      });
    })
    .join("/");
  return { operation, regex: new RegExp(`^${source}$`), names, score };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
