import { describe, expect, it } from "vitest";
import { InvalidEffectError } from "./github-error.js";
import { hasMarker, markerFor, withMarker } from "./markers.js";
import { gitBlobSha } from "./write-files.js";

describe("markers", () => {
  it("appends a hidden marker once", () => {
    expect(withMarker("Hello\n", "incident")).toBe("Hello\n\n<!-- oncall:incident -->");
    expect(withMarker(withMarker("Hello", "incident"), "incident")).toBe("Hello\n\n<!-- oncall:incident -->");
  });
  it("finds only the exact key", () => {
    const body = withMarker("x", "reply-12");
    expect(hasMarker(body, "reply-12")).toBe(true);
    expect(hasMarker(body, "reply-1")).toBe(false);
    expect(hasMarker("<!-- oncall:incident-state v1 abc -->", "incident-state")).toBe(false);
    expect(hasMarker(null, "x")).toBe(false);
  });
  it("refuses keys that could break out of the HTML comment", () => {
    for (const key of ["", "a b", "x-->", "a--b", "-x", "ü"]) expect(() => markerFor(key)).toThrow(InvalidEffectError);
    expect(markerFor("followup/12:3")).toBe("<!-- oncall:followup/12:3 -->");
  });
});

describe("gitBlobSha", () => {
  it("matches git's blob ids", () => {
    expect(gitBlobSha("hello\n")).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    expect(gitBlobSha("")).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    expect(gitBlobSha("é")).toBe("4b04fff51468d8ab5201ab02b725dc477bc7cb45"); // bytes, not characters
  });
});
