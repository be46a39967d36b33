/** What the fake records about traffic: every request with its answer, and every contract breach. */
import type { FaultKind } from "./faults.js";

export interface LoggedRequest {
  method: string;
  /** Pathname as received (percent-encoding kept). */
  path: string;
  /** OpenAPI operation id the request matched, when it matched one. */
  operationId?: string;
  query: Record<string, string>;
  /** Parsed JSON body, raw text when it was not JSON, `undefined` when empty. */
  body: unknown;
  status: number;
  /** Set when a scripted fault answered instead of the handler. */
  fault?: FaultKind;
}

/** Why a request or response broke GitHub's published contract (or the fake's own). */
type ViolationKind =
  | "unknown-operation"
  | "invalid-json"
  | "parameters"
  | "request-body"
  | "response-body"
  | "not-implemented"
  | "handler-error";

export interface Violation {
  kind: ViolationKind;
  method: string;
  path: string;
  operationId?: string;
  status?: number;
  problems: string[];
}

/** Filter for {@link RequestLog.count} and {@link RequestLog.find}: all given fields must match. */
export interface RequestFilter {
  method?: string;
  operationId?: string;
  /** Substring of, or RegExp over, the raw path. */
  path?: string | RegExp;
  status?: number;
}

export class RequestLog {
  readonly entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
  }

  find(filter: RequestFilter = {}): LoggedRequest[] {
    return this.entries.filter((e) => {
      if (filter.method && e.method !== filter.method.toUpperCase()) return false;
      if (filter.operationId && e.operationId !== filter.operationId) return false;
      if (filter.status !== undefined && e.status !== filter.status) return false;
      if (
        filter.path !== undefined &&
        !(typeof filter.path === "string" ? e.path.includes(filter.path) : filter.path.test(e.path))
      )
        return false;
      return true;
    });
  }

  count(filter: RequestFilter = {}): number {
    return this.find(filter).length;
  }

  /** Requests that changed (or tried to change) something. */
  writes(): LoggedRequest[] {
    return this.entries.filter((e) => e.method !== "GET" && e.method !== "HEAD");
  }

  /** `METHOD operationId` per request, handy for asserting a call sequence. */
  summary(): string[] {
    return this.entries.map(
      (e) => `${e.method} ${e.operationId ?? e.path} ${e.status}${e.fault ? ` (${e.fault})` : ""}`,
    );
  }

  clear(): void {
    this.entries.length = 0;
  }
}
