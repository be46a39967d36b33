/**
 * Hidden markers that let a rerun find what an earlier run wrote: `<!-- oncall:KEY -->` at the end
 * of a comment or issue body (the format is core/model's markers.ts). The adapter checks every key
 * before it writes one, so nothing but a short identifier ever lands inside an HTML comment.
 */
import { appendMarker, bodyHasMarker, markerText } from "../core/model/index.js";
import { InvalidEffectError } from "./github-error.js";

/** Keys are short identifiers: letters, digits and `._:/-`, starting with a letter or digit. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;

/** Throws {@link InvalidEffectError} for a key that cannot live safely inside an HTML comment. */
export function assertMarkerKey(key: string): void {
  if (!KEY.test(key) || key.includes("--"))
    throw new InvalidEffectError(`marker key ${JSON.stringify(key)} must match ${KEY} and not contain "--"`);
}

/** The marker text for a key. */
export function markerFor(key: string): string {
  assertMarkerKey(key);
  return markerText(key);
}

/** `body` with the key's marker on its own last line (idempotent). */
export function withMarker(body: string, key: string): string {
  assertMarkerKey(key);
  return appendMarker(body, key);
}

/** Whether a body carries the key's marker. */
export function hasMarker(body: string | null | undefined, key: string): boolean {
  assertMarkerKey(key);
  return bodyHasMarker(body, key);
}
